"""AUTH: the judgements of refusals and of the key that the suite's tests and the audit's AUTH
judge share."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.checks import Checker
from conformance.checks.bodies import error_problems
from conformance.checks.checker import Judged
from conformance.judgements.answer import Answer

WITHOUT_KEY = "without X-API-Key"  # how an AUTH-01 request went
INVALID_KEY = "with an invalid key"  # how an AUTH-02 request went
NO_KEY = "without a key"  # no key at all: in X-API-Key, Authorization or the query


def refused_401(check: Checker, requirement: str, answer: Answer, what: str) -> bool:
    """AUTH-01 (no key) or AUTH-02 (an invalid key): 401 and a JSON error message."""
    return check.expect(
        requirement,
        error_problems(answer.response, 401, what),
        expected="401 with a JSON error message",
        exchange=answer.exchange,
    )


def valid_key_accepted(check: Checker, judged: Iterable[Judged]) -> None:
    """AUTH-03: each answer to the valid key (``checks.auth.valid_key_answers``) is neither 401
    nor 403."""
    check.judged("AUTH-03", judged, expected="not 401 or 403")


def key_taken_only_from_header(
    check: Checker, answer: Answer, how: str, keyless: int, what: str
) -> bool:
    """AUTH-05: the valid key sent elsewhere than X-API-Key (``how``) is refused as a request
    without any key to the same path was (``keyless``)."""
    return check.status(
        "AUTH-05",
        answer.status,
        keyless,
        f"{what} with the key {how} (without a key: {keyless})",
        answer.exchange,
    )


def authentication_first(
    check: Checker, answer: Answer, baseline: int, what: str, how: str, plain: str
) -> bool:
    """AUTH-06: an unauthenticated request (``how``) for something unknown or invalid (``what``)
    gets the refusal ``baseline`` that the same credentials got for a plain request
    (``plain``): nothing was checked before the key."""
    return check.that(
        "AUTH-06",
        answer.status == baseline,
        f"{what} {how} got {answer.status}, but {plain} {how} got {baseline}: the request was "
        "judged before its key",
        expected=f"{baseline}, as for any request {how}",
        observed=str(answer.status),
        exchange=answer.exchange,
    )
