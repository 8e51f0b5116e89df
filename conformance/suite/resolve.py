"""Filling a declared operation's path with ids the run knows: what it created (or, read-only,
found in the given project) first, else the first item of the parent list, read once.

The workspace is the run's own; a project is always the subject's, never one picked from a
list; nothing is guessed. What cannot be filled is said with the reason. An operation's own id
(the last segment of a detail) may stay unknown: the path is then probed with a well-formed
unknown id (AUTH-01/02, HTTP-05), and the checks that read the item skip.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from conformance.checks.probes import UNKNOWN_ID, UNKNOWN_IDENTIFIER
from conformance.discovery import Operation
from conformance.discovery.paths import (
    Segment,
    collection_name,
    collection_of,
    fill,
    id_segments,
    is_workspace,
    own_segment,
    segments,
)
from conformance.openapi_ops import Kind, names_one_item
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.endpoints import note_presence

# The collections whose items the run made (or found), and the part of the subject that holds
# the id: `projects` is always the subject's own.
KNOWN: Mapping[str, str] = MappingProxyType(
    {
        "projects": "project",
        "issues": "issue",
        "work-items": "issue",
        "labels": "label",
        "modules": "module",
        "cycles": "cycle",
        "states": "state",
        "comments": "comment",
        "links": "link",
    }
)
PAGE_SIZE = 1


@dataclass(frozen=True, slots=True)
class Resolved:
    """Where an operation is read. ``path``: every parameter filled (None when its own id is
    unknown, ``own_missing`` says why); ``probe``: the path for requests without a valid key
    (``path``, or the unknown id in the own segment); ``unknown``: the last id replaced by the
    unknown id (HTTP-05; None without an id); ``missing``: why nothing can be read at all;
    ``borrowed``: the path's own id is the first item of its parent list, which the operation
    may not take (a project's members list users; one member is read by its membership's id)."""

    path: str | None = None
    probe: str | None = None
    unknown: str | None = None
    own_missing: str | None = None
    missing: str | None = None
    borrowed: bool = False


def main_params(operation: Operation | None) -> dict[str, str | int]:
    """The query of an operation's first read: one item of a list, the required parameters."""
    if operation is None:
        return {"per_page": PAGE_SIZE}
    params: dict[str, str | int] = {p.name: p.value or "" for p in operation.required}
    pageable = operation.kind in (Kind.LIST, Kind.PLAIN_LIST) or operation.parameter("per_page")
    if pageable and not names_one_item(operation.path):
        params["per_page"] = PAGE_SIZE
    return params


def read(plane: Target, path: str, operation: Operation | None) -> Reply:
    """The operation's first read of ``path``, made once per run."""
    return plane.read_once(path, main_params(operation))


def resolve(plane: Target, subject: Subject, coverage: Coverage, operation: Operation) -> Resolved:
    """The paths of ``operation`` for this run (see ``Resolved``)."""
    template = operation.path
    own = own_segment(template) if names_one_item(template) else None
    values: dict[str, str] = {}
    own_missing: str | None = None
    borrowed = False
    for segment in segments(template):
        if not segment.names:
            continue
        if is_workspace(template, segment):
            values[segment.names[0]] = plane.settings.workspace
            continue
        found, why = _value(plane, subject, coverage, template, segment, values)
        if found is not None:
            values.update(found)
            if segment == own:
                part = KNOWN.get(collection_name(template, segment))
                borrowed = part is None or _known(subject, part) is None
        elif segment == own and segment.is_parameter:
            own_missing = why
            values[segment.names[0]] = UNKNOWN_ID
        else:
            return Resolved(missing=why)
    probe = fill(template, values)
    ids = id_segments(template)
    unknown = None
    if ids:
        last = ids[-1].names[0]
        unknown = fill(template, {**values, last: UNKNOWN_ID})
    elif (named := identifier_segment(template)) is not None:
        unknown = fill(template, {**values, named.names[0]: UNKNOWN_IDENTIFIER})
    return Resolved(
        path=None if own_missing else probe,
        probe=probe,
        unknown=unknown,
        own_missing=own_missing,
        borrowed=borrowed,
    )


def _value(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    template: str,
    segment: Segment,
    values: dict[str, str],
) -> tuple[dict[str, str] | None, str]:
    """The values of ``segment``'s parameters, or None with the reason."""
    if segment.is_compound:
        return _identifiers(plane, subject, coverage, segment)
    name = collection_name(template, segment)
    collection = fill(collection_of(template, segment), values)
    part = KNOWN.get(name)
    known = _known(subject, part) if part else None
    if known is not None:
        return {segment.names[0]: known}, ""
    if part == "project":
        return None, "the run has no project"
    first, why = _first_id(plane, coverage, collection)
    if first is not None:
        return {segment.names[0]: first}, ""
    if part is not None and part in subject.missing:
        why = f"{subject.why_missing(part)}; {why}"
    return None, f"needs an item of {collection}: {why}"


def _known(subject: Subject, part: str) -> str | None:
    if part == "issue":
        return subject.issues[0] if subject.issues else None
    value = getattr(subject, part, None)
    return value if isinstance(value, str) and value else None


def _first_id(plane: Target, coverage: Coverage, collection: str) -> tuple[str | None, str]:
    """The id of the first item the collection lists, read once per run."""
    template = _template_of(coverage, collection)
    reply = read(plane, collection, template)
    if reply.status != 200:
        note_presence(plane, collection, reply)  # a list a valid key gets 404 for is absent
        return None, f"GET {collection} answered {reply.status}"
    body: Any = reply.body
    items = body.get("results") if isinstance(body, dict) else body
    if not isinstance(items, list):
        return None, f"GET {collection} did not answer a list"
    for item in items:
        if isinstance(item, dict) and isinstance(item.get("id"), str | int):
            return str(item["id"]), ""
    return None, f"GET {collection} lists none"


def _template_of(coverage: Coverage, path: str) -> Operation | None:
    """The declared operation whose template ``path`` fills, if any."""
    given = [part for part in path.split("/") if part]
    for operation in coverage.description.operations:
        parts = [part for part in operation.path.split("/") if part]
        if len(parts) == len(given) and all(
            "{" in mine or mine == theirs for mine, theirs in zip(parts, given, strict=True)
        ):
            return operation
    return None


def identifier_segment(template: str) -> Segment | None:
    """The ``{project_identifier}-{issue_identifier}`` segment of ``template``, if it has one:
    its unknown id is a project identifier no project has."""
    return next(
        (
            s
            for s in segments(template)
            if s.is_compound and len(s.names) == 2 and "project" in s.names[0]
        ),
        None,
    )


def _identifiers(
    plane: Target, subject: Subject, coverage: Coverage, segment: Segment
) -> tuple[dict[str, str] | None, str]:
    """``{project_identifier}-{issue_identifier}``: the subject project's identifier and the
    sequence number of its first work item, as their own answers give them."""
    names = segment.names
    if len(names) != 2 or "project" not in names[0] or not subject.issues:
        return None, f"the suite cannot fill {segment.text}"
    project = f"workspaces/{plane.settings.workspace}/projects/{subject.project}/"
    issue = f"{project}issues/{subject.issues[0]}/"
    found: list[str] = []
    for path, key in ((project, "identifier"), (issue, "sequence_id")):
        reply = read(plane, path, _template_of(coverage, path))
        value = reply.body.get(key) if isinstance(reply.body, dict) else None
        if reply.status != 200 or not isinstance(value, str | int):
            return None, f"GET {path} gave no {key} to fill {segment.text}"
        found.append(str(value))
    return dict(zip(names, found, strict=True)), ""
