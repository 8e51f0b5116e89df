"""compliance.html: one self-contained page (inline CSS and JS, nothing fetched) from the document.

Bodies come from servers we do not trust, so autoescaping is on and nothing from the document
is ever marked safe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import jinja2

from conformance.report.selection import NOT_SELECTED, options_text, partial_text
from conformance.report.verdict import interop_gated

BODY_LIMIT = 4000
SUMMARY_COLUMNS = ("pass", "fail", "warn", "error", "skip", "untested")

_HEADLINES = MappingProxyType(
    {"conformant": "Conformant", "non-conformant": "Not conformant", "incomplete": "Incomplete"}
)


def render_html(document: Mapping[str, Any]) -> str:
    """The compliance.html text of a compliance document. A targeted run's page says at the top
    that it is partial, and shows the requirements it did not select apart, greyed."""
    environment = _environment()
    template = environment.get_template("compliance.html.j2")
    requirements = document["requirements"]
    partial = partial_text(document)
    statuses: tuple[str, ...] = ("pass", "fail", "error", "skip", "untested")
    return template.render(
        doc=document,
        headline=_HEADLINES[document["verdict"]],
        explanation=verdict_explanation(document),
        partial=partial,
        chosen_by=_chosen_by(document),
        not_selected=[r for r in requirements if r["status"] == NOT_SELECTED],
        areas=area_summary(document),
        columns=(*SUMMARY_COLUMNS, NOT_SELECTED) if partial else SUMMARY_COLUMNS,
        failures=sorted(
            (r for r in requirements if r["status"] in {"fail", "error"}), key=_failure_rank
        ),
        unverified=[r for r in requirements if r["status"] in {"skip", "untested"}],
        interop=document.get("interop"),
        statuses=(*statuses, NOT_SELECTED) if partial else statuses,
        operations=document.get("operations"),
        drift=document.get("drift", []),
    )


def verdict_explanation(document: Mapping[str, Any]) -> str:
    """One sentence saying why the verdict is what it is."""
    must = [r for r in document["requirements"] if r["level"] == "MUST"]
    failed = [r for r in must if r["status"] == "fail" and not r["waived"]]
    unverified = [r for r in must if r["status"] in {"error", "skip", "untested"}]
    gated = interop_gated(document)
    if gated and not failed:
        return (
            f"{_count(gated, 'call')} of Plane's official SDK failed, and the run is gated on it."
        )
    if failed:
        return f"{_count(len(failed), 'MUST requirement')} failed."
    parts = []
    if unverified:
        parts.append(f"{_count(len(unverified), 'MUST requirement')} could not be verified")
    if document["interrupted"]:
        parts.append("the run was interrupted")
    if parts:
        return f"No MUST requirement failed, but {' and '.join(parts)}."
    waived = sum(1 for r in must if r["waived"])
    tail = f" ({_count(waived, 'waived failure')})" if waived else ""
    if partial_text(document):
        return f"Every selected MUST requirement passed{tail}."
    return f"Every MUST requirement passed{tail}."


def area_summary(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Counts per area in catalogue order, with bar segment widths in percent."""
    names: Mapping[str, str] = document.get("areas", {})
    rows: dict[str, dict[str, Any]] = {}
    for requirement in document["requirements"]:
        row = rows.setdefault(
            requirement["area"],
            {"area": requirement["area"], "name": names.get(requirement["area"], ""), "total": 0}
            | dict.fromkeys((*SUMMARY_COLUMNS, NOT_SELECTED, "waived"), 0),
        )
        row["total"] += 1
        status = requirement["status"]
        if status == "fail" and requirement["level"] != "MUST":
            status = "warn"
        row[status] += 1
        row["waived"] += 1 if requirement["waived"] else 0
    for row in rows.values():
        row["widths"] = {
            c: round(100 * row[c] / row["total"], 2) for c in (*SUMMARY_COLUMNS, NOT_SELECTED)
        }
    return list(rows.values())


def _chosen_by(document: Mapping[str, Any]) -> str:
    """The options of a targeted run, as the command line gives them ('' for a full run)."""
    selection = document.get("selection")
    if not selection:
        return ""
    return options_text(selection["only"], selection["operations"], selection["last_failed"])


def format_body(body: str | None) -> str:
    """A body for reading: JSON pretty-printed, anything past BODY_LIMIT cut with a note."""
    if body is None:
        return ""
    try:
        text = json.dumps(json.loads(body), indent=2, ensure_ascii=False)
    except (ValueError, RecursionError):  # not JSON, or nested too deep to re-indent
        text = body
    if len(text) <= BODY_LIMIT:
        return text
    hidden = len(text) - BODY_LIMIT
    return f"{text[:BODY_LIMIT]}\n… {hidden} more characters not shown (see compliance.json)"


def format_headers(headers: Mapping[str, str]) -> str:
    """Headers one per line, as on the wire."""
    return "\n".join(f"{name}: {value}" for name, value in headers.items())


def _failure_rank(requirement: Mapping[str, Any]) -> int:
    """What decides the verdict first: MUST failures, then warnings, errors, waived failures."""
    if requirement["waived"]:
        return 3
    if requirement["status"] == "error":
        return 2
    return 0 if requirement["level"] == "MUST" else 1


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def template_environment(package: str) -> jinja2.Environment:
    """The jinja environment of the templates in ``package``'s ``templates`` folder, as every
    page of the project renders them: escaped, strict about undefined names, no stray blank
    lines."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader(package, "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


@cache  # one environment a process: building it costs more than a render
def _environment() -> jinja2.Environment:
    environment = template_environment("conformance.report")
    environment.filters["body"] = format_body
    environment.filters["headers"] = format_headers
    return environment
