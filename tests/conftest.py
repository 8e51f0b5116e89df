"""The order the tests start in: the slow ones first, and first of those the ones that wait.

Under ``pytest -n 4`` xdist hands the tests to the workers in this order, two at a time as they
free up (``--maxschedchunk 2`` in the project's addopts), so the long ones (whole runs of the
suite, runs on the real clock, the pre-commit install) start at once and the thousands of quick
ones fill the workers at the end; in collection order a slow test could start last and run alone.
The tests that mostly wait (for pip, or for a separate process on the real clock) go first of all,
so that their waiting overlaps the others' work.
"""

from __future__ import annotations

import pytest

WAITING = (
    "tests/test_pre_commit_hook.py",
    "tests/runner/test_process.py",
    "tests/hostile/test_interrupts.py",
)


def _start(item: pytest.Item) -> tuple[bool, bool]:
    """Sorts the waiting slow tests first, then the other slow ones, then the rest."""
    return item.get_closest_marker("slow") is None, not item.nodeid.startswith(WAITING)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start)  # stable: in collection order within each kind
