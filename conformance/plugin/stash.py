"""The keys under which a run keeps its state in pytest's stashes, and the journal the fixtures
write to. Its own module, so the fixtures and the session plugin both import it and not each
other."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conformance.checks import Checker
from conformance.plugin.coverage import Coverage
from conformance.plugin.target import Target


@dataclass(slots=True)
class Journal:
    """What the run learns on the way, for the report: notes and what the cleanup left."""

    notes: list[str] = field(default_factory=list)
    cleanup_left: list[str] = field(default_factory=list)
    interrupted: bool = False  # Ctrl-C (or SIGTERM) arrived: the cleanup says a second one leaves


# config.stash: the run's target, journal and operations; item.stash: where a test's exchanges
# begin, when it started, and the checker that decided its requirements.
TARGET_KEY = pytest.StashKey[Target]()
JOURNAL_KEY = pytest.StashKey[Journal]()
COVERAGE_KEY = pytest.StashKey[Coverage]()
MARK_KEY = pytest.StashKey[int]()
START_KEY = pytest.StashKey[float]()
CHECKER_KEY = pytest.StashKey[Checker]()
