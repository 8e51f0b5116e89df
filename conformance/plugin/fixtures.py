"""The fixtures suite tests use: ``plane`` (the target), ``subject`` (the project under test),
``coverage`` (the description's operations) and ``check`` (soft assertions). Registered by the
session plugin when a target is given."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.checks import Checker
from conformance.plugin.coverage import Coverage
from conformance.plugin.progress import find_sink
from conformance.plugin.stash import COVERAGE_KEY, JOURNAL_KEY, TARGET_KEY, Journal
from conformance.plugin.subject import (
    ScratchFailed,
    Subject,
    create_scratch,
    delete_scratch,
    discover,
    read_instead,
)
from conformance.plugin.target import Target


@pytest.fixture(scope="session")
def plane(request: pytest.FixtureRequest) -> Target:
    """The target under test, behind the one HTTP client."""
    return request.config.stash[TARGET_KEY]


@pytest.fixture(scope="session")
def subject(request: pytest.FixtureRequest, plane: Target) -> Iterator[Subject]:
    """The project the suite works in: scratch (always deleted at the end) or, with
    --read-only, the given project, only read. When the target refuses to create the scratch
    project, the given project (if any) is read instead, and only what needs writes skips."""
    if plane.settings.read_only:
        assert plane.settings.project is not None
        yield discover(plane, plane.settings.project)
        return
    made: list[Subject] = []
    try:
        try:
            created = create_scratch(plane, made)
        except ScratchFailed as exc:
            if plane.settings.project is None:
                raise
            created = read_instead(plane, plane.settings.project, exc)
            request.config.stash[JOURNAL_KEY].notes.append(created.missing["scratch"])
        yield created
    finally:
        if made:
            journal = request.config.stash[JOURNAL_KEY]
            left = _delete(request.config, plane, made[0], journal)
            journal.cleanup_left.extend(left)
            if not left:
                journal.notes.append(
                    f"the scratch project {made[0].prefix} ({made[0].project}) was deleted at "
                    "the end: to replay a curl line that names it or its items, put the id of an "
                    "existing project of yours (and of its items) in their place"
                )


def _delete(config: pytest.Config, plane: Target, scratch: Subject, journal: Journal) -> list[str]:
    """Delete the scratch project, saying so: the cleanup may wait out a rate-limit window, and
    a person who sees only the wait would press Ctrl-C again. That Ctrl-C leaves at once, and
    what was left is named (in the report's cleanup and the summary)."""
    if not scratch.created:
        return []
    sink = find_sink(config)
    again = "again " if journal.interrupted else ""
    name = f"{scratch.prefix} ({scratch.project})"
    sink.notice(f"deleting the scratch project {name}; Ctrl-C {again}to leave it")
    try:
        return delete_scratch(plane, scratch)
    except KeyboardInterrupt:
        journal.interrupted = True
        sink.notice(f"left on the target: the scratch project {name}; delete it by hand")
        outside = [f"{path}: left at Ctrl-C, not deleted" for path in scratch.outside]
        return [
            *outside,
            f"project {scratch.project} ({scratch.prefix}): left at Ctrl-C, not deleted",
        ]


@pytest.fixture(scope="session")
def coverage(request: pytest.FixtureRequest) -> Coverage:
    """The run's description and what its operation tests found."""
    return request.config.stash[COVERAGE_KEY]


@pytest.fixture
def check() -> Checker:
    """Soft assertions: every violation of the test is reported, not just the first."""
    return Checker()
