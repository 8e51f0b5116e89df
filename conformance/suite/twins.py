"""Whether what a declared operation's view does with its inputs (an unknown id, ``per_page``,
``fields``, ``expand``) is asked on its twin instead (see ``conformance.discovery.twins``): the
description declares both alike, the twin's test is in this run, and the two reads answered
alike. The operation's own read and its requests without a valid key are judged as ever."""

from __future__ import annotations

from typing import Any

from conformance.checks.pagination import results_of
from conformance.discovery import Operation
from conformance.openapi_ops import is_envelope
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.resolve import read, resolve


def probed_on_twin(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    operation: Operation,
    reply: Reply | None,
) -> str | None:
    """The reason ``operation``'s probes (HTTP-05's unknown id, the query parameters, the
    required ones left out) are its twin's, or None when it is probed itself: it has no twin,
    ``--probe-twins`` asks for every path, the twin's test is not in this run, or the two
    reads (once, shared with the twin's test) answer otherwise. Without a ``reply`` (the
    operation's own id is not known, so it is not read) its list and the twin's list answer
    for them, where they are twins too."""
    first = operation.twin_of
    if first is None or plane.settings.probe_twins or first not in coverage.tests:
        return None
    if reply is not None:
        if not _alike(plane, subject, coverage, operation, reply):
            return None
        shown = "their reads answered alike"
    else:
        parent = coverage.description.operation(f"GET {_parent(operation.path)}")
        if parent is None or parent.twin_of is None:
            return None
        resolved = resolve(plane, subject, coverage, parent)
        if resolved.path is None:
            return None
        theirs = read(plane, coverage, resolved.path, parent)
        if theirs.status != 200 or not _alike(plane, subject, coverage, parent, theirs):
            return None
        shown = "their lists answered alike"
    return (
        f"asked on its twin {first}: the description declares both alike and {shown} "
        "(--probe-twins asks every path)"
    )


def _alike(
    plane: Target, subject: Subject, coverage: Coverage, operation: Operation, reply: Reply
) -> bool:
    """``reply`` (to ``operation``) and the read of its twin answer alike."""
    twin = coverage.description.operation(operation.twin_of or "")
    if twin is None:
        return False
    resolved = resolve(plane, subject, coverage, twin)
    if resolved.path is None:
        return False
    theirs = read(plane, coverage, resolved.path, twin)
    return theirs.status == reply.status and _outline(theirs.body) == _outline(reply.body)


def _parent(path: str) -> str:
    """The list a detail's path names an item of: ``a/{x}/b/`` for ``a/{x}/b/{pk}/``."""
    return path.rstrip("/").rsplit("/", 1)[0] + "/"


def _outline(body: Any) -> tuple[object, ...]:
    """What two answers of one view share: the keys and the ids of the items (of a page, of
    an array) or of the one resource."""
    items = results_of(body) if isinstance(body, dict) and is_envelope(body.keys()) else body
    if isinstance(items, list):
        return ("items", tuple(_identity(item) for item in items))
    return ("one", _identity(items))


def _identity(item: Any) -> tuple[object, ...]:
    if not isinstance(item, dict):
        return (type(item).__name__,)
    return (str(item.get("id")), tuple(sorted(item)))
