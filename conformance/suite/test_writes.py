"""Every POST, PATCH and DELETE the target's description declares (discovery): the generic checks
of a write, judged on each one, on the run's scratch project.

One test per declared write, in the description's order of writes (``Description.writes``:
the POSTs, then the PATCHes, then the DELETEs, deepest first), so that what a POST made is
there for the PATCH and the DELETE of its path (``conformance.suite.writes``). Bodies come from
the operation's declared request schema and from what the run made; a write whose path or body
cannot be built skips what needs it, with the reason, and is still asked without a key.
"""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.discovery import Description, Operation
from conformance.judgements.authentication import INVALID_KEY, WITHOUT_KEY, refused_401
from conformance.plugin.coverage import Coverage
from conformance.plugin.stash import COVERAGE_KEY
from conformance.plugin.subject import Subject
from conformance.plugin.target import AuthChoice, Target
from conformance.suite.absent_routes import absent_for_anyone
from conformance.suite.endpoints import absent_evidence
from conformance.suite.operation_reads import judge_exchanges
from conformance.suite.write_checks import judge_delete, judge_patch, judge_post
from conformance.suite.writes import (
    Book,
    Builder,
    acts_on_item,
    changed_property,
    fill_write,
    is_upload,
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


def budget(operation: Operation, description: Description) -> tuple[int, int]:
    """Keyed requests (full, smoke) the write's test is expected to spend: the write itself
    (none for an upload ticket, or for a change of what one would make, or a PATCH of nothing
    the suite changes); unless it has a twin, the invalid body of a POST that requires a
    property and the unknown id of a PATCH (or of a DELETE without one); the GET after a DELETE
    of what a GET reads. An upper bound: a refused creation leaves its PATCH and DELETE nothing
    to change (the share sent, measured: the reference server 0.97, the real Plane server 0.87,
    whose cycle is refused)."""
    own = operation.twin_of is None
    if operation.method == "POST":
        if is_upload(operation):
            return 0, 0
        return 1 + (1 if own and any(f.required for f in operation.request or ()) else 0), 0
    collection = own_collection(operation)
    made = collection is None or not is_upload(description.write(f"POST {collection}"))
    if operation.method == "PATCH":
        spent = (1 if made and changed_property(operation) else 0) + (1 if own else 0)
    else:
        patch = description.write(f"PATCH {operation.path}")
        spent = 1 if own and (patch is None or patch.twin_of is not None) else 0
        read = any(shape(op.path) == shape(operation.path) for op in description.operations)
        spent += (2 if read and not acts_on_item(operation) else 1) if made else 0
    return spent, 0


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
def book() -> Book:
    """What the write tests made, for the PATCHes and DELETEs after their POSTs."""
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
    lacking = judge_write_keyless(plane, operation, filled.probe, check)
    if lacking is not None:
        coverage.lacks(operation.label, lacking)
        pytest.skip(f"the target does not have {filled.probe}: {lacking}")
    builder = Builder(plane, subject, book)
    if operation.method == "POST":
        judge_post(plane, subject, coverage, book, builder, operation, filled, check)
    elif operation.method == "PATCH":
        judge_patch(plane, coverage, book, builder, operation, filled, check)
    else:
        judge_delete(plane, subject, coverage, book, operation, filled, check)
    judge_exchanges(plane, coverage, plane.recorder.since(mark), check)


def judge_write_keyless(
    plane: Target, operation: Operation, path: str, check: Checker
) -> str | None:
    """AUTH-01 and AUTH-02 on the write: without a key and with an invalid one, 401 and a JSON
    message (an empty body: nothing a server that let the request in could make). A 404 there
    where a valid key's GET of the path answers 404 too, on a target that refuses keyless
    requests to its routes with 401, shows the route absent (``absent_for_anyone``): why, and
    nothing is judged; None otherwise."""
    body: dict[str, object] | None = {} if operation.method != "DELETE" else None
    cases: tuple[tuple[str, AuthChoice, str], ...] = (
        ("AUTH-01", None, WITHOUT_KEY),
        ("AUTH-02", plane.invalid_key_auth(), INVALID_KEY),
    )
    for rid, auth, how in cases:
        reply = plane.request(operation.method, path, json=body, auth=auth)
        lacking = absent_evidence(plane, reply.exchange.url) or absent_for_anyone(
            plane, path, None, reply, "the write's own path"
        )
        if lacking is not None:
            return lacking
        refused_401(check, rid, reply, f"{operation.method} {path} {how}")
    return None
