"""Verdict, severity and summary rules."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.report.verdict import compute_verdict, severity, summarize


def req(level: str, status: str, waived: bool = False) -> dict[str, Any]:
    return {"level": level, "status": status, "waived": waived}


@pytest.mark.parametrize(
    ("requirements", "interrupted", "expected"),
    [
        pytest.param(
            [req("MUST", "pass"), req("SHOULD", "pass")], False, "conformant", id="all-pass"
        ),
        pytest.param(
            [req("MUST", "pass"), req("SHOULD", "fail")],
            False,
            "conformant",
            id="should-fail-is-a-warning",
        ),
        pytest.param(
            [req("MUST", "pass"), req("SHOULD", "untested")],
            False,
            "conformant",
            id="should-untested-is-fine",
        ),
        pytest.param(
            [req("MUST", "fail"), req("MUST", "skip")], False, "non-conformant", id="must-fail"
        ),
        pytest.param([req("MUST", "fail")], True, "non-conformant", id="fail-beats-interrupted"),
        pytest.param(
            [req("MUST", "pass"), req("MUST", "error")], False, "incomplete", id="must-error"
        ),
        pytest.param([req("MUST", "skip")], False, "incomplete", id="must-skip"),
        pytest.param([req("MUST", "untested")], False, "incomplete", id="must-untested"),
        pytest.param([req("MUST", "pass")], True, "incomplete", id="interrupted"),
        pytest.param([req("MUST", "fail", waived=True)], False, "conformant", id="waived-must"),
        pytest.param(
            [req("MUST", "fail", waived=True), req("MUST", "skip")],
            False,
            "incomplete",
            id="waived-then-unverified",
        ),
        pytest.param(
            [req("MUST", "pass"), req("MUST", "not selected")],
            False,
            "conformant",
            id="not-selected-counts-neither-way",
        ),
        pytest.param(
            [req("MUST", "fail"), req("MUST", "not selected")],
            False,
            "non-conformant",
            id="a-selected-failure-still-fails",
        ),
    ],
)
def test_verdict(requirements: list[dict[str, Any]], interrupted: bool, expected: str) -> None:
    assert compute_verdict(requirements, interrupted) == expected


@pytest.mark.parametrize(
    ("level", "status", "expected"),
    [
        ("MUST", "fail", "failure"),
        ("SHOULD", "fail", "warning"),
        ("MUST", "pass", None),
        ("SHOULD", "error", None),
    ],
)
def test_severity(level: str, status: str, expected: str | None) -> None:
    assert severity(level, status) == expected


def test_summary_counts_warnings_and_waivers_inside_fail() -> None:
    counts = summarize(
        [
            req("MUST", "fail"),
            req("SHOULD", "fail"),
            req("MUST", "fail", waived=True),
            req("MUST", "pass"),
            req("SHOULD", "skip"),
            req("MUST", "untested"),
            req("MUST", "error"),
            req("MUST", "not selected"),
        ]
    )
    assert counts == {
        "pass": 1,
        "fail": 3,
        "warn": 1,
        "error": 1,
        "skip": 1,
        "untested": 1,
        "waived": 1,
        "not selected": 1,
    }
