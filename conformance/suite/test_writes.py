"""Every POST, PATCH and DELETE the target's description declares (discovery): the generic checks
of a write, judged on each one, on the run's scratch project.

One test per declared write, in the description's order of writes (``Description.writes``:
the POSTs, then the PATCHes, then the DELETEs, deepest first), so that what a POST made is
there for the PATCH and the DELETE of its path (``conformance.suite.writes``). Bodies come from
the operation's declared request schema and from what the run made; a write whose path or body
cannot be built skips what needs it, with the reason, and is still asked without a key.
"""

from __future__ import annotations

import contextlib

import pytest

from conformance.checks import Checker
from conformance.discovery import Description, Operation
from conformance.errors import TargetError
from conformance.judgements.authentication import INVALID_KEY, WITHOUT_KEY, refused_401
from conformance.judgements.statuses import (
    changed,
    created,
    deleted,
    field_refused,
    gone,
    not_found,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.stash import COVERAGE_KEY, TARGET_KEY
from conformance.plugin.subject import Subject
from conformance.plugin.target import AuthChoice, Reply, Target
from conformance.suite.endpoints import in_absent_endpoint
from conformance.suite.operation_reads import judge_exchanges
from conformance.suite.writes import (
    Book,
    Builder,
    Filled,
    Made,
    Unbuildable,
    acts_on_item,
    changed_property,
    fill_write,
    is_upload,
    made_id,
    own_collection,
    shape,
)

WRITE_IDS = (
    "HTTP-02",
    "HTTP-03",
    "HTTP-04",
    "HTTP-05",
    "HTTP-06",
    "AUTH-01",
    "AUTH-02",
    "RATE-01",
    "FMT-01",
)
SMOKE = "the smoke profile checks the fixed surface only, not every declared operation"
# What share of the keyed requests a write's test is written to send a target lets it send:
# a refused creation leaves its PATCH and DELETE nothing to change (measured: the reference
# server 0.97, the real Plane server 0.87, whose cycle is refused).
SHARE = 1.0


def budget(operation: Operation, description: Description) -> tuple[int, int]:
    """Keyed requests (full, smoke) the write's test is expected to spend: the write itself
    (none for an upload ticket, or for a change of what one would make, or a PATCH of nothing
    the suite changes); unless it has a twin, the invalid body of a POST that requires a
    property and the unknown id of a PATCH (or of a DELETE without one); the GET after a DELETE
    of what a GET reads."""
    own = operation.twin_of is None
    if operation.method == "POST":
        if is_upload(operation):
            return 0, 0
        spent = 1 + (1 if own and any(f.required for f in operation.request or ()) else 0)
        return max(1, round(spent * SHARE)), 0
    collection = own_collection(operation)
    made = collection is None or not is_upload(description.write(f"POST {collection}"))
    if operation.method == "PATCH":
        spent = (1 if made and changed_property(operation) else 0) + (1 if own else 0)
    else:
        patch = description.write(f"PATCH {operation.path}")
        spent = 1 if own and (patch is None or patch.twin_of is not None) else 0
        read = any(shape(op.path) == shape(operation.path) for op in description.operations)
        spent += (2 if read and not acts_on_item(operation) else 1) if made else 0
    return round(spent * SHARE), 0


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "operation" not in metafunc.fixturenames:
        return
    coverage = metafunc.config.stash.get(COVERAGE_KEY, None)
    if coverage is None:
        metafunc.parametrize("operation", [])
        return
    described = coverage.description
    metafunc.parametrize(
        "operation",
        [
            pytest.param(op, id=op.label, marks=pytest.mark.budget(*budget(op, described)))
            for op in described.writes
        ],
    )


@pytest.fixture(scope="module")
def book(request: pytest.FixtureRequest) -> Book:
    """What the write tests made, for the PATCHes and DELETEs after their POSTs."""
    assert request.config.stash.get(TARGET_KEY, None) is not None
    return Book()


@pytest.mark.req(*WRITE_IDS)
@pytest.mark.operations
@pytest.mark.writes
def test_declared_write_keeps_what_every_write_keeps(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    book: Book,
    check: Checker,
    operation: Operation,
) -> None:
    """Every declared POST, PATCH and DELETE keeps what a write keeps: a create gets 201 with the
    resource, a PATCH 200 with what was sent and every field not sent unchanged, a DELETE 204
    with no body and then 404; an invalid body 400 naming the field, an unknown id 404; 401
    without a key or with an invalid one; the rate headers and JSON bodies."""
    if not plane.settings.full:
        pytest.skip(SMOKE)
    why = subject.unwritable()
    if why is not None:
        pytest.skip(why)
    mark = plane.recorder.mark()
    filled = fill_write(plane, subject, book, operation)
    if filled.probe is None:
        pytest.skip(filled.missing)
    judge_write_keyless(plane, operation, filled.probe, check)
    builder = Builder(plane, subject, book)
    if operation.method == "POST":
        judge_post(plane, subject, coverage, book, builder, operation, filled, check)
    elif operation.method == "PATCH":
        judge_patch(plane, coverage, book, builder, operation, filled, check)
    else:
        judge_delete(plane, subject, coverage, book, operation, filled, check)
    judge_exchanges(plane, coverage, plane.recorder.since(mark), check)


def judge_write_keyless(plane: Target, operation: Operation, path: str, check: Checker) -> None:
    """AUTH-01 and AUTH-02 on the write: without a key and with an invalid one, 401 and a JSON
    message (an empty body: nothing a server that let the request in could make)."""
    body: dict[str, object] | None = {} if operation.method != "DELETE" else None
    cases: tuple[tuple[str, AuthChoice, str], ...] = (
        ("AUTH-01", None, WITHOUT_KEY),
        ("AUTH-02", plane.invalid_key_auth(), INVALID_KEY),
    )
    for rid, auth, how in cases:
        reply = plane.request(operation.method, path, json=body, auth=auth)
        if in_absent_endpoint(plane, reply.exchange.url):
            check.skip(rid, f"the target does not have {path}")
            continue
        refused_401(check, rid, reply, f"{operation.method} {path} {how}")


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
