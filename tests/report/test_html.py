"""compliance.html: verdict, structure snapshot, escaping of hostile bodies, no external fetches."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest

from conformance.report import build_document
from conformance.report.baseline import apply_baseline
from conformance.report.html import BODY_LIMIT, format_body, render_html
from conformance.report.model import Evidence
from conformance.report.waivers import Waiver, apply_waivers
from tests.report.html_structure import outline
from tests.report.samples import (
    catalogue,
    exchange,
    outcome,
    rich_document,
    run_info,
)

SNAPSHOT = Path(__file__).parent / "snapshots" / "compliance_html_outline.txt"


def gated_document() -> dict[str, object]:
    """The rich document with a waiver, a stale and an expired waiver, and a baseline."""
    document = apply_waivers(
        rich_document(),
        [
            Waiver("AUTH-04", "vendor ticket 12", dt.date(2099, 1, 1)),
            Waiver("AUTH-01", "old", dt.date(2099, 1, 1)),
            Waiver("PAG-04", "expired one", dt.date(2020, 1, 1)),
        ],
        dt.date(2026, 11, 28),
        "waivers.yaml",
    )
    baseline = {
        "requirements": [{"id": "PAG-04", "status": "pass"}, {"id": "HTTP-07", "status": "fail"}]
    }
    return apply_baseline(document, baseline, "baseline.json")


def test_structure_matches_the_pinned_outline() -> None:
    got = outline(render_html(gated_document()))
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        SNAPSHOT.write_text(got, encoding="utf-8")
    assert got == SNAPSHOT.read_text(encoding="utf-8"), (
        "compliance.html structure changed; review, then rerun with UPDATE_SNAPSHOTS=1"
    )


@pytest.mark.parametrize(
    ("results", "interrupted", "verdict", "headline"),
    [
        pytest.param("passed", False, "conformant", "Conformant", id="conformant"),
        pytest.param("failed", False, "non-conformant", "Not conformant", id="non-conformant"),
        pytest.param("passed", True, "incomplete", "Incomplete", id="incomplete"),
    ],
)
def test_verdict_header_states_the_verdict(
    results: str, interrupted: bool, verdict: str, headline: str
) -> None:
    outcomes = [outcome(r.id, (r.id,), results, "m") for r in catalogue().requirements]  # type: ignore[arg-type]
    page = render_html(build_document(run_info(interrupted=interrupted), outcomes, catalogue()))
    assert f'id="verdict" class="verdict verdict-{verdict}"' in page
    assert f'<h1 id="verdict-headline">{headline}</h1>' in page


def test_hostile_body_is_escaped() -> None:
    page = render_html(rich_document())
    assert "&lt;script&gt;alert(&#39;pwned&#39;)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert "<img src=x" not in page
    assert len(re.findall(r"<script\b", page)) == 1  # only the page's own script


def test_every_text_field_of_the_evidence_is_escaped() -> None:
    hostile = "<b>x</b>"
    record = exchange(hostile)
    record = type(record)(
        method=hostile,
        url=hostile,
        request_headers={hostile: hostile},
        request_body=hostile,
        status=500,
        response_headers={hostile: hostile},
        response_body=hostile,
        truncated=True,
        elapsed_ms=1.0,
        error=hostile,
        curl=hostile,
    )
    evidence = Evidence(
        test=hostile,
        requirement="PAG-04",
        message=hostile,
        expected=hostile,
        observed=hostile,
        example=hostile,
        seed=1,
        exchanges=(record,),
    )
    document = build_document(
        run_info(base_url=hostile, workspace=hostile, notes=(hostile,)),
        [outcome("t", ("PAG-04",), "failed", hostile, (evidence,))],
        catalogue(),
    )
    page = render_html(document)
    assert "<b>" not in page
    assert page.count("&lt;b&gt;x&lt;/b&gt;") >= 15


def test_nothing_is_fetched_from_anywhere() -> None:
    page = render_html(gated_document())
    assert re.findall(r"""(?:src|href|action)\s*=\s*["']?\s*(?:https?:)?//""", page, re.I) == []
    assert re.findall(r"<link\b|@import|url\(", page, re.I) == []
    assert "<style>" in page
    assert "addEventListener" in page  # the script is inline


def test_long_bodies_are_cut_with_a_note() -> None:
    shown = format_body("x" * (BODY_LIMIT + 250))
    assert shown.startswith("x" * BODY_LIMIT)
    assert shown.endswith("250 more characters not shown (see compliance.json)")
    assert format_body('{"a":1}') == '{\n  "a": 1\n}'


def test_waivers_baseline_cleanup_and_notes_are_shown() -> None:
    page = render_html(gated_document())
    assert 'class="tag tag-waived">waived</span>' in page
    assert "Waived until 2099-01-01: vendor ticket 12" in page
    assert '<li class="waiver-stale"><span class="rid">AUTH-01</span> is stale' in page
    assert '<li class="waiver-expired"><span class="rid">PAG-04</span>' in page
    assert 'Regressions (passed there, fail or error now): <a href="#failure-PAG-04"' in page
    assert '<li class="left-over"><code>issue 42 in project 7f9c</code></li>' in page
    assert '<li class="note">second key not configured</li>' in page


def test_a_body_nested_too_deep_to_reindent_is_shown_as_sent() -> None:
    from conformance.report.html import format_body

    deep = "[" * 100_000 + "]" * 100_000
    assert format_body(deep).startswith("[[[")
