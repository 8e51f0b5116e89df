"""How a run's tests are arranged before it starts: in the order of the areas (the tests of
every declared operation after them, then the RATE tests, the passive checks after everything),
writes skipped for a read-only run, and the estimate of keyed requests the progress display
announces."""

from __future__ import annotations

import pytest

from conformance.plugin.markers import requirement_ids
from conformance.settings import SuiteSettings

AREA_ORDER = ("AUTH", "FMT", "HTTP", "FLD", "PAG", "RATE")
# Keyed requests outside the tests: the session's fixtures (the scratch project and its items,
# or the given project's discovery) and their cleanup.
SETUP_REQUESTS = {"scratch": 15, "read-only": 9}


def area(item: pytest.Item) -> str:
    """The area of the test's first requirement (``PAG`` for ``PAG-04``), or ''."""
    ids = requirement_ids(item)
    return ids[0].split("-")[0] if ids else ""


def _order(item: pytest.Item) -> tuple[int, float]:
    named = area(item)
    after_all = item.get_closest_marker("after_all") is not None
    position: float = AREA_ORDER.index(named) if named in AREA_ORDER else len(AREA_ORDER)
    if item.get_closest_marker("operations") is not None:
        # every declared operation: after the areas' deeper checks, before RATE spends a window
        position = AREA_ORDER.index("RATE") - 0.5
    return (int(after_all), position)


def arrange(items: list[pytest.Item], settings: SuiteSettings) -> None:
    """Sort ``items`` in place (stable: tests keep their order within an area); with
    ``--read-only``, mark the tests that write as skipped."""
    items.sort(key=_order)
    if settings.read_only:
        skip = pytest.mark.skip(reason="needs writes; the run is --read-only")
        for item in items:
            if item.get_closest_marker("writes") is not None:
                item.add_marker(skip)


def operation_tests(items: list[pytest.Item]) -> dict[str, str]:
    """Operation label -> node id, for the tests parametrised by a declared operation."""
    found: dict[str, str] = {}
    for item in items:
        callspec = getattr(item, "callspec", None)
        operation = callspec.params.get("operation") if callspec is not None else None
        label = getattr(operation, "label", None)
        if isinstance(label, str):
            found[label] = item.nodeid
    return found


def skipped(item: pytest.Item) -> bool:
    """The test is marked to skip before it starts (a write in a read-only run, say)."""
    return any(m.name == "skip" for m in item.iter_markers())


def item_budget(item: pytest.Item, settings: SuiteSettings) -> int:
    """Keyed requests the test's ``budget`` marker says it sends in the run's profile (none
    when it is skipped before it starts, or has no marker)."""
    marker = item.get_closest_marker("budget")
    if marker is None or skipped(item):
        return 0
    return int(marker.args[0] if settings.full else marker.args[1])


def keyed_alone(items: list[pytest.Item], settings: SuiteSettings) -> int:
    """Of ``keyed_budget``, the requests of tests whose markers say no keyless request rides
    along (``budget(..., alone=True)``: the search of declared parameters)."""
    return sum(
        item_budget(item, settings)
        for item in items
        if (marker := item.get_closest_marker("budget")) is not None
        and marker.kwargs.get("alone", False)
    )


def keyed_budget(items: list[pytest.Item], settings: SuiteSettings) -> int:
    """Keyed requests the ``budget`` markers of ``items`` account for in the run's profile,
    with the setup's (tests/plugin/test_budgets.py holds both to what a run sends)."""
    setup = SETUP_REQUESTS["read-only" if settings.read_only else "scratch"]
    return setup + sum(item_budget(item, settings) for item in items)
