"""junit.xml: one testcase per requirement, typed failures, counts that match."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from conformance.report.junit import render_junit
from conformance.report.waivers import Waiver, apply_waivers
from tests.report.samples import rich_document


def cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml)
    return {case.get("name", "").split()[0]: case for case in root.iter("testcase")}


def test_one_testcase_per_requirement_with_area_classname() -> None:
    document = rich_document()
    found = cases(render_junit(document))
    assert list(found) == [r["id"] for r in document["requirements"]]
    assert found["PAG-04"].get("classname") == "PAG"
    assert found["PAG-04"].get("name") == "PAG-04 per_page above 100 gets 400"


def test_each_status_maps_to_its_element() -> None:
    found = cases(render_junit(rich_document()))
    kinds = {rid: [(c.tag, c.get("type")) for c in case] for rid, case in found.items()}
    assert kinds == {
        "AUTH-01": [],
        "AUTH-04": [("failure", "warning")],
        "HTTP-07": [("error", "error")],
        "PAG-02": [("skipped", "skip")],
        "PAG-04": [("failure", "failure")],
        "PAG-07": [],
        "RATE-07": [("skipped", "untested")],
    }


def test_failure_carries_the_observation_and_the_curl_line() -> None:
    failure = cases(render_junit(rich_document()))["PAG-04"].find("failure")
    assert failure is not None
    assert failure.get("message") == "per_page=101 was accepted"
    assert "observed: 200 with 101 items" in (failure.text or "")
    assert "curl -X GET -H 'X-API-Key: $PLANE_API_KEY'" in (failure.text or "")


def test_suite_counts_match_the_cases() -> None:
    root = ET.fromstring(render_junit(rich_document()))
    suite = root.find("testsuite")
    assert suite is not None
    assert {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")} == {
        "tests": "7",
        "failures": "2",
        "errors": "1",
        "skipped": "2",
    }


def test_waived_failure_is_skipped_with_the_waiver_reason() -> None:
    document = apply_waivers(
        rich_document(),
        [Waiver("PAG-04", "vendor ticket 12", dt.date(2099, 1, 1))],
        dt.date(2026, 11, 28),
    )
    case = cases(render_junit(document))["PAG-04"]
    skipped = case.find("skipped")
    assert skipped is not None
    assert (skipped.get("type"), skipped.get("message")) == ("waived", "waived: vendor ticket 12")
    assert "observed: 200 with 101 items" in (case.findtext("system-out") or "")


def test_control_characters_from_a_hostile_body_do_not_break_the_xml() -> None:
    document = rich_document()
    document["requirements"][4]["reason"] = "bad \x00\x1b byte"
    failure = cases(render_junit(document))["PAG-04"].find("failure")
    assert failure is not None
    assert failure.get("message") == "bad  byte"
