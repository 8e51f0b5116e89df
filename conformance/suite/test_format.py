"""FMT: request and response bodies."""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.checks.bodies import recorded_body_problems
from conformance.plugin.coverage import Coverage
from conformance.plugin.target import Target
from conformance.suite.endpoints import outside_api


@pytest.mark.req("FMT-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_body_is_json(plane: Target, coverage: Coverage, check: Checker) -> None:
    """Every response body except a 204's is JSON with Content-Type: application/json (the
    answers the operation tests judged are theirs)."""
    seen = 0
    for exchange in plane.recorder.exchanges:
        if outside_api(plane, exchange.url) or exchange.seq in coverage.judged:
            continue
        problems = recorded_body_problems(exchange)
        if problems is None:
            continue
        seen += 1
        check.expect("FMT-01", problems, exchange=exchange)
    if not seen:
        pytest.skip("no complete response was seen")
