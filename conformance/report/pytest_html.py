"""A pytest plugin for pytest-html 4.x: a "Requirements" column and the evidence as extras.

Registered by the conformance plugin only when pytest-html is active. The requirement IDs come
from the test's ``req`` markers; the evidence from ``report.user_properties`` entries
``("conformance_evidence", Evidence)`` that the conformance plugin stores.
"""

from __future__ import annotations

import html
from collections.abc import Generator, Iterable
from typing import Any

import pytest

from conformance.report.document import evidence_to_dict
from conformance.report.model import Evidence

EVIDENCE_PROPERTY = "conformance_evidence"
REQUIREMENTS_ATTRIBUTE = "conformance_requirements"
_COLUMN = 2  # after Result and Test, before Duration and Links


def requirement_ids(item: pytest.Item) -> tuple[str, ...]:
    """The IDs every ``req`` marker of ``item`` names, in marker order, without repeats."""
    ids = (str(rid) for marker in item.iter_markers("req") for rid in marker.args)
    return tuple(dict.fromkeys(ids))


def evidence_of(report: pytest.TestReport) -> tuple[Evidence, ...]:
    """The evidence the conformance plugin attached to ``report``."""
    return tuple(
        value
        for name, value in report.user_properties
        if name == EVIDENCE_PROPERTY and isinstance(value, Evidence)
    )


def render_evidence(evidence: Evidence) -> str:
    """Evidence as escaped HTML for pytest-html, which inserts html extras verbatim."""
    lines = [f"{evidence.requirement or 'all requirements of this test'}: {evidence.message}"]
    for label, value in (("expected", evidence.expected), ("observed", evidence.observed)):
        if value is not None:
            lines.append(f"{label}: {value}")
    if evidence.example is not None:
        lines.append(f"minimal failing example (seed {evidence.seed}): {evidence.example}")
    for exchange in evidence.exchanges:
        lines.append(f"{exchange.method} {exchange.url} -> {exchange.status}")
        lines.append(f"reproduce with: {exchange.curl}")
    return f'<pre class="conformance-evidence">{html.escape(chr(10).join(lines))}</pre>'


def _extras_for(evidence: Iterable[Evidence]) -> list[dict[str, Any]]:
    from pytest_html import extras

    result: list[dict[str, Any]] = []
    for item in evidence:
        label = item.requirement or "evidence"
        result.append(extras.html(render_evidence(item)))
        result.append(extras.json(evidence_to_dict(item), name=f"{label} evidence"))
    return result


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    # tryfirst makes this the outermost wrapper: the code after ``yield`` sees the evidence
    # other makereport hooks added to the report.
    report = yield
    setattr(report, REQUIREMENTS_ATTRIBUTE, " ".join(requirement_ids(item)))
    # user_properties repeat on every phase's report; attach them once, not three times.
    if report.when == "call" or (report.when == "setup" and report.failed):
        found = evidence_of(report)
        if found:
            extras = [*getattr(report, "extras", []), *_extras_for(found)]
            report.extras = extras  # type: ignore[attr-defined]  # pytest-html reads it
    return report


def pytest_html_results_table_header(cells: list[str]) -> None:
    cells.insert(_COLUMN, '<th class="sortable" data-column-type="requirements">Requirements</th>')


def pytest_html_results_table_row(report: pytest.TestReport, cells: list[str]) -> None:
    ids = getattr(report, REQUIREMENTS_ATTRIBUTE, "")
    cells.insert(_COLUMN, f'<td class="col-requirements">{html.escape(ids)}</td>')
