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
from conformance.checks.bodies import error_problems, recorded_body_problems
from conformance.judgements.statuses import (
    bad_input_refused,
    changed,
    created,
    deleted,
    gone,
    json_accepted,
    no_server_errors,
    not_found,
    one_error_shape,
    read_answered,
    unsupported_method_refused,
)

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
    no_server_errors(check, traffic.exchanges)
    one_error_shape(check, traffic.exchanges)
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
    not_found(scope.check, "HTTP-10", call, f"{call.method} {call.exchange.url}")


def _unknown_id(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    not_found(scope.check, "HTTP-05", call, f"{call.method} {call.exchange.url}")


def _unsupported_method(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    unsupported_method_refused(scope.check, call, f"{call.method} {call.exchange.url}")


def _malformed_json(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    what = f"{call.method} {call.exchange.url} with malformed JSON"
    # a refusal that holds is no pass: the other bad inputs need the schema
    if error_problems(call.response, 400, what):
        bad_input_refused(scope.check, call, what)


def _json_write(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    json_accepted(scope.check, call, f"{call.method} {call.exchange.url}")


def _read(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    read_answered(scope.check, call, f"{call.method} {call.exchange.url}", whole=call.whole)


def _item_shown(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    body = call.body
    if isinstance(body, dict):
        shown[call.exchange.url.split("?")[0]] = body


def _create(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    url = call.exchange.url
    created(scope.check, call, f"{call.method} {url}")
    body = call.body
    if isinstance(body, dict) and body.get("id"):
        shown[f"{url.split('?')[0].rstrip('/')}/{body['id']}/"] = body


def _change(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    key = call.exchange.url.split("?")[0]
    changed(scope.check, call, sent, shown.get(key), f"{call.method} {call.exchange.url}")
    body = call.body
    if isinstance(body, dict):
        shown[key] = body


def _delete(scope: Scope, call: Call, sent: Any, shown: Shown) -> None:
    """HTTP-04: 204 with no body; a later GET of the resource (with a valid key) finds nothing."""
    url = call.exchange.url
    deleted(scope.check, call, f"DELETE {url}")
    later = next(
        (
            c
            for c in scope.keyed()
            if c.method == "GET" and c.exchange.url == url and c.exchange.seq > call.exchange.seq
        ),
        None,
    )
    if later is not None and 200 <= (later.status or 0) < 300:
        gone(scope.check, later, url)


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
