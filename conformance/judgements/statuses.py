"""HTTP and FMT: the judgements of status codes, error bodies and JSON bodies that the suite's
tests and the audit's HTTP judge share."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from conformance.checks import Checker
from conformance.checks.bodies import (
    error_problems,
    error_shape_findings,
    json_body_problems,
    server_errors,
)
from conformance.checks.resources import (
    created_problems,
    patch_problems,
    refusal_names_field_problems,
)
from conformance.http import Exchange
from conformance.judgements.answer import Answer

JSON_ERROR_404 = "404 with a JSON error"


def read_answered(check: Checker, answer: Answer, what: str, *, whole: bool = True) -> bool:
    """HTTP-01: a GET of a collection or a resource gets 200 and a JSON body labelled
    application/json (``whole``: the body is all there; one cut short is JSON for all anyone
    knows)."""
    if answer.status != 200:
        problems = [f"{what}: expected 200, got {answer.status}"]
    else:
        problems = [f"{what}: {p}" for p in json_body_problems(answer.response)] if whole else []
    return check.expect(
        "HTTP-01", problems, expected="200 with a JSON body", exchange=answer.exchange
    )


def created(check: Checker, answer: Answer, what: str) -> bool:
    """HTTP-02: a POST that creates gets 201 and the created resource as JSON, with its id."""
    return check.expect(
        "HTTP-02",
        created_problems(answer.response, what),
        expected="201 with the created resource as JSON, with its id",
        exchange=answer.exchange,
    )


def changed(
    check: Checker, answer: Answer, sent: Any, before: dict[str, Any] | None, what: str
) -> bool:
    """HTTP-03: a PATCH of ``sent`` gets 200 and the resource with what was sent, every field
    not sent as ``before`` showed it (None: not known)."""
    return check.expect(
        "HTTP-03",
        patch_problems(answer.response, sent, before, what),
        expected="200 with the resource: what was sent changed, every field not sent unchanged",
        exchange=answer.exchange,
    )


def deleted(check: Checker, answer: Answer, what: str) -> bool:
    """HTTP-04, the DELETE itself: 204 with no body."""
    status = check.status("HTTP-04", answer.status, 204, what, answer.exchange)
    content = answer.response.content
    return (
        check.that(
            "HTTP-04",
            content == b"",
            f"the DELETE response has a body of {len(content)} bytes",
            expected="no body",
            observed=answer.response.text[:200],
            exchange=answer.exchange,
        )
        and status
    )


def gone(check: Checker, after: Answer, url: str, wanted: int = 404, how: str = "") -> bool:
    """HTTP-04, afterwards: a GET of what was deleted answers as for what never was (``wanted``,
    404 by default; ``how``: why another status is wanted)."""
    what = f"GET {url} after DELETE" + (f" ({how})" if how else "")
    return check.status("HTTP-04", after.status, wanted, what, after.exchange)


def not_found(check: Checker, requirement: str, answer: Answer, what: str) -> bool:
    """HTTP-05 (an unknown id) or HTTP-10 (an undefined path): 404 with a JSON error."""
    return check.expect(
        requirement,
        error_problems(answer.response, 404, what),
        expected=JSON_ERROR_404,
        exchange=answer.exchange,
    )


def bad_input_refused(check: Checker, answer: Answer, what: str) -> bool:
    """HTTP-06: a malformed JSON body, a missing required field or an invalid field value gets
    400 with a JSON error."""
    return check.expect(
        "HTTP-06",
        error_problems(answer.response, 400, what),
        expected="400 with a JSON error",
        exchange=answer.exchange,
    )


def field_refused(check: Checker, answer: Answer, field: str, what: str) -> bool:
    """HTTP-06, of a body whose ``field`` is missing or invalid: 400 with a JSON error that
    names the field."""
    return check.expect(
        "HTTP-06",
        [
            *error_problems(answer.response, 400, what),
            *refusal_names_field_problems(answer.response, field, what),
        ],
        expected=f"400 with a JSON error naming {field}",
        exchange=answer.exchange,
    )


def no_server_errors(check: Checker, exchanges: Sequence[Exchange]) -> None:
    """HTTP-07: client input never gets a 5xx: every answer is a 2xx or a 4xx."""
    check.judged("HTTP-07", server_errors(exchanges), expected="2xx or 4xx")


def unsupported_method_refused(check: Checker, answer: Answer, what: str) -> bool:
    """HTTP-08: a method the endpoint does not support gets 405."""
    return check.status("HTTP-08", answer.status, 405, what, answer.exchange)


def one_error_shape(check: Checker, exchanges: Sequence[Exchange]) -> bool:
    """HTTP-09: error bodies share one JSON shape with a human-readable message; False when
    fewer than two errors were answered (nothing is judged then)."""
    judged = error_shape_findings(exchanges)
    if judged is None:
        return False
    check.judged("HTTP-09", judged)
    return True


def json_accepted(check: Checker, answer: Answer, what: str) -> bool:
    """FMT-02: a JSON body sent as application/json is accepted: not refused with 415 (another
    refusal says nothing of the body's format)."""
    return check.that(
        "FMT-02",
        answer.status != 415,
        f"{what}: a JSON body sent as application/json was refused with 415",
        expected="the JSON body accepted",
        observed=str(answer.status),
        exchange=answer.exchange,
    )
