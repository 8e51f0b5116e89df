"""The report's interop section: advisory by default, gating with --interop-gate, in
compliance.json (valid against the schema) and in compliance.html with each failed call's
exchange."""

from __future__ import annotations

from typing import Any

from conformance.http import Exchange
from conformance.interop import CallResult, InteropResult
from conformance.report import schema_errors
from conformance.report.html import render_html
from conformance.report.verdict import refresh
from tests.report.samples import HOSTILE_BODY, rich_document

EXCHANGE = Exchange(
    seq=1,
    started_at=0.0,
    method="GET",
    url="http://target.test/api/v1/workspaces/w/projects/",
    request_headers=(("X-API-Key", "$PLANE_API_KEY"),),
    request_body="",
    request_truncated=False,
    status=200,
    response_headers=(("content-type", "application/json"),),
    response_body='{"extra_stats": {}, "results": [], "note": ' + HOSTILE_BODY[:-1] + "}}",
    truncated=False,
    elapsed_ms=3.0,
    error=None,
)


def _with_interop(*, gate: bool, failed: bool = True) -> dict[str, Any]:
    calls = [CallResult("users.get_me", "client.users.get_me()", "ok")]
    if failed:
        calls.append(
            CallResult(
                "projects.list",
                "client.projects.list(slug)",
                "failed",
                "parse",
                "PaginatedProjectResponse cannot read the answer: extra_stats: ...",
                (EXCHANGE,),
            )
        )
    result = InteropResult("plane-sdk", "0.3.2", tuple(calls), gate=gate)
    document = {**rich_document(), "interop": result.to_json()}
    return refresh(document)


def _without_failed_musts(document: dict[str, Any]) -> dict[str, Any]:
    for requirement in document["requirements"]:
        if requirement["status"] in ("fail", "error", "skip", "untested"):
            requirement.update(status="pass", severity=None)
    return refresh(document)


def test_interop_is_advisory_without_the_gate() -> None:
    document = _without_failed_musts(_with_interop(gate=False))
    assert document["verdict"] == "conformant"
    assert schema_errors(document) == []
    assert schema_errors(_with_interop(gate=True)) == []


def test_the_gate_makes_a_failed_call_decide_the_verdict() -> None:
    document = _without_failed_musts(_with_interop(gate=True))
    assert document["verdict"] == "non-conformant"
    html = render_html(document)
    assert "1 call of Plane&#39;s official SDK failed" in html
    passing = _without_failed_musts(_with_interop(gate=True, failed=False))
    assert passing["verdict"] == "conformant"


def test_the_section_shows_each_failed_call_with_its_exchange_escaped() -> None:
    html = render_html(_with_interop(gate=False))
    section = html.split('<section id="interop"', 1)[1].split("</section>", 1)[0]
    assert 'data-call="projects.list"' in section
    assert "users.get_me" not in section  # calls that worked are only counted
    assert "1 of 2 calls worked, 1 failed, 0 not run" in section
    assert "curl -X GET" in section
    assert "<script>" not in section


def test_no_section_without_an_interop_run() -> None:
    document = rich_document()
    assert "interop" not in document
    assert 'id="interop"' not in render_html(document)
