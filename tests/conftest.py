"""The order the tests start in, and how xdist hands them out.

The slow tests start first, and first of those the ones that mostly wait (for pip, or for a
separate process on the real clock), so their waiting overlaps the others' work; the thousands
of quick tests fill the workers at the end. Under ``pytest -n 4`` xdist hands the tests out in
this order, two at a time as workers free up: by default each worker starts with a quarter of
its share in one block (the 80 runs of the fault matrix went to one worker that way, and ran on
alone for minutes after the others had finished). A ``--maxschedchunk`` of the command line wins.
"""

from __future__ import annotations

import pytest

WAITING = (
    "tests/test_pre_commit_hook.py",
    "tests/runner/test_process.py",
    "tests/hostile/test_interrupts.py",
)
CHUNK = 2


def _start(item: pytest.Item) -> tuple[bool, bool]:
    """Sorts the waiting slow tests first, then the other slow ones, then the rest."""
    return item.get_closest_marker("slow") is None, not item.nodeid.startswith(WAITING)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    items.sort(key=_start)  # stable: in collection order within each kind


def pytest_configure(config: pytest.Config) -> None:
    # set here, not in addopts: a run with -p no:xdist has no such option
    if config.pluginmanager.hasplugin("xdist") and config.getoption("maxschedchunk") is None:
        config.option.maxschedchunk = CHUNK
