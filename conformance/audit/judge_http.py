"""HTTP and FMT, judged from recorded answers: status codes, error shapes, JSON bodies.

Each call with a valid key is first classified (``call_roles.roles_of``: what it is evidence
of), then each of its roles is judged by a function of its own (``_JUDGES``); they keep the one
piece of state the judging needs, each item as the traffic last showed it (``Shown``), for
HTTP-03.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any

from conformance.audit.call_roles import Role, roles_of
from conformance.audit.scope import Scope
from conformance.audit.traffic import Call
from conformance.checks.bodies import (
    error_problems,
    error_shape_findings,
    json_body_problems,
    recorded_body_problems,
    server_errors,
)
from conformance.checks.resources import created_problems, patch_problems

SCHEMA_NEEDED = (
    "only a malformed JSON body can be judged from traffic: whether a field was missing or "
    "invalid needs the schema"
)
# item URL (no query) -> the item as the traffic last showed it: HTTP-03's "before"
Shown = dict[str, dict[str, Any]]


def judge_http(scope: Scope) -> None:
    """HTTP-07 and HTTP-09 on every answer, FMT-01 on every complete body; then each call with a
    valid key: what it tests (``roles_of``), judged (``_judge_call``)."""
    traffic, check = scope.traffic, scope.check
    check.judged("HTTP-07", server_errors(traffic.exchanges), expected="2xx or 4xx")
    check.judged("HTTP-09", error_shape_findings(traffic.exchanges) or ())
    judged_body = False
    for call in traffic.answered():
        problems = recorded_body_problems(call.exchange)
        if problems is not None:
            judged_body = True
            check.expect("FMT-01", problems, exchange=call.exchange)
    if not judged_body:
        scope.untested("FMT-01", "no complete response was recorded")
    shown: Shown = {}
    for call in scope.keyed():
        _judge_call(scope, call, shown)
    if not check.failed("HTTP-06"):
        scope.untested("HTTP-06", SCHEMA_NEEDED)


def _judge_call(scope: Scope, call: Call, shown: Shown) -> None:
    """Judge ``call`` for each thing it tests (``roles_of``)."""
    tested = roles_of(call)
    for role in tested.roles:
        _JUDGES[role](scope, call, tested.sent, shown)


def _undefined_path(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what = f"{call.method} {call.exchange.url}"
    scope.check.expect("HTTP-10", error_problems(call.response, 404, what), exchange=call.exchange)


def _unknown_id(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    scope.check.expect(
        "HTTP-05",
        error_problems(call.response, 404, f"GET {call.exchange.url}"),
        expected="404 with a JSON error",
        exchange=call.exchange,
    )


def _unsupported_method(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what = f"{call.method} {call.exchange.url}"
    scope.check.status("HTTP-08", call.status, 405, what, call.exchange)


def _malformed_json(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what = f"{call.method} {call.exchange.url}"
    refused = error_problems(call.response, 400, f"{what} with malformed JSON")
    if refused:  # a refusal that holds is no pass: the other bad inputs need the schema
        scope.check.expect(
            "HTTP-06", refused, expected="400 with a JSON error", exchange=call.exchange
        )


def _json_write(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    status = call.status or 0
    scope.check.that(
        "FMT-02",
        status != 415,
        f"{call.method} {call.exchange.url}: a JSON body sent as application/json was refused "
        "with 415",
        expected="the JSON body accepted",
        observed=str(status),
        exchange=call.exchange,
    )


def _read(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what, status = f"{call.method} {call.exchange.url}", call.status or 0
    problems = [f"{what}: expected 200, got {status}"] if status != 200 else []
    if call.whole:  # a body cut at the evidence limit is JSON for all anyone knows
        problems += [f"{what}: {p}" for p in json_body_problems(call.response)]
    scope.check.expect("HTTP-01", problems, exchange=call.exchange)


def _item_shown(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    body = call.body
    if isinstance(body, dict):
        shown[call.exchange.url.split("?")[0]] = body


def _create(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what, url = f"{call.method} {call.exchange.url}", call.exchange.url
    scope.check.expect("HTTP-02", created_problems(call.response, what), exchange=call.exchange)
    body = call.body
    if isinstance(body, dict) and body.get("id"):
        shown[f"{url.split('?')[0].rstrip('/')}/{body['id']}/"] = body


def _change(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what, key = f"{call.method} {call.exchange.url}", call.exchange.url.split("?")[0]
    scope.check.expect(
        "HTTP-03",
        patch_problems(call.response, sent, shown.get(key), what),
        exchange=call.exchange,
    )
    body = call.body
    if isinstance(body, dict):
        shown[key] = body


def _delete(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    """HTTP-04: 204 with no body; a later GET of the resource (with a valid key) finds nothing."""
    check, url = scope.check, call.exchange.url
    check.status("HTTP-04", call.status, 204, f"DELETE {url}", call.exchange)
    check.that(
        "HTTP-04",
        call.exchange.response_body == "",
        f"the DELETE response has a body of {len(call.exchange.response_body)} characters",
        expected="no body",
        observed=call.exchange.response_body[:200],
        exchange=call.exchange,
    )
    later = next(
        (
            c
            for c in scope.keyed()
            if c.method == "GET" and c.exchange.url == url and c.exchange.seq > call.exchange.seq
        ),
        None,
    )
    if later is not None and 200 <= (later.status or 0) < 300:
        check.status("HTTP-04", later.status, 404, f"GET {url} after DELETE", later.exchange)


# How each thing a call tests is judged.
_JUDGES: Mapping[Role, Callable[[Scope, Call, Any, Shown], None]] = MappingProxyType(
    {
        "undefined path": _undefined_path,
        "unknown id": _unknown_id,
        "unsupported method": _unsupported_method,
        "malformed JSON": _malformed_json,
        "JSON write": _json_write,
        "read": _read,
        "item shown": _item_shown,
        "create": _create,
        "change": _change,
        "delete": _delete,
    }
)
