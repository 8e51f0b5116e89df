"""The ``req`` marker, enforced: unknown IDs are collection errors; suite tests must name IDs.

It also scans the source of every module whose tests name requirements (for the suite, all its
modules, helpers too) for the IDs it writes, in markers and checks alike
(``conformance.catalogue.places``): a mistyped one fails the collection, before a request is
sent."""

from __future__ import annotations

from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

SUITE_PACKAGE = "conformance.suite"
SCANNED = pytest.StashKey[set[Path]]()


def requirement_ids(item: pytest.Item) -> tuple[str, ...]:
    """The IDs of every ``req`` marker on ``item``, in order, without repeats."""
    ids = [str(arg) for marker in item.iter_markers("req") for arg in marker.args]
    return tuple(dict.fromkeys(ids))


def _is_suite_test(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return getattr(module, "__name__", "").startswith(SUITE_PACKAGE + ".")


@pytest.hookimpl(wrapper=True)
def pytest_pycollect_makeitem(
    collector: pytest.Collector, name: str, obj: object
) -> Generator[None, Any, Any]:
    result = yield
    produced = result if isinstance(result, list) else [result]
    for item in produced:
        if isinstance(item, pytest.Item):
            _validate(collector, item)
    return result


def _validate(collector: pytest.Collector, item: pytest.Item) -> None:
    ids = requirement_ids(item)
    suite = _is_suite_test(item)
    if not ids and suite:
        raise collector.CollectError(
            f"{item.name}: a suite test must name its requirement IDs with @pytest.mark.req(...)"
        )
    if not ids:
        return
    from conformance.catalogue.ids import known_ids, unknown

    for rid in ids:
        if rid not in known_ids():
            raise collector.CollectError(str(unknown(rid, f"@pytest.mark.req of {item.name}")))
    _scan(collector, item, suite=suite)


def _scan(collector: pytest.Collector, item: pytest.Item, *, suite: bool) -> None:
    """Every ID written in the item's module (in the suite: in any of its modules) is one the
    catalogue has; each file is read once per session."""
    source = getattr(getattr(item, "module", None), "__file__", None)
    if source is None:
        return
    module = Path(source)
    scanned = collector.config.stash.setdefault(SCANNED, set())
    files = sorted(module.parent.glob("*.py")) if suite else [module]
    todo = [path for path in files if path not in scanned]
    if not todo:
        return
    scanned.update(todo)
    from conformance.catalogue.ids import unknown
    from conformance.catalogue.places import scan_file, unknown_places

    wrong = unknown_places([p for path in todo for p in scan_file(path, "test")])
    if wrong:
        raise collector.CollectError(
            "\n".join(str(unknown(p.requirement, f"{p.location} ({p.describe()})")) for p in wrong)
        )
