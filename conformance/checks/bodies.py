"""Response bodies: JSON with the right content type, and error bodies that carry a message."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import Any

import httpx

from conformance.checks.checker import Judged
from conformance.http import Exchange

JSON_TYPE = "application/json"


def media_type(response: httpx.Response) -> str:
    value: str = response.headers.get("content-type", "")
    return value.split(";")[0].strip().lower()


def parse_json(response: httpx.Response) -> tuple[bool, Any]:
    """(True, value) when the body is JSON text, else (False, None)."""
    try:
        return True, json.loads(response.content)
    except (ValueError, RecursionError):
        return False, None


def json_body_problems(response: httpx.Response) -> list[str]:
    """FMT-01: every body except a 204's is JSON labelled ``application/json``."""
    return body_problems(
        response.status_code, response.headers.get("content-type"), response.content
    )


def body_problems(status: int, content_type: str | None, content: bytes | str) -> list[str]:
    """FMT-01 on plain values (a recorded exchange)."""
    if status == 204:
        return []
    problems = []
    if (content_type or "").split(";")[0].strip().lower() != JSON_TYPE:
        shown = content_type or "no Content-Type"
        problems.append(f"{status} response has {shown}, not {JSON_TYPE}")
    try:
        json.loads(content)
    except (ValueError, RecursionError):
        problems.append(f"{status} response body is not JSON")
    return problems


def recorded_body_problems(exchange: Exchange) -> list[str] | None:
    """FMT-01 on a recorded exchange; None when it cannot show it: no answer, or an exchange
    that ended in an error (deadline, body cap) or kept only part of its body, which says
    nothing about whether the whole body was JSON."""
    if exchange.status is None or exchange.truncated or exchange.error is not None:
        return None
    problems = body_problems(
        exchange.status, exchange.response_header("Content-Type"), exchange.response_body
    )
    if exchange.undecodable and exchange.status != 204:
        problems.append(f"{exchange.status} response body is not valid UTF-8 text")
    return problems


def server_errors(exchanges: Sequence[Exchange]) -> list[Judged]:
    """HTTP-07: every answered request got a 2xx or 4xx, never a 5xx."""
    return [
        Judged(e, e.status < 500, f"{e.method} {e.url} got {e.status}")
        for e in exchanges
        if e.status is not None
    ]


def message_strings(value: Any) -> list[str]:
    """Every string in a JSON value (keys excluded), depth-first: where an error message lives."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for item in value.values() for s in message_strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in message_strings(item)]
    return []


def error_text(response: httpx.Response) -> str:
    ok, value = parse_json(response)
    return " ".join(message_strings(value)) if ok else ""


def error_problems(response: httpx.Response, status: int, what: str) -> list[str]:
    """The response is ``status`` with a JSON object body holding a non-empty message."""
    if response.status_code != status:
        return [f"{what}: expected {status}, got {response.status_code}"]
    ok, value = parse_json(response)
    if not ok or not isinstance(value, dict):
        return [f"{what}: the {status} body is not a JSON object"]
    if not any(s.strip() for s in message_strings(value)):
        return [f"{what}: the {status} JSON error has no message"]
    return []


def mentions(response: httpx.Response, name: str) -> bool:
    """The error's message text names ``name`` (as a whole token)."""
    text = error_text(response)
    if any(token == name for token in _tokens(text)) or f"'{name}'" in text:
        return True
    # a name no token can hold (a space or a separator in it) is named where it stands whole
    return _tokens(name) != [name] and name in text


def _tokens(text: str) -> list[str]:
    for sep in ",;:()[]{}\"'`=":
        text = text.replace(sep, " ")
    return [t.strip(".") for t in text.split()]


def error_shape(body: str | bytes) -> frozenset[str] | None:
    """The keys of an error body that hold a string: what 'one error shape' compares."""
    try:
        value = json.loads(body)
    except (ValueError, RecursionError):
        return None
    if not isinstance(value, dict):
        return None
    return frozenset(k for k, v in value.items() if isinstance(v, str) and v.strip())


def refusal_problems(
    response: httpx.Response,
    what: str,
    *,
    naming: Sequence[str] = (),
    saying: tuple[str, Callable[[str], bool]] | None = None,
) -> list[str]:
    """A 400 with a JSON error message that names each of ``naming`` and, when ``saying`` is
    given as (what it must say, a test of the lower-cased message), says that."""
    problems = error_problems(response, 400, what)
    if problems:
        return problems
    shown = error_text(response)[:200]
    problems = [
        f"the 400 for {what} does not name {name!r}: {shown!r}"
        for name in naming
        if not mentions(response, name)
    ]
    if saying is not None and not saying[1](error_text(response).lower()):
        problems.append(f"the 400 for {what} does not say {saying[0]}: {shown!r}")
    return problems


def error_shape_findings(exchanges: Sequence[Exchange]) -> list[Judged] | None:
    """HTTP-09 over recorded exchanges: each whole error body (4xx/5xx, not cut short by a
    deadline, the body cap or the evidence limit) is a JSON object with a message, and they
    share a message key. None when fewer than two error answers were seen."""
    errors = [
        e
        for e in exchanges
        if e.status is not None and e.status >= 400 and e.error is None and not e.truncated
    ]
    if len(errors) < 2:
        return None
    judged: list[Judged] = []
    shapes: list[tuple[frozenset[str], Exchange]] = []
    for exchange in errors:
        shape = error_shape(exchange.response_body)
        judged.append(
            Judged(
                exchange,
                bool(shape),
                f"the {exchange.status} to {exchange.method} {exchange.url} is not a JSON "
                "object with a message",
                observed=exchange.response_body[:200],
            )
        )
        if shape:
            shapes.append((shape, exchange))
    common = frozenset.intersection(*(s for s, _ in shapes)) if shapes else frozenset()
    if shapes and not common:
        first = shapes[0][0]
        odd_shape, odd = next((s, e) for s, e in shapes if not s & first)
        judged.append(
            Judged(
                odd,
                False,
                f"error bodies differ in shape: {sorted(first)} vs {sorted(odd_shape)} "
                "share no message key",
                observed=odd.response_body[:200],
            )
        )
    return judged


def shared_refusal_problems(response: httpx.Response, what: str, name: str) -> list[str] | None:
    """One of several invalid names a request holds (unknown ``fields`` and an unexpandable
    ``expand`` at once, say): its problems as ``refusal_problems`` finds them where the answer
    decides them, or None where it does not. A success was not refused for any name: each fails
    on it. A 400 that names ``name`` refused it. A 400 that does not may have stopped at another
    name, and any other answer may be the other name's: the name is then asked alone."""
    status = response.status_code
    if 200 <= status < 300:
        return [f"{what}: expected 400, got {status}"]
    if status == 400 and mentions(response, name):
        return refusal_problems(response, what, naming=[name])
    return None
