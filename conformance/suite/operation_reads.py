"""The checks of one declared operation that every endpoint keeps: the read itself (HTTP-01),
an unknown id (HTTP-05), a missing or invalid key (AUTH-01/02), and the rate headers and JSON
bodies of every answer it got (RATE-01, FMT-01); and the drift those answers show."""

from __future__ import annotations

from collections.abc import Iterable

from conformance.checks import Checker
from conformance.checks.bodies import recorded_body_problems
from conformance.checks.ratelimit import rate_header_problems
from conformance.discovery import Drift, Operation
from conformance.discovery.drift import (
    absent_problems,
    required_problems,
    status_problems,
    undeclared_body_problems,
)
from conformance.http import Exchange
from conformance.judgements.authentication import INVALID_KEY, WITHOUT_KEY, refused_401
from conformance.judgements.statuses import not_found, read_answered
from conformance.openapi_ops import names_one_item
from conformance.plugin.coverage import Coverage
from conformance.plugin.target import AuthChoice, Reply, Target
from conformance.suite.absent_routes import absent_for_anyone, confirm_absent
from conformance.suite.endpoints import in_absent_endpoint, note_presence, outside_api
from conformance.suite.resolve import main_params


def record_drift(
    coverage: Coverage, operation: Operation, check: str, problems: Iterable[str], reply: Reply
) -> None:
    """Each problem as a drift finding of ``check``, with the answer that shows it."""
    found = [Drift(operation.label, check, problem) for problem in problems]
    if found:
        coverage.found(found, reply.exchange)


def answer_drift(
    coverage: Coverage, operation: Operation, reply: Reply, what: str, *, bodies: bool = True
) -> None:
    """``status`` and ``schema`` drift of one answer to a request the description allows;
    without ``bodies``, the body only of an error (a success's is the first read's to judge)."""
    statuses = status_problems(operation, reply.status, what)
    record_drift(coverage, operation, "status", statuses, reply)
    if not bodies and reply.status < 400:
        return
    problems = [
        f"{what}: {line}"
        for line in coverage.schemas.problems(operation.declared_path, "GET", reply.response)
    ]
    problems += undeclared_body_problems(operation, reply.status, bool(reply.response.content))
    record_drift(coverage, operation, "schema", problems, reply)


def judge_read(
    plane: Target,
    coverage: Coverage,
    operation: Operation,
    path: str,
    reply: Reply,
    check: Checker,
    *,
    borrowed: bool = False,
) -> bool:
    """HTTP-01 on the operation's first read; False when there is nothing more to read there
    (the endpoint is absent, or the id taken from its parent answers 404 here, or 403: a
    target that answers 403 for an id it does not know fails HTTP-05, not AUTH-03, and the
    borrowed id may be one it does not know)."""
    what = f"GET {path}"
    if borrowed and reply.status == 403:
        coverage.unsure.add(reply.exchange.url)
        reason = (
            f"{what} answered 403 for an id its parent lists: the operation may take another "
            "id, so its item was not read"
        )
        for rid in READS:
            check.skip(rid, reason)
        return False
    if reply.status in (404, 405):
        lacking = confirm_absent(plane, path, reply, params=main_params(operation))
        if lacking is None and names_one_item(operation.path):
            reason = (
                f"{what} answered {reply.status} for an id its parent lists: the operation may "
                "take another id, so its item was not read"
            )
        else:
            note_presence(plane, path, reply)
            absent = absent_problems(operation, reply.status)
            record_drift(coverage, operation, "absent", absent, reply)
            shown = lacking or f"{what} answered {reply.status}"
            reason = f"the target does not have this endpoint: {shown}"
            if path in plane.absent:
                coverage.lacks(operation.label, plane.absent[path])
        for rid in READS:
            check.skip(rid, reason)
        return False
    answer_drift(coverage, operation, reply, what)
    if not operation.declares(200) and any(s.startswith("2") for s in operation.statuses):
        check.skip("HTTP-01", f"{operation.label} declares {sorted(operation.statuses)}, not 200")
        return reply.status == 200
    read_answered(check, reply, what)
    return reply.status == 200


# what reading the operation's item or page decides: skipped together when nothing was read
READS = (
    "HTTP-01", "PAG-01", "PAG-04", "PAG-05", "PAG-06",
    "FLD-01", "FLD-02", "FLD-03", "FLD-04", "FLD-05",
)  # fmt: skip


def judge_unknown(
    plane: Target, coverage: Coverage, operation: Operation, path: str, check: Checker
) -> None:
    """HTTP-05: the path with a well-formed unknown id gets 404 with a JSON error."""
    reply = plane.get(path, params=main_params(operation), auth=plane.any_key())
    # a success here is HTTP-05's failure; its body says nothing the first read did not
    answer_drift(coverage, operation, reply, f"GET {path} (an unknown id)", bodies=False)
    not_found(check, "HTTP-05", reply, f"GET {path} (an unknown id)")


def judge_keyless(
    plane: Target, operation: Operation, path: str, check: Checker, *, ids: str = "ids of the run"
) -> None:
    """AUTH-01 and AUTH-02 on the operation: without a key and with an invalid one, 401 and a
    JSON message. An endpoint the target does not have answers 404 to anyone: no evidence
    (``conformance.suite.absent_routes``; ``ids`` says what ids ``path`` holds)."""
    cases: tuple[tuple[str, AuthChoice, str], ...] = (
        ("AUTH-01", None, WITHOUT_KEY),
        ("AUTH-02", plane.invalid_key_auth(), INVALID_KEY),
    )
    params = main_params(operation)
    for rid, auth, how in cases:
        reply = plane.get(path, params=params, auth=auth)
        if in_absent_endpoint(plane, reply.exchange.url):
            check.skip(rid, f"the target does not have {path}")
            continue
        absent = absent_for_anyone(plane, path, params, reply, ids=ids)
        if absent is not None:
            check.skip(rid, f"the target does not have {path}: {absent}")
            continue
        refused_401(check, rid, reply, f"GET {path} {how}")


def judge_required(plane: Target, coverage: Coverage, operation: Operation, path: str) -> None:
    """``required-parameter`` drift: each declared required query parameter left out once."""
    params = main_params(operation)
    for parameter in operation.required:
        without = {k: v for k, v in params.items() if k != parameter.name}
        reply = plane.get(path, params=without, auth=plane.any_key())
        problems = required_problems(operation, parameter.name, reply.status)
        record_drift(coverage, operation, "required-parameter", problems, reply)


def judge_exchanges(
    plane: Target, coverage: Coverage, exchanges: Iterable[Exchange], check: Checker
) -> None:
    """RATE-01 and FMT-01 on the operation's own answers (each judged once in the run: the
    checks of every exchange leave them out). The answers of an endpoint the target does not
    have are evidence of nothing here: they are left to those checks."""
    rated = shown = 0
    for exchange in exchanges:
        if exchange.seq in coverage.judged or outside_api(plane, exchange.url):
            continue
        if in_absent_endpoint(plane, exchange.url):
            continue
        coverage.judged.add(exchange.seq)
        problems = recorded_body_problems(exchange)
        if problems is None:
            continue
        shown += 1
        check.expect("FMT-01", problems, exchange=exchange)
        keyed = exchange.request_header("X-API-Key") in plane.placeholders
        if keyed and exchange.status not in (401, 429):
            rated += 1
            check.expect("RATE-01", rate_header_problems(exchange), exchange=exchange)
    if not shown:
        check.skip("FMT-01", "no complete answer of an endpoint the target has was seen")
    if not rated:
        check.skip("RATE-01", "no answer to a valid key from an endpoint the target has")
