"""The ``req`` marker, enforced: unknown IDs are collection errors; suite tests must name IDs."""

from __future__ import annotations

from collections.abc import Generator
from typing import Any

import pytest

SUITE_PACKAGE = "conformance.suite"


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
    if not ids:
        if _is_suite_test(item):
            raise collector.CollectError(
                f"{item.name}: a suite test must name its requirement "
                "IDs with @pytest.mark.req(...)"
            )
        return
    from conformance.catalogue import load_catalogue

    unknown = [rid for rid in ids if rid not in load_catalogue().ids]
    if unknown:
        raise collector.CollectError(
            f"{item.name}: unknown requirement ID(s) {', '.join(unknown)} in @pytest.mark.req"
        )
