"""Every GET operation the target's description declares (discovery): what every endpoint
keeps, judged on each one, and the documentation drift its answers show.

One test per declared operation, parametrised at collection from the description the run read
(``--openapi``, the target's ``/api/schema/``, or the bundled one): each test judges its own
operation's requirements on its own requests, so the report can say, operation by operation,
what was checked and what was not, and why. The fixed surface's deeper tests (walks, writes,
properties) stay in the area modules; these are the generic checks, on every operation.
"""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.discovery import Operation
from conformance.discovery.paths import id_segments
from conformance.openapi_ops import Kind
from conformance.plugin.coverage import Coverage
from conformance.plugin.stash import COVERAGE_KEY, TARGET_KEY
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.endpoints import absent_evidence, in_absent_endpoint
from conformance.suite.operation_pages import (
    FIELDS,
    PAGES,
    SIZES,
    is_page,
    judge_first_page,
    judge_page_size,
    judge_selection,
)
from conformance.suite.operation_reads import (
    judge_exchanges,
    judge_keyless,
    judge_read,
    judge_required,
    judge_unknown,
)
from conformance.suite.resolve import identifier_segment, read, resolve
from conformance.suite.twins import probed_on_twin

OPERATION_IDS = (
    "HTTP-01",
    "AUTH-01",
    "AUTH-02",
    "HTTP-05",
    "PAG-01",
    "PAG-04",
    "PAG-05",
    "PAG-06",
    "FLD-01",
    "FLD-02",
    "FLD-03",
    "FLD-04",
    "FLD-05",
    "RATE-01",
    "FMT-01",
)
SMOKE = "the smoke profile checks the fixed surface only, not every declared operation"


# What share of the requests the description promises a target's data lets the operation tests
# send: an empty list has no item to select fields of, a detail whose id its parent list lacks
# is not read further (measured: the reference server 0.88, the real Plane server 0.76). A
# read-only run reads a project it did not fill, where more lists are empty (measured: 0.60 on
# the real Plane server's seeded project, which has no label, module or cycle).
SHARE = 0.85
READ_ONLY_SHARE = 0.7


def budget(operation: Operation, *, share: float = SHARE) -> tuple[int, int]:
    """Keyed requests (full, smoke) the operation's test is expected to spend: its read;
    unless it has a twin (its view's inputs are asked there, see ``conformance.suite.twins``):
    each declared required parameter left out, an unknown id, on a list ``per_page`` 0 and
    above the maximum, ``fields`` with ``expand`` and their refusal (which asks ``per_page``
    above the maximum too) on a list or a resource; at the ``SHARE`` a target's data allows."""
    spent = 1
    if operation.twin_of is None:
        unknown = id_segments(operation.path) or identifier_segment(operation.path)
        spent += len(operation.required) + (1 if unknown else 0)
        selects = operation.relations or operation.properties
        if operation.kind is Kind.LIST:
            spent += 1 if selects else 2  # per_page=0; above the maximum rides on the refusal
        if operation.kind in (Kind.LIST, Kind.DETAIL) and selects:
            spent += 2  # fields with expand, and their refusal, one request each
    return max(1, round(spent * share)), 0


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "operation" not in metafunc.fixturenames:
        return
    coverage = metafunc.config.stash.get(COVERAGE_KEY, None)
    operations = coverage.description.operations if coverage is not None else ()
    target = metafunc.config.stash.get(TARGET_KEY, None)
    share = READ_ONLY_SHARE if target is not None and target.settings.read_only else SHARE
    metafunc.parametrize(
        "operation",
        [
            pytest.param(op, id=op.label, marks=pytest.mark.budget(*budget(op, share=share)))
            for op in operations
        ],
    )


@pytest.mark.req(*OPERATION_IDS)
@pytest.mark.operations
def test_declared_operation_keeps_what_every_endpoint_keeps(
    plane: Target,
    subject: Subject,
    coverage: Coverage,
    check: Checker,
    operation: Operation,
) -> None:
    """GET on every declared operation gets 200 and JSON, and keeps what every endpoint keeps:
    401 without a key or with an invalid one, 404 for an unknown id, the envelope and cursors
    and per_page bounds of a list, fields and expand on list items and single resources, the
    rate headers and JSON bodies."""
    if not plane.settings.full:
        pytest.skip(SMOKE)
    mark = plane.recorder.mark()
    resolved = resolve(plane, subject, coverage, operation)
    if resolved.missing is not None:
        pytest.skip(resolved.missing)
    exchanges = []
    read_more = False
    reply = None
    twin = None  # why the view's inputs are asked on the operation's twin
    if resolved.path is not None:
        reply = read(plane, resolved.path, operation)
        exchanges.append(reply.exchange)
        read_more = judge_read(
            plane, coverage, operation, resolved.path, reply, check, borrowed=resolved.borrowed
        )
        if read_more:
            twin = probed_on_twin(plane, subject, coverage, operation, reply)
    else:
        for rid in ("HTTP-01", *PAGES, *FIELDS):
            check.skip(rid, f"its item was not read: {resolved.own_missing}")
        twin = probed_on_twin(plane, subject, coverage, operation, None)
    assert resolved.probe is not None
    if resolved.path is None:
        ids = "an unknown id in its own place: the run had no item of it"
    else:
        ids = "ids its parent list gave" if resolved.borrowed else "ids of the run"
    if in_absent_endpoint(plane, resolved.probe):
        # evidence of nothing but the 404 the read itself got
        for rid in ("HTTP-05", "AUTH-01", "AUTH-02"):
            check.skip(rid, f"the target does not have {resolved.probe}")
    else:
        # first: a keyless 404 there, with a valid key's, shows the route absent
        judge_keyless(plane, operation, resolved.probe, check, ids=ids)
        if in_absent_endpoint(plane, resolved.probe):
            check.skip("HTTP-05", f"the target does not have {resolved.probe}")
        elif twin is not None:
            check.skip("HTTP-05", twin)
        elif resolved.unknown is not None:
            judge_unknown(plane, coverage, operation, resolved.unknown, check)
        else:
            check.skip("HTTP-05", f"{operation.path} holds no id of its own")
    lacking = absent_evidence(plane, resolved.probe)
    if lacking is not None:
        # the answers of its parents (read to fill its ids) are their own operations' to judge
        coverage.lacks(operation.label, lacking)
        for rid in ("RATE-01", "FMT-01"):
            check.skip(rid, f"the target does not have {resolved.probe}: {lacking}")
        return
    if read_more and reply is not None and resolved.path is not None:
        judge_parameters(plane, coverage, operation, resolved.path, reply, check, twin=twin)
        if twin is None:
            judge_required(plane, coverage, operation, resolved.path)
    judge_exchanges(plane, coverage, [*exchanges, *plane.recorder.since(mark)], check)


def judge_parameters(
    plane: Target,
    coverage: Coverage,
    operation: Operation,
    path: str,
    reply: Reply,
    check: Checker,
    *,
    twin: str | None,
) -> None:
    """What the read shows of a page (PAG-01, PAG-06), then the query parameters: ``per_page``
    out of bounds on a page, ``fields`` and ``expand`` on a page or one resource, unless they
    are asked on the operation's twin (``twin``: why, see ``probed_on_twin``)."""
    page = is_page(operation, reply.body)
    if page:
        judge_first_page(reply, check, operation)
    else:
        for rid in PAGES:
            check.skip(rid, f"{operation.label} is not a list: it answers no page")
    if twin is not None:
        for rid in (*(SIZES if page else ()), *FIELDS):
            check.skip(rid, twin)
        return
    above = None
    if page or (isinstance(reply.body, dict) and operation.kind is Kind.DETAIL):
        above = judge_selection(plane, coverage, operation, path, reply, check, page=page)
    else:
        for rid in FIELDS:
            check.skip(rid, f"{operation.label} answers neither a list nor one resource")
    if page:
        judge_page_size(plane, coverage, operation, path, check, above=above)
