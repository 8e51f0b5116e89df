"""Routes the target does not have, told apart from a refusal on evidence.

An older release lacks routes its successors declare (Plane v0.23.1 has no ``users/me/``, no
``work-items/``, no ``assets/``). Such a route answers 404 to everyone, with a key or without,
and must not be charged to any requirement. The run decides it on three answers:

- a valid key's GET of the route, with real ids where the run has them, answered 404;
- the same GET without a key answered 404 too;
- a route the target has (the workspace's projects list) answers 401 without a key: the target
  authenticates before it looks anything up, so a keyless 404 means its router matched nothing.

Where the run has no item for the route's own id, the valid key's GET names an unknown id; a
404 to that says nothing of the route, so the target must also show that it authenticates
before it looks an id up: a keyless GET of a project with an unknown id answers 401.

All three (four): the route is absent (noted on the target with the evidence, and never judged). A
keyless 404 where a valid key gets 200 is an AUTH-01 failure, and a keyless 404 on a target
whose own routes do not answer 401 without a key decides nothing about absence: it is judged.
"""

from __future__ import annotations

from collections.abc import Mapping

from conformance.checks.probes import UNKNOWN_ID, names_unknown_id
from conformance.plugin.target import Reply, Target
from conformance.surface import COLLECTIONS

# the route every Plane release has, and the status it answers without a key there
PRESENT_ROUTE = next(c for c in COLLECTIONS if c.name == "projects").path
PROJECT_ROUTE = "workspaces/{slug}/projects/{project}/"
KEYLESS_REFUSAL = 401


def unknown_id_refusal(target: Target) -> Reply:
    """GET of a project with an unknown id without a key, asked once per run: whether the
    target authenticates before it looks an id up."""
    if target.keyless_unknown is None:
        path = target.path(PROJECT_ROUTE, project=UNKNOWN_ID)
        target.keyless_unknown = target.get(path, auth=None)
    return target.keyless_unknown


def keyless_refusal(target: Target) -> Reply:
    """GET of the workspace's projects list without a key, asked once per run: whether the
    target refuses a keyless request to a route it has with 401 (``routes_refuse_keyless``)."""
    if target.keyless_baseline is None:
        target.keyless_baseline = target.get(target.path(PRESENT_ROUTE), auth=None)
    return target.keyless_baseline


def routes_refuse_keyless(target: Target) -> bool:
    return keyless_refusal(target).status == KEYLESS_REFUSAL


def confirm_absent(
    target: Target,
    path: str,
    keyed: Reply,
    *,
    params: Mapping[str, str | int] | None = None,
    keyless: Reply | None = None,
    ids: str = "ids of the run",
) -> str | None:
    """Why the route of ``path`` is absent, when ``keyed`` (a valid key's GET of it) answered
    404, the same GET without a key (``keyless``, asked when not given) answers 404 and the
    target refuses keyless requests to its routes with 401; None otherwise. An absent route is
    noted on the target (``Target.absent``) with the evidence."""
    if path in target.absent:
        return target.absent[path]
    if keyed.status != 404:
        return None
    baseline = keyless_refusal(target)
    if baseline.status != KEYLESS_REFUSAL:
        return None
    if names_unknown_id(keyed.exchange.url):
        if unknown_id_refusal(target).status != KEYLESS_REFUSAL:
            return None
        baseline = target.keyless_unknown or baseline
    if keyless is None:
        keyless = target.get(path, params=dict(params or {}), auth=None)
    if keyless.status != 404:
        return None
    target.absent[path] = (
        f"GET {keyed.exchange.url} with a valid key ({ids}) answered 404, and without a key "
        f"404 too, where GET {baseline.exchange.url} without a key answers 401"
    )
    return target.absent[path]


def absent_for_anyone(
    target: Target, path: str, params: Mapping[str, str | int] | None, refused: Reply, ids: str
) -> str | None:
    """Why a 404 to a request without a valid key (``refused``: no key, an empty or an invalid
    one) shows the route absent: a valid key's GET of the same path (read once) answers 404
    too, and the target refuses keyless requests to its routes with 401. None: judge it."""
    if refused.status != 404:
        return None
    if path in target.absent:
        return target.absent[path]
    keyed = target.read_once(path, params)
    keyless = refused if refused.exchange.request_header("X-API-Key") is None else None
    return confirm_absent(target, path, keyed, params=params, keyless=keyless, ids=ids)
