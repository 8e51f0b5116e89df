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
    shown = "their reads answered alike"
    if reply is None:
        parent = coverage.description.operation(f"GET {_parent(operation.path)}")
        if parent is None or parent.twin_of is None:
            return None
        operation, reply = parent, _read(plane, subject, coverage, parent)
        shown = "their lists answered alike"
        if reply is None or reply.status != 200:
            return None
    twin = coverage.description.operation(operation.twin_of or "")
    theirs = _read(plane, subject, coverage, twin) if twin is not None else None
    if theirs is None or theirs.status != reply.status:
        return None
    if _outline(theirs.body) != _outline(reply.body):
        return None
    return (
        f"asked on its twin {first}: the description declares both alike and {shown} "
        "(--probe-twins asks every path)"
    )


def _read(
    plane: Target, subject: Subject, coverage: Coverage, operation: Operation
) -> Reply | None:
    """``operation``'s first read (once, shared with its own test), or None when its path
    cannot be filled."""
    resolved = resolve(plane, subject, coverage, operation)
    return read(plane, resolved.path, operation) if resolved.path is not None else None


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
