"""FMT: request and response bodies."""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.checks.bodies import recorded_body_problems
from conformance.plugin.target import Target


@pytest.mark.req("FMT-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_body_is_json(plane: Target, check: Checker) -> None:
    """Every response body except a 204's is JSON with Content-Type: application/json."""
    seen = 0
    for exchange in plane.recorder.exchanges:
        problems = recorded_body_problems(exchange)
        if problems is None:
            continue
        seen += 1
        check.expect("FMT-01", problems, exchange=exchange)
    if not seen:
        pytest.skip("no complete response was seen")
