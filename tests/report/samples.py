"""Synthetic catalogue, run facts and outcomes for the report tests."""

from __future__ import annotations

from types import MappingProxyType
from typing import Any

from conformance.catalogue import Catalogue, Requirement
from conformance.report import build_document
from conformance.report.model import (
    DriftRecord,
    Evidence,
    ExchangeRecord,
    OperationRecord,
    Outcome,
    RunInfo,
    TestOutcome,
)

HOSTILE_BODY = '{"detail": "<script>alert(\'pwned\')</script>", "img": "<img src=x onerror=1>"}'

_REQUIREMENTS = (
    ("AUTH-01", "MUST", "AUTH", "Missing key gets 401"),
    ("AUTH-04", "SHOULD", "AUTH", "Header name is case-insensitive"),
    ("HTTP-07", "MUST", "HTTP", "Client input never gets a 5xx"),
    ("PAG-02", "MUST", "PAG", "Default page size is at most 100"),
    ("PAG-04", "MUST", "PAG", "per_page above 100 gets 400"),
    ("PAG-07", "SHOULD", "PAG", "First page has an empty prev_cursor"),
    ("RATE-07", "SHOULD", "RATE", "The limit is per key"),
)


def catalogue(retired: tuple[str, ...] = ()) -> Catalogue:
    """A small catalogue in the real catalogue's shape."""
    return Catalogue(
        requirements=tuple(
            Requirement(
                id=rid,
                level=level,
                area=area,
                title=title,
                text=f"The text of {rid}.",
                source=f"The documentation sentence behind {rid}.",
                retired=rid in retired,
            )
            for rid, level, area, title in _REQUIREMENTS
        ),
        parameters=MappingProxyType({"per_page_max": 100}),
        areas=MappingProxyType(
            {
                "AUTH": "API key authentication",
                "HTTP": "Methods and status codes",
                "PAG": "Cursor pagination",
                "RATE": "Rate limiting",
            }
        ),
    )


def run_info(**overrides: Any) -> RunInfo:
    values: dict[str, Any] = {
        "tool_version": "0.1.0",
        "base_url": "http://127.0.0.1:8765/api/v1",
        "workspace": "acme",
        "project": "7f9c",
        "embedded": True,
        "profile": "full",
        "seed": 1234,
        "parameters": {
            "per_page_default": 100,
            "per_page_max": 100,
            "rate_limit": 60,
            "rate_window_s": 60,
        },
        "started_at": "2026-11-28T14:00:00Z",
        "duration_s": 12.5,
        "requests_total": 321,
        "requests_throttled": 2,
        "waited_s": 3.25,
    }
    values.update(overrides)
    return RunInfo(**values)


def exchange(
    response_body: str | None = '{"error": "per_page must be at most 100"}',
    status: int | None = 200,
) -> ExchangeRecord:
    url = "http://127.0.0.1:8765/api/v1/workspaces/acme/projects/7f9c/issues/?per_page=101"
    return ExchangeRecord(
        method="GET",
        url=url,
        request_headers={"X-API-Key": "$PLANE_API_KEY", "Accept": "application/json"},
        request_body=None,
        status=status,
        response_headers={"Content-Type": "application/json"},
        response_body=response_body,
        truncated=False,
        elapsed_ms=12.0,
        error=None,
        curl=f"curl -X GET -H 'X-API-Key: $PLANE_API_KEY' '{url}'",
    )


def evidence(requirement: str | None, message: str = "violated", **extra: Any) -> Evidence:
    values: dict[str, Any] = {"test": "t", "requirement": requirement, "message": message}
    values.update(extra)
    return Evidence(**values)


def outcome(
    name: str,
    requirements: tuple[str, ...],
    result: Outcome,
    message: str = "",
    evidence_: tuple[Evidence, ...] = (),
) -> TestOutcome:
    return TestOutcome(
        nodeid=f"suite/test_x.py::{name}",
        name=name,
        doc=f"{name} restates its requirement.",
        requirements=requirements,
        outcome=result,
        message=message,
        evidence=evidence_,
        duration_s=0.5,
    )


def rich_outcomes() -> tuple[TestOutcome, ...]:
    """Every status at once: MUST fail with hostile body, SHOULD warning, error, skip, untested."""
    failing = Evidence(
        test="suite/test_pagination.py::test_per_page_above_max_is_rejected",
        requirement="PAG-04",
        message="per_page=101 was accepted",
        expected="400 with an error naming the maximum (100)",
        observed="200 with 101 items",
        example="per_page=101",
        seed=1234,
        exchanges=(exchange(HOSTILE_BODY),),
    )
    return (
        outcome("test_missing_key_is_rejected", ("AUTH-01",), "passed"),
        outcome(
            "test_header_case",
            ("AUTH-04",),
            "failed",
            "x-api-key was rejected",
            (
                evidence(
                    "AUTH-04",
                    "x-api-key got 401",
                    expected="200",
                    observed="401",
                    exchanges=(exchange('{"error": "unauthorized"}', 401),),
                ),
            ),
        ),
        outcome("test_no_5xx", ("HTTP-07",), "error", "timed out after 10 s"),
        outcome(
            "test_default_page_size",
            ("PAG-02",),
            "skipped",
            "needs a collection of more than 100 items",
        ),
        outcome(
            "test_per_page_above_max_is_rejected",
            ("PAG-04",),
            "failed",
            "per_page=101 was accepted",
            (failing,),
        ),
        outcome("test_first_prev_cursor", ("PAG-07",), "passed"),
    )


def operations() -> tuple[OperationRecord, ...]:
    """Three declared operations: one whose test passed, one whose test failed, one without."""
    return (
        OperationRecord(
            "GET", "users/me/", "singleton", "suite/test_x.py::test_missing_key_is_rejected"
        ),
        OperationRecord(
            "GET",
            "workspaces/{slug}/projects/{project_id}/issues/",
            "list",
            "suite/test_x.py::test_per_page_above_max_is_rejected",
        ),
        OperationRecord(
            "GET",
            "workspaces/{slug}/stickies/{pk}/",
            "detail",
            "",
            "the smoke profile checks the fixed surface only",
        ),
    )


def drift() -> tuple[DriftRecord, ...]:
    """One schema drift, its exchange with a hostile body."""
    return (
        DriftRecord(
            "GET workspaces/{slug}/projects/{project_id}/issues/",
            "schema",
            'GET .../issues/: null is not of type "string" at /results/0/name',
            (exchange(HOSTILE_BODY),),
        ),
    )


def rich_document() -> dict[str, Any]:
    return build_document(
        run_info(
            cleanup_ok=False,
            cleanup_left=("issue 42 in project 7f9c",),
            notes=("second key not configured",),
            description="the target's own description, http://127.0.0.1:8765/api/schema/",
            operations=operations(),
            drift=drift(),
        ),
        rich_outcomes(),
        catalogue(),
    )
