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
    plane: Target, subject: Subject, coverage: Coverage, operation: Operation, reply: Reply
) -> str | None:
    """The reason ``operation``'s probes (HTTP-05's unknown id, the query parameters) are its
    twin's, or None when it is probed itself: it has no twin, ``--probe-twins`` asks for every
    path, the twin's test is not in this run, or the twin's read (once, shared with its test)
    answers otherwise."""
    first = operation.twin_of
    if first is None or plane.settings.probe_twins or first not in coverage.tests:
        return None
    twin = coverage.description.operation(first)
    if twin is None:
        return None
    resolved = resolve(plane, subject, coverage, twin)
    if resolved.path is None:
        return None
    theirs = read(plane, coverage, resolved.path, twin)
    if theirs.status != reply.status or _outline(theirs.body) != _outline(reply.body):
        return None
    return (
        f"asked on its twin {first}: the description declares both alike and their reads "
        "answered alike (--probe-twins asks every path)"
    )


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
