"""A targeted run's reports: the requirements it left out are ``not selected`` in every one of
them, count neither way, and each report says that the run was partial."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from typing import Any

from conformance.report import Selection, build_document, gate_exit_code, schema_errors
from conformance.report.badge import badge_text
from conformance.report.baseline import apply_baseline
from conformance.report.html import render_html
from conformance.report.junit import render_junit
from conformance.report.selection import NOT_SELECTED, restrict
from conformance.report.waivers import Waiver, apply_waivers
from tests.report.html_structure import outline
from tests.report.samples import (
    catalogue,
    evidence,
    operations,
    outcome,
    rich_document,
    rich_outcomes,
    run_info,
)

ONLY = Selection(requirements=frozenset({"AUTH-01", "PAG-07"}), only=("AUTH-01", "PAG-07"))


def partial(selection: Selection = ONLY) -> dict[str, Any]:
    """The rich run (a MUST failure on PAG-04, an error on HTTP-07, ...), as a targeted run that
    selected only what passed."""
    return build_document(
        run_info(selection=selection, operations=operations()), rich_outcomes(), catalogue()
    )


def statuses(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in document["requirements"]}


def test_what_was_not_selected_counts_neither_way() -> None:
    document = partial()
    assert statuses(document) == {
        "AUTH-01": "pass", "AUTH-04": NOT_SELECTED, "HTTP-07": NOT_SELECTED,
        "PAG-02": NOT_SELECTED, "PAG-04": NOT_SELECTED, "PAG-07": "pass",
        "RATE-07": NOT_SELECTED,
    }  # fmt: skip
    assert document["verdict"] == "conformant"  # PAG-04's failure was not selected
    assert document["summary"] == {
        "pass": 2, "fail": 0, "warn": 0, "error": 0, "skip": 0, "untested": 0, "waived": 0,
        NOT_SELECTED: 5,
    }  # fmt: skip
    pag04 = next(r for r in document["requirements"] if r["id"] == "PAG-04")
    assert (pag04["severity"], pag04["tests"], pag04["evidence"]) == (None, [], [])
    assert pag04["reason"] == "not selected: the run was limited by --only AUTH-01,PAG-07"
    assert [t["name"] for t in document["tests"]] == [
        "test_missing_key_is_rejected",
        "test_first_prev_cursor",
    ]


def test_the_document_says_what_was_selected_and_keeps_its_schema() -> None:
    document = partial(
        Selection(
            requirements=frozenset({"PAG-04", "PAG-07"}),
            only=("PAG",),
            operations=("GET users/me/",),
            last_failed=True,
        )
    )
    assert document["selection"] == {
        "only": ["PAG"],
        "operations": ["GET users/me/"],
        "last_failed": True,
        "requirements": ["PAG-04", "PAG-07"],
        "selected": 2,
        "of": 7,
    }
    assert document["verdict"] == "non-conformant"  # a selected MUST failed
    assert schema_errors(document) == []
    assert "selection" not in rich_document()  # a full run has none
    assert rich_document()["summary"][NOT_SELECTED] == 0


def test_a_selected_test_says_nothing_of_the_requirements_left_out() -> None:
    """A 5xx seen during a pagination test fails HTTP-07 in a full run; in a run that selected
    only PAG-04, it is dropped with its evidence."""
    seen = outcome(
        "test_pages",
        ("PAG-04",),
        "failed",
        "per_page=101 accepted; 500 on a cursor",
        (evidence("PAG-04", "per_page=101 accepted"), evidence("HTTP-07", "500 on a cursor")),
    )
    kept = restrict(seen, frozenset({"PAG-04"}))
    assert kept is not None
    assert [e.requirement for e in kept.evidence] == ["PAG-04"]
    assert kept.message == "per_page=101 accepted"
    assert restrict(seen, frozenset({"RATE-07"})) is None
    selection = Selection(requirements=frozenset({"PAG-04"}), only=("PAG-04",))
    document = build_document(run_info(selection=selection), [seen], catalogue())
    assert statuses(document)["HTTP-07"] == NOT_SELECTED
    full = build_document(run_info(), [seen], catalogue())
    assert statuses(full)["HTTP-07"] == "fail"


def test_the_badge_says_the_run_was_partial() -> None:
    document = {**partial(), "started_at": "2026-11-28T14:00:00Z", "catalogue": {"version": "1"}}
    assert badge_text(document) == "conformant (2/7) | catalogue 1 | 2026-11-28"


def test_junit_leaves_out_what_was_not_selected() -> None:
    root = ET.fromstring(render_junit(partial()))
    names = [case.get("name", "").split()[0] for case in root.iter("testcase")]
    assert names == ["AUTH-01", "PAG-07"]
    suite = root.find("testsuite")
    assert suite is not None
    assert (suite.get("tests"), suite.get("skipped"), suite.get("failures")) == ("2", "0", "0")
    facts = {p.get("name"): p.get("value") for p in root.iter("property")}
    assert facts["selection"] == "2 of 7 requirements selected"
    assert "selection" not in {
        p.get("name") for p in ET.fromstring(render_junit(rich_document())).iter("property")
    }


def test_the_page_says_it_is_partial_and_shows_the_rest_apart() -> None:
    page = render_html(partial())
    assert (
        '<p id="partial" class="verdict-partial">Partial run: 2 of 7 requirements selected '
        "(--only AUTH-01,PAG-07). The others are not selected: this report says nothing about "
        "them.</p>"
    ) in page
    lines = outline(page).splitlines()
    assert "  p#verdict-explanation | Every selected MUST requirement passed." in lines
    assert "section#not-selected" in lines
    shown = [line.strip() for line in lines if "not-selected-item" in line]
    assert shown == [
        f"span.not-selected-item.rid[data-id={rid}] | {rid}"
        for rid in ("AUTH-04", "HTTP-07", "PAG-02", "PAG-04", "RATE-07")
    ]
    # greyed in the matrix, never among the skipped
    assert 'class="req-row req-not-selected" id="req-PAG-04"' in page
    assert 'class="status status-not-selected"' in page
    unverified = page.split('<section id="unverified">')[1].split("</section>")[0]
    assert "PAG-04" not in unverified
    full = render_html(rich_document())
    assert 'id="partial"' not in full
    assert 'id="not-selected"' not in full


def test_operations_left_out_say_so() -> None:
    items = partial()["operations"]["items"]
    assert [(i["path"], i["exercised"], i["reason"]) for i in items] == [
        ("users/me/", True, ""),
        ("workspaces/{slug}/projects/{project_id}/issues/", False, NOT_SELECTED),
        (
            "workspaces/{slug}/stickies/{pk}/",
            False,
            "the smoke profile checks the fixed surface only",
        ),
    ]


def test_a_baseline_sees_no_regression_in_what_was_not_selected() -> None:
    baseline = {"requirements": [{"id": r.id, "status": "pass"} for r in catalogue().requirements]}
    document = apply_baseline(partial(), baseline, "baseline.json")
    assert document["gate"]["baseline"] == {
        "path": "baseline.json",
        "regressions": [],
        "fixes": [],
        "lost": [],
    }
    assert gate_exit_code(document) == 0


def test_a_waiver_of_a_requirement_not_selected_is_unused_not_stale() -> None:
    document = apply_waivers(
        partial(), [Waiver("PAG-04", "vendor ticket", dt.date(2099, 1, 1))], dt.date(2026, 1, 1)
    )
    assert document["gate"]["waivers"]["stale"] == []
    assert document["gate"]["waivers"]["inapplicable"] == [
        {"id": "PAG-04", "reason": "vendor ticket", "status": NOT_SELECTED}
    ]
    assert document["verdict"] == "conformant"
