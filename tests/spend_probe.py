"""What each test of an in-process run spent: a probe plugin for ``run_suite(plugins=...)``.

Every request of the run goes to one account. A test's account holds what was sent from the start
of its setup to the start of its teardown, with the module and function fixtures it was the first
to need; ``before`` holds what was sent before the first test (the description), ``setup`` what
the session-scoped fixtures sent (the scratch project) and what the teardowns sent (its
cleanup). ``keyed`` counts the requests with a valid key in X-API-Key (what the target's rate
limit counts: the deliberately invalid keys of AUTH-02 and keys sent elsewhere do not), ``total``
all of them.
"""

from __future__ import annotations

from collections.abc import Generator
from dataclasses import dataclass, field
from typing import Any

import pytest

from conformance.plugin.ordering import item_budget
from conformance.plugin.stash import TARGET_KEY

BEFORE, SETUP = "before", "setup"


@dataclass(frozen=True, slots=True)
class Spent:
    """What one account sent, and what the test's ``budget`` marker says for the profile."""

    keyed: int
    total: int
    budget: int | None = None
    # the test draws Hypothesis examples: its spend may differ with the seed
    property_based: bool = False


@dataclass(slots=True, eq=False)  # eq=False: pluggy keeps its plugins in a set
class SpendProbe:
    """Registered with the inner run; ``accounts()`` after it ends."""

    _switches: list[tuple[int, str]] = field(default_factory=list)
    _current: list[str] = field(default_factory=list)
    _config: pytest.Config | None = None
    _tests: dict[str, tuple[int | None, bool]] = field(default_factory=dict)

    def _mark(self, account: str) -> None:
        assert self._config is not None
        self._switches.append((self._config.stash[TARGET_KEY].recorder.mark(), account))

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        self._config = item.config
        settings = item.config.stash[TARGET_KEY].settings
        budget = item_budget(item, settings) if item.get_closest_marker("budget") else None
        self._tests[item.nodeid] = (budget, _draws_examples(item))
        self._current = [item.nodeid]
        self._mark(item.nodeid)
        return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_fixture_setup(
        self, fixturedef: pytest.FixtureDef[Any], request: pytest.FixtureRequest
    ) -> Generator[None, Any, Any]:
        if fixturedef.scope != "session" or not self._current:
            return (yield)
        self._current.append(SETUP)
        self._mark(SETUP)
        try:
            return (yield)
        finally:
            self._current.pop()
            self._mark(self._current[-1])

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_teardown(self, item: pytest.Item) -> Generator[None, None, None]:
        self._current = [SETUP]
        self._mark(SETUP)
        return (yield)

    def accounts(self) -> dict[str, Spent]:
        """Account name (``before``, ``setup`` or a node id) -> what it spent, in the order of
        the run."""
        assert self._config is not None, "the probe saw no test"
        target = self._config.stash[TARGET_KEY]
        valid = set(target.keys.secrets())
        keyed = dict.fromkeys([BEFORE, SETUP, *self._tests], 0)
        total = dict(keyed)
        switches = [(0, BEFORE), *self._switches]
        for seq, exchange in enumerate(target.recorder.exchanges):
            account = next(a for mark, a in reversed(switches) if mark <= seq)
            total[account] += 1
            keyed[account] += exchange.request_header("X-API-Key") in valid
        found = {name: Spent(keyed[name], total[name]) for name in (BEFORE, SETUP)}
        for nodeid, (budget, drawn) in self._tests.items():
            found[nodeid] = Spent(keyed[nodeid], total[nodeid], budget, drawn)
        return found


def _draws_examples(item: pytest.Item) -> bool:
    """The test's spend is a bound, not a count: it runs a Hypothesis property (it names
    ``given`` or ``budgeted``), or its marker says ``at_most`` (a request the run's timing may
    make needless)."""
    marker = item.get_closest_marker("budget")
    if marker is not None and marker.kwargs.get("at_most", False):
        return True
    code = getattr(getattr(item, "obj", None), "__code__", None)
    return code is not None and bool({"given", "budgeted"} & set(code.co_names))
