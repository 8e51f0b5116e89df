"""The checks of one declared write, by its method: a POST's creation (HTTP-02) and its
invalid body (HTTP-06), a PATCH's change (HTTP-03), a DELETE's removal (HTTP-04), and the
unknown id of a PATCH or DELETE (HTTP-05), on what the run made (``conformance.suite.writes``)."""

from __future__ import annotations

import contextlib

from conformance.checks import Checker
from conformance.discovery import Operation
from conformance.errors import TargetError
from conformance.judgements.statuses import (
    changed,
    created,
    deleted,
    field_refused,
    gone,
    not_found,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.writes import (
    Book,
    Builder,
    Filled,
    Made,
    Unbuildable,
    acts_on_item,
    made_id,
    own_collection,
    shape,
)


def _answered(reply: Reply) -> str:
    text = reply.response.text[:160].strip()
    return f"{reply.exchange.method} {reply.exchange.url} answered {reply.status} {text}".rstrip()


def _declares_other_success(operation: Operation, wanted: int) -> str | None:
    """Why the status check of a write does not apply: it declares another success only."""
    if operation.declares(wanted) or not any(s.startswith("2") for s in operation.statuses):
        return None
    return f"{operation.label} declares {sorted(operation.statuses)}, not {wanted}"


def judge_post(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    book: Book,
    builder: Builder,
    operation: Operation,
    filled: Filled,
    check: Checker,
) -> None:
    """HTTP-02 on a create (an action on an item is no creation), then HTTP-06: a body without
    its first required property."""
    check.skip("HTTP-05", f"{operation.label} names no item of its own: its GET asks")
    for rid in ("HTTP-03", "HTTP-04"):
        check.skip(rid, f"{operation.label} is a POST")
    path = filled.path
    try:
        body = builder.create(operation)
    except Unbuildable as exc:
        for rid in ("HTTP-02", "HTTP-06"):
            check.skip(rid, str(exc))
        return
    if path is None:
        for rid in ("HTTP-02", "HTTP-06"):
            check.skip(rid, filled.missing)
        return
    collection = shape(operation.path)
    project = plane.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    outside = not path.startswith(project) and not acts_on_item(operation)
    removable = any(
        w.method == "DELETE" and shape(w.path) == collection + "{}/"
        for w in coverage.description.writes
    )
    if outside and not removable:
        reason = f"{operation.label} would make an item outside the scratch project that the "
        reason += "description declares no DELETE for"
        for rid in ("HTTP-02", "HTTP-06"):
            check.skip(rid, reason)
        return
    reply = plane.request("POST", path, json=body if operation.request is not None else None)
    if acts_on_item(operation):
        check.skip("HTTP-02", f"{operation.label} acts on an item: it creates none")
        own = own_collection(operation)
        if reply.status < 300 and own is not None:
            book.acted[path.rstrip("/").rsplit("/", 2)[-2]] = operation.label
        elif own is not None:
            book.refused["acted " + shape(own)] = _answered(reply)
    else:
        judge_created(plane, subject, book, operation, path, body, reply, outside, check)
    if reply.status >= 300:
        check.skip("HTTP-06", f"a valid body was refused too: {_answered(reply)}")
        return
    judge_invalid(plane, builder, operation, path, check)


def judge_created(
    plane: Target,
    subject: Subject,
    book: Book,
    operation: Operation,
    path: str,
    body: dict[str, object],
    reply: Reply,
    outside: bool,
    check: Checker,
) -> None:
    """HTTP-02 on what a POST to a collection answered; what it made goes into the book."""
    what = f"POST {path}"
    collection = shape(operation.path)
    if reply.status >= 300:
        book.refused[collection] = f"the target refused to create it: {_answered(reply)}"
        refused = _answered(reply)
        check.skip("HTTP-02", f"a body built from the declared schema was refused: {refused}")
        return
    made = made_id(reply, body)
    if made is not None:
        book.made[collection] = Made(made, reply, body)
        if outside:
            subject.outside.append(f"{path}{made}/")
    answer = reply.body
    resource = isinstance(answer, dict) and bool(answer.get("id"))
    rows = isinstance(answer, list) and all(isinstance(r, dict) and r.get("id") for r in answer)
    if (rows and answer) or resource or operation.declares(201):
        created(check, reply, what)
    else:
        check.skip("HTTP-02", f"{what} answered {reply.status} without a resource: not a creation")


def judge_invalid(
    plane: Target, builder: Builder, operation: Operation, path: str, check: Checker
) -> None:
    """HTTP-06: the body without its first required property gets 400 naming it."""
    if operation.twin_of is not None:
        check.skip("HTTP-06", f"an invalid body is sent to its twin, {operation.twin_of}")
        return
    try:
        invalid = builder.invalid(operation)
    except Unbuildable as exc:
        check.skip("HTTP-06", str(exc))
        return
    if invalid is None:
        check.skip("HTTP-06", f"{operation.label} declares no required property to leave out")
        return
    field, body = invalid
    reply = plane.request("POST", path, json=body)
    made = made_id(reply, {}) if reply.status < 300 else None
    if made is not None:  # made anyway: the finding stands, the item goes
        with contextlib.suppress(TargetError):
            plane.request("DELETE", f"{path}{made}/")
    field_refused(check, reply, field, f"POST {path} without {field}")


def judge_patch(
    plane: Target,
    coverage: Coverage,
    book: Book,
    builder: Builder,
    operation: Operation,
    filled: Filled,
    check: Checker,
) -> None:
    """HTTP-03 on the item a POST of the run made, then HTTP-05 with an unknown id."""
    check.skip("HTTP-06", "an invalid body is sent to the POST of its collection")
    for rid in ("HTTP-02", "HTTP-04"):
        check.skip(rid, f"{operation.label} is a PATCH")
    sent = builder.change(operation)
    if sent is None:
        check.skip("HTTP-03", f"{operation.label} declares no property the suite changes")
    elif filled.path is None:
        check.skip("HTTP-03", filled.missing)
    else:
        own = own_collection(operation)
        made = book.item(own) if own is not None else None
        before = made.reply.body if made is not None and isinstance(made.reply.body, dict) else None
        reply = plane.request("PATCH", filled.path, json=sent)
        other = _declares_other_success(operation, 200)
        if other is not None:
            check.skip("HTTP-03", other)
        else:
            changed(check, reply, sent, before, f"PATCH {filled.path}")
    judge_unknown_write(plane, coverage, operation, filled, sent or {}, check)


def judge_unknown_write(
    plane: Target,
    coverage: Coverage,
    operation: Operation,
    filled: Filled,
    body: object,
    check: Checker,
) -> None:
    """HTTP-05: the write with an unknown id of its own gets 404 with a JSON error."""
    if operation.twin_of is not None:
        check.skip("HTTP-05", f"the unknown id is asked of its twin, {operation.twin_of}")
        return
    if filled.unknown is None:
        check.skip("HTTP-05", f"{operation.label} names no item of its own")
        return
    method = operation.method
    patched = f"PATCH {operation.path}"
    patch = coverage.description.write(patched) if method == "DELETE" else None
    if patch is not None and patch.twin_of is None:
        check.skip("HTTP-05", f"the unknown id of this path is asked by {patched}")
        return
    reply = plane.request(method, filled.unknown, json=body if method != "DELETE" else None)
    not_found(check, "HTTP-05", reply, f"{method} {filled.unknown} (an unknown id)")


def judge_delete(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    book: Book,
    operation: Operation,
    filled: Filled,
    check: Checker,
) -> None:
    """HTTP-04 on the item a POST of the run made (or the undoing of an action of the run on
    it), then GET it: 404; then HTTP-05 with an unknown id."""
    for rid in ("HTTP-02", "HTTP-03", "HTTP-06"):
        check.skip(rid, f"{operation.label} is a DELETE")
    path = filled.path
    action = acts_on_item(operation)
    item = path.rstrip("/").rsplit("/", 2)[-2] if path is not None and action else None
    if path is None:
        check.skip("HTTP-04", filled.missing)
    elif (twin := book.deleted.get(_same_item(path))) is not None:
        check.skip("HTTP-04", f"{twin} deleted the same item already (its POST made it again)")
    elif item is not None and item not in book.acted:
        undone = own_collection(operation) or ""
        done = book.refused.get("acted " + shape(undone).replace("/archived-", "/"))
        why = f"no action of this run on {item} to undo" + (f": {done}" if done else "")
        check.skip("HTTP-04", why)
    else:
        reply = plane.request("DELETE", path)
        deleted(check, reply, f"DELETE {path}")
        if reply.status < 300:
            book.deleted[_same_item(path)] = operation.label
            with contextlib.suppress(ValueError):
                subject.outside.remove(path)
            own = own_collection(operation)
            if own is not None and not action:
                book.made.pop(shape(own), None)
        reads = coverage.description.operations
        if not action and any(shape(op.path) == shape(operation.path) for op in reads):
            judge_gone(plane, path, filled, check)
    judge_unknown_write(plane, coverage, operation, filled, None, check)


def judge_gone(plane: Target, path: str, filled: Filled, check: Checker) -> None:
    """HTTP-04, afterwards: GET of what was deleted answers 404, or, on a target that answers
    an unknown id otherwise (HTTP-05's to judge), as it answers an id that never existed."""
    after = plane.get(path)
    if after.status != 404 and not 200 <= after.status < 300 and filled.unknown is not None:
        never = plane.get(filled.unknown)
        gone(check, after, path, never.status, f"an id that never existed: {never.status}")
        return
    gone(check, after, path)


def _same_item(path: str) -> str:
    """The item a path names, whatever its collection's name (twins name one item twice)."""
    parts = path.rstrip("/").split("/")
    return "/".join([*parts[:-2], "*", parts[-1]])
