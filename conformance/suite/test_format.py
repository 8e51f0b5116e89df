"""FMT: request and response bodies."""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.checks.bodies import body_problems
from conformance.plugin.target import Target


@pytest.mark.req("FMT-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_body_is_json(plane: Target, check: Checker) -> None:
    """Every response body except a 204's is JSON with Content-Type: application/json."""
    seen = 0
    for exchange in plane.recorder.exchanges:
        # An exchange that ended in an error (deadline, body cap) kept only part of its body:
        # that part says nothing about whether the whole body was JSON.
        if exchange.status is None or exchange.truncated or exchange.error is not None:
            continue
        seen += 1
        problems = body_problems(
            exchange.status, exchange.response_header("Content-Type"), exchange.response_body
        )
        if exchange.undecodable and exchange.status != 204:
            problems.append(f"{exchange.status} response body is not valid UTF-8 text")
        check.expect("FMT-01", problems, exchange=exchange)
    if not seen:
        pytest.skip("no complete response was seen")
