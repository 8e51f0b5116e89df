"""HTTP and FMT, judged from recorded answers: status codes, error shapes, JSON bodies."""

from __future__ import annotations

import json
from typing import Any

from conformance.audit.scope import Scope, invalid_parameters
from conformance.audit.traffic import Call, detail_of, list_of
from conformance.checks.bodies import (
    JSON_TYPE,
    error_problems,
    error_shape_findings,
    json_body_problems,
    recorded_body_problems,
    server_errors,
)
from conformance.checks.probes import UNKNOWN_ID, is_undefined_path, names_unknown
from conformance.checks.resources import created_problems, patch_problems

SCHEMA_NEEDED = (
    "only a malformed JSON body can be judged from traffic: whether a field was missing or "
    "invalid needs the schema"
)


def judge_http(scope: Scope) -> None:
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
    representations: dict[str, dict[str, Any]] = {}
    for call in scope.keyed():
        _judge_call(scope, call, representations)
    if not check.failed("HTTP-06"):
        scope.untested("HTTP-06", SCHEMA_NEEDED)


def _judge_call(scope: Scope, call: Call, representations: dict[str, dict[str, Any]]) -> None:
    check, url = scope.check, call.exchange.url
    what = f"{call.method} {url}"
    if is_undefined_path(url):
        if call.method == "GET":
            check.expect(
                "HTTP-10", error_problems(call.response, 404, what), exchange=call.exchange
            )
        return
    if names_unknown(url):
        if call.method == "GET" and UNKNOWN_ID in url:
            check.expect(
                "HTTP-05",
                error_problems(call.response, 404, f"GET {url}"),
                expected="404 with a JSON error",
                exchange=call.exchange,
            )
        return
    status = call.status or 0
    if call.method == "PUT" or (call.method == "DELETE" and list_of(call.path)):
        check.status("HTTP-08", call.status, 405, what, call.exchange)
        return
    sent = _sent_json(call)
    if sent is _MALFORMED:
        refused = error_problems(call.response, 400, f"{what} with malformed JSON")
        if refused:  # a refusal that holds is no pass: the other bad inputs need the schema
            check.expect(
                "HTTP-06", refused, expected="400 with a JSON error", exchange=call.exchange
            )
        return
    if sent is not None and call.method in ("POST", "PATCH") and (status < 300 or status == 415):
        # another refusal (403, 400) says nothing of whether JSON was accepted
        check.that(
            "FMT-02",
            status != 415,
            f"{what}: a JSON body sent as application/json was refused with 415",
            expected="the JSON body accepted",
            observed=str(status),
            exchange=call.exchange,
        )
    if status >= 300:
        return
    body = call.body
    if call.method == "GET":
        if (list_of(call.path) or detail_of(call.path)) and not invalid_parameters(call):
            problems = [f"{what}: expected 200, got {status}"] if status != 200 else []
            if call.whole:  # a body cut at the evidence limit is JSON for all anyone knows
                problems += [f"{what}: {p}" for p in json_body_problems(call.response)]
            check.expect("HTTP-01", problems, exchange=call.exchange)
        if detail_of(call.path) and isinstance(body, dict) and "fields" not in call.query:
            representations[url.split("?")[0]] = body
    elif call.method == "POST" and _creates(call.path):
        check.expect("HTTP-02", created_problems(call.response, what), exchange=call.exchange)
        if isinstance(body, dict) and body.get("id"):
            representations[f"{url.split('?')[0].rstrip('/')}/{body['id']}/"] = body
    elif call.method == "PATCH" and detail_of(call.path) and isinstance(sent, dict):
        key = url.split("?")[0]
        before = representations.get(key)
        check.expect(
            "HTTP-03", patch_problems(call.response, sent, before, what), exchange=call.exchange
        )
        if isinstance(body, dict):
            representations[key] = body
    elif call.method == "DELETE" and detail_of(call.path):
        _judge_delete(scope, call)


def _creates(path: str) -> bool:
    """A POST to ``path`` creates a resource: the list of a collection whose items have an
    endpoint of their own (a POST to a module's or cycle's work items adds existing ones)."""
    collection = list_of(path)
    return collection is not None and collection.detail is not None


def _judge_delete(scope: Scope, call: Call) -> None:
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


_MALFORMED = object()


def _sent_json(call: Call) -> Any:
    """The JSON value the request sent as application/json, ``_MALFORMED`` when its body is not
    JSON, None when it sent no JSON body."""
    kind = (call.exchange.request_header("Content-Type") or "").split(";")[0].strip().lower()
    body = call.exchange.request_body
    if kind != JSON_TYPE or not body or call.exchange.request_truncated:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return _MALFORMED
