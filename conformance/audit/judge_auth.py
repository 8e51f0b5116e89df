"""AUTH, judged from recorded answers: refusals without a key or with an invalid one, a valid
key never refused, the key taken only from X-API-Key, authentication first."""

from __future__ import annotations

from conformance.audit.scope import Scope, probes_authentication_order
from conformance.audit.traffic import Call
from conformance.checks.auth import valid_key_answers
from conformance.checks.probes import KEY_PARAMETER
from conformance.judgements.authentication import (
    INVALID_KEY,
    NO_KEY,
    WITHOUT_KEY,
    authentication_first,
    key_taken_only_from_header,
    refused_401,
    valid_key_accepted,
)

KEYS_UNKNOWN = (
    "which keys were valid is not shown by the traffic: name the key variables "
    "(--api-key-env, --second-api-key-env)"
)


def judge_auth(scope: Scope) -> None:
    traffic, check = scope.traffic, scope.check
    baselines: dict[str, int] = {}
    for call in traffic.answered():
        kind = "keyless" if call.keyless else "invalid" if traffic.invalid(call) else None
        if kind is None:
            continue
        url = f"{call.method} {call.exchange.url}"
        if probes_authentication_order(call):
            _authentication_first(scope, call, kind, baselines.get(kind))
            continue
        if call.method == "GET":
            baselines[kind] = call.status or 0
        if call.status == 404 and scope.is_absent(call.exchange.url):
            continue  # an endpoint the target does not have answers 404 to anyone
        requirement, how = (
            ("AUTH-01", WITHOUT_KEY) if kind == "keyless" else ("AUTH-02", INVALID_KEY)
        )
        refused_401(check, requirement, call, f"{url} {how}")
    if not traffic.roles.known:
        for requirement in ("AUTH-02", "AUTH-03", "AUTH-05"):
            scope.untested(requirement, KEYS_UNKNOWN)
        return
    for placeholder in sorted(traffic.roles.valid):
        valid_key_accepted(
            check,
            valid_key_answers(traffic.exchanges, placeholder, scope.is_absent, traffic.roles.valid),
        )
    _key_elsewhere(scope)


def _authentication_first(scope: Scope, call: Call, kind: str, baseline: int | None) -> None:
    """AUTH-06: the refusal is the one the same credentials got for a plain request."""
    if baseline is None or baseline not in (401, 403):
        return
    how = NO_KEY if kind == "keyless" else INVALID_KEY
    what = f"{call.method} {call.exchange.url}"
    authentication_first(scope.check, call, baseline, what, how, "a plain request")


def _key_elsewhere(scope: Scope) -> None:
    """AUTH-05: a valid key sent as a Bearer token or the api_key parameter is refused as a
    request without any key to the same path was."""
    traffic = scope.traffic
    refused: dict[str, int] = {}
    for call in traffic.answered():
        if call.keyless and not call.query and call.status in (401, 403):
            refused[call.path] = call.status or 0
            continue
        if call.key:
            continue
        bearer = call.exchange.request_header("Authorization") or ""
        given = bearer.removeprefix("Bearer ").strip() or call.param(KEY_PARAMETER)
        if given not in traffic.roles.valid or call.path not in refused:
            continue
        how = "as the api_key parameter" if call.param(KEY_PARAMETER) else "as a Bearer token"
        what = f"{call.method} {call.exchange.url}"
        key_taken_only_from_header(scope.check, call, how, refused[call.path], what)
