"""What a recorded call tests for HTTP and FMT, decided before it is judged (``judge_http``).

``roles_of`` reads a call with a valid key, to an endpoint the target has, from its request and
status alone, and names each thing it is evidence of (its ``Role``s): a probe (an undefined
path, an unknown id) tests that and nothing else; a refused write tests only whether its JSON
was accepted (FMT-02); an answered one, the operation it made (a read, a create, a change, a
delete).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any, Literal

from conformance.audit.scope import invalid_parameters
from conformance.audit.traffic import Call, detail_of, list_of
from conformance.checks.bodies import JSON_TYPE
from conformance.checks.probes import is_undefined_path, names_unknown, names_unknown_id

_UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
MALFORMED = object()  # what ``roles_of`` says a request sent that was not JSON
# What one recorded call (with a valid key, to an endpoint the target has) is evidence of:
Role = Literal[
    "undefined path",  # a GET of a path the API does not define: HTTP-10
    "unknown id",  # a GET, PATCH or DELETE naming an id that does not exist: HTTP-05
    "unsupported method",  # PUT anywhere, DELETE on a list: HTTP-08
    "malformed JSON",  # a body sent as application/json that is not JSON: HTTP-06
    "JSON write",  # a POST or PATCH of JSON, answered 2xx or 415: FMT-02
    "read",  # a 2xx GET of a list or an item, with valid parameters: HTTP-01
    "item shown",  # a 2xx GET of an item without fields: HTTP-03's "before"
    "create",  # a 2xx POST that creates: HTTP-02 (and HTTP-03's "before")
    "change",  # a 2xx PATCH of an item with a JSON object: HTTP-03
    "delete",  # a 2xx DELETE of an item: HTTP-04
]


@dataclass(frozen=True, slots=True)
class Tested:
    """What one recorded call tests (``roles``, in the order they are judged), and the JSON
    value its request sent (None: none; ``MALFORMED``: not JSON)."""

    roles: tuple[Role, ...]
    sent: Any = None


def roles_of(call: Call) -> Tested:
    """What ``call`` tests, from its request and status (and, for a POST that adds rows, its
    answer): a probe (an undefined path, an unknown id) tests that and nothing else, a refusal
    of a write only FMT-02."""
    url = call.exchange.url
    if is_undefined_path(url):
        return Tested(("undefined path",) if call.method == "GET" else ())
    if names_unknown(url):
        probe = call.method in ("GET", "PATCH", "DELETE") and names_unknown_id(url)
        return Tested(("unknown id",) if probe else ())
    if call.method == "PUT" or (call.method == "DELETE" and list_of(call.path)):
        return Tested(("unsupported method",))
    sent = _sent_json(call)
    if sent is MALFORMED:
        return Tested(("malformed JSON",), sent)
    status = call.status or 0
    roles: list[Role] = []
    # another refusal (403, 400) says nothing of whether JSON was accepted
    if sent is not None and call.method in ("POST", "PATCH") and (status < 300 or status == 415):
        roles.append("JSON write")
    plain = call.method == "GET" and set(call.query) <= {"per_page"}
    if status >= 500 and plain and not invalid_parameters(call):
        return Tested(("read",), sent)  # a plain read of any API path crashed: HTTP-01's
    if status >= 300:
        return Tested(tuple(roles), sent)
    if call.method == "GET":
        if (list_of(call.path) or detail_of(call.path)) and not invalid_parameters(call):
            roles.append("read")
        if detail_of(call.path) and "fields" not in call.query:
            roles.append("item shown")
    elif call.method == "POST" and _creates(call):
        roles.append("create")
    elif call.method == "PATCH" and detail_of(call.path) and isinstance(sent, dict):
        roles.append("change")
    elif call.method == "DELETE" and (detail_of(call.path) or _names_an_item(call.path)):
        roles.append("delete")
    return Tested(tuple(roles), sent)


def _creates(call: Call) -> bool:
    """A POST creates a resource: to the list of a collection whose items have an endpoint of
    their own, or of one whose answer is the rows it made (a module's or cycle's work items)."""
    collection = list_of(call.path)
    if collection is None:
        return False
    rows = call.body
    made = isinstance(rows, list) and bool(rows)
    return collection.detail is not None or (
        made and all(isinstance(row, dict) and row.get("id") for row in rows)
    )


def _names_an_item(path: str) -> bool:
    """The path's last segment is an id (a project's member, say): it names one item."""
    last = path.rstrip("/").rsplit("/", 1)[-1]
    return bool(_UUID.fullmatch(last))


def _sent_json(call: Call) -> Any:
    """The JSON value the request sent as application/json, ``MALFORMED`` when its body is not
    JSON, None when it sent no JSON body."""
    kind = (call.exchange.request_header("Content-Type") or "").split(";")[0].strip().lower()
    body = call.exchange.request_body
    if kind != JSON_TYPE or not body or call.exchange.request_truncated:
        return None
    try:
        return json.loads(body)
    except (ValueError, RecursionError):
        return MALFORMED
