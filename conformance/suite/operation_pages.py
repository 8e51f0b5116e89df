"""The checks of one declared operation that read its page or its item: the envelope and the
cursor of its first page (PAG-01, PAG-06), ``per_page`` out of bounds (PAG-04, PAG-05), and
``fields`` and ``expand`` (FLD-01..04); and the ``per-page-bounds`` drift."""

from __future__ import annotations

from typing import Any

from conformance.checks import Checker
from conformance.checks.pagination import envelope_problems, items_of, parse_cursor, results_of
from conformance.checks.selection import (
    expanded_problems,
    has_relation_values,
    missing_fields_problems,
)
from conformance.discovery import Operation
from conformance.discovery.drift import per_page_problems
from conformance.judgements.pagination import bad_size_refused, per_page_above_maximum_refused
from conformance.judgements.selection import expansion_judged, names_refused
from conformance.openapi_ops import Body, Kind, is_envelope, names_one_item
from conformance.plugin.coverage import Coverage
from conformance.plugin.target import Reply, Target
from conformance.suite.expansion import expect_exactly, judge_expand
from conformance.suite.operation_reads import record_drift
from conformance.suite.resolve import main_params

PAGES = ("PAG-01", "PAG-04", "PAG-05", "PAG-06")
SIZES = ("PAG-04", "PAG-05")
FIELDS = ("FLD-01", "FLD-02", "FLD-03", "FLD-04", "FLD-05")
UNKNOWN_FIELD = "zz_no_such_field"
UNEXPANDABLE = "zz_no_such_relation"


def is_page(operation: Operation, body: Any) -> bool:
    """The answer is to be judged as a page of a list: it is the envelope, or the description
    declares a list (a page or an array, with paging) on a collection path."""
    if isinstance(body, dict) and is_envelope(body.keys()):
        return True
    declared_list = operation.kind is Kind.LIST and operation.body is not Body.OBJECT
    return declared_list and not names_one_item(operation.path)


def judge_first_page(reply: Reply, check: Checker, operation: Operation) -> None:
    """PAG-01 and PAG-06 on the first page."""
    sent = main_params(operation).get("per_page")
    if not check.expect(
        "PAG-01",
        envelope_problems(reply.body),
        expected="the paginated envelope",
        exchange=reply.exchange,
    ):
        check.skip("PAG-06", "the page lacks the documented envelope (see PAG-01)")
        return
    cursor = parse_cursor(str(reply.body.get("next_cursor")))
    wanted = f"{sent}:1:0" if sent is not None else "n:1:0"
    ok = cursor is not None and cursor.offset == 1 and cursor.is_prev == 0
    ok = ok and (sent is None or (cursor is not None and cursor.value == int(sent)))
    check.that(
        "PAG-06",
        ok,
        f"the first page's next_cursor is {reply.body.get('next_cursor')!r}",
        expected=repr(wanted),
        observed=repr(reply.body.get("next_cursor")),
        exchange=reply.exchange,
    )


def judge_page_size(
    plane: Target,
    coverage: Coverage,
    operation: Operation,
    path: str,
    check: Checker,
    *,
    above: Reply | None = None,
) -> None:
    """PAG-05 on ``per_page=0``; PAG-04 on ``per_page`` above the maximum, unless ``above``
    (an answer that decided it, see ``judge_refused``) is given; the ``per-page-bounds``
    drift on both."""
    base = {k: v for k, v in main_params(operation).items() if k != "per_page"}
    maximum = plane.settings.per_page_max
    if above is None:
        above = plane.get(path, params={**base, "per_page": maximum + 1}, auth=plane.any_key())
        per_page_above_maximum_refused(check, above, maximum + 1, maximum)
    zero = plane.read_once(path, {**base, "per_page": 0})
    bad_size_refused(check, zero, "per_page=0")
    answers = {maximum + 1: above, 0: zero}
    declared = operation.parameter("per_page")
    outside = []
    if declared is not None and declared.maximum is not None:
        outside.append(declared.maximum + 1)
    if declared is not None and declared.minimum is not None:
        outside.append(declared.minimum - 1)
    for value in outside:
        answer = answers.get(value)
        if answer is None:
            answer = plane.get(path, params={**base, "per_page": value}, auth=plane.any_key())
        problems = per_page_problems(operation, value, answer.status)
        record_drift(coverage, operation, "per-page-bounds", problems, answer)


def _first_item(body: Any, page: bool) -> dict[str, Any] | None:
    items = results_of(body) if page else [body]
    first = items[0] if items else None
    return first if isinstance(first, dict) else None


def _requested(item: dict[str, Any], operation: Operation) -> list[str]:
    """Two fields the item has: ``id`` and the first other one the description declares (else
    the first other one it carries)."""
    names = [name for name in item if name != "id"]
    declared = [name for name in names if name in operation.properties]
    chosen = (declared or names)[:1]
    return (["id"] if "id" in item else names[1:2]) + chosen


def judge_selection(
    plane: Target,
    coverage: Coverage,
    operation: Operation,
    path: str,
    reply: Reply,
    check: Checker,
    *,
    page: bool,
) -> Reply | None:
    """FLD-01..05 on the items of the first page, or on the one resource: two requests where
    the target answers as documented (see ``judge_selected`` and ``judge_refused``), more only
    where an answer leaves a requirement undecided. On a page the refusal asks ``per_page``
    above the maximum too: the answer that decided PAG-04 is returned (None: not decided)."""
    base = main_params(operation)
    item = _first_item(reply.body, page)
    if item is None or len(item) < 2:
        for rid in FIELDS:
            check.skip(rid, f"GET {path} shows no item with fields to select")
        return None
    requested = _requested(item, operation)
    candidates = [*operation.relations, *coverage.relations]
    relation = next((n for n in candidates if has_relation_values([item], [n])), None)
    if relation is None:
        for rid in ("FLD-03", "FLD-05"):
            check.skip(rid, f"no relation declared for expand has a value in {path}'s item")
    judge_selected(plane, path, base, requested, relation, check)
    expand = relation is not None or operation.parameter("expand") is not None
    if not expand:
        check.skip("FLD-04", f"{operation.label} declares no expand and shows no relation")
    above = plane.settings.per_page_max + 1 if page else None
    return judge_refused(plane, path, base, requested[0], check, expand=expand, above=above)


def judge_selected(
    plane: Target,
    path: str,
    base: dict[str, str | int],
    requested: list[str],
    relation: str | None,
    check: Checker,
) -> None:
    """FLD-01, and FLD-03 and FLD-05 when a relation has a value, on one request: ``fields``
    naming the relation too and ``expand`` naming it, as FLD-05 combines them. An answer that
    is not 200 decides none of them, and one whose relation is not an object leaves FLD-03 to
    ``expand`` alone: each is then asked on its own. The combination fails FLD-05 where it
    loses a requested field, or where it does not expand what ``expand`` alone expands; where
    ``expand`` alone fails too, that is FLD-03's deviation, not the combination's."""
    fields = [*requested, *([relation] if relation and relation not in requested else [])]
    params = {**base, "fields": ",".join(fields)}
    if relation is not None:
        params["expand"] = relation
    selected = plane.get(path, params=params)
    items = items_of(selected.body)
    if selected.status != 200:
        judge_fields_alone(plane, path, base, requested, check)
        if relation is None:
            return
        judge_expand(plane, path, [relation], check, params=base)
        refused = f"GET {path} with fields and expand together got {selected.status}"
        if check.failed("FLD-01") or check.failed("FLD-03"):
            check.skip("FLD-05", f"{refused}, and one of them fails alone too (FLD-01, FLD-03)")
        else:  # each works alone: the combination is what the target refuses
            check.expect("FLD-05", [refused], expected="200", exchange=selected.exchange)
        return
    expect_exactly(check, "FLD-01", items, fields, selected.exchange)
    if relation is None:
        return
    # an extra field is FLD-01's deviation; a missing one breaks the combination too
    missing = [
        p for i, e in enumerate(items) for p in missing_fields_problems(e, fields, f"item {i}")
    ]
    combined = [
        p for i, e in enumerate(items) for p in expanded_problems(e, [relation], f"item {i}")
    ]
    hollow = any(isinstance(e, dict) and e.get(relation) == {} for e in items)
    expected = f"exactly {fields}, {relation} as objects"
    if has_relation_values(items, [relation]) and not combined and not hollow:
        expansion_judged(check, "FLD-03", [], [relation], selected.exchange)
        check.expect("FLD-05", missing, expected=expected, exchange=selected.exchange)
        return
    judge_expand(plane, path, [relation], check, params=base)
    if missing or (combined and not check.failed("FLD-03")):
        check.expect("FLD-05", missing + combined, expected=expected, exchange=selected.exchange)
    elif combined:
        check.skip("FLD-05", f"expand={relation} alone does not expand it either (see FLD-03)")
    else:
        check.skip("FLD-05", f"the answer to fields and expand shows no {relation!r} to expand")


def judge_fields_alone(
    plane: Target, path: str, base: dict[str, str | int], requested: list[str], check: Checker
) -> None:
    """FLD-01 on ``fields`` alone."""
    selected = plane.get(path, params={**base, "fields": ",".join(requested)})
    if check.that(
        "FLD-01",
        selected.status == 200,
        f"GET {path}?fields={','.join(requested)} got {selected.status}",
        exchange=selected.exchange,
    ):
        expect_exactly(check, "FLD-01", items_of(selected.body), requested, selected.exchange)


def judge_refused(
    plane: Target,
    path: str,
    base: dict[str, str | int],
    known: str,
    check: Checker,
    *,
    expand: bool,
    above: int | None = None,
) -> Reply | None:
    """FLD-02, FLD-04 when ``expand`` applies and PAG-04 when ``above`` is given, on one
    request holding an unknown field, an unexpandable name and ``per_page=above``; a
    requirement its answer leaves undecided (``shared_refusal_problems``) is asked on its own,
    except PAG-04, whose deciding answer is returned (None: ``judge_page_size`` asks it)."""
    value = f"{known},{UNKNOWN_FIELD}"
    params = {**base, "fields": value, **({"expand": UNEXPANDABLE} if expand else {})}
    if above is not None:
        params["per_page"] = above
    answer = plane.get(path, params=params)
    cases = [("FLD-02", "fields", value, UNKNOWN_FIELD)]
    if expand:
        cases.append(("FLD-04", "expand", UNEXPANDABLE, UNEXPANDABLE))
    shared = expand or above is not None
    for rid, parameter, sent, name in cases:
        what = f"{parameter}={sent}"
        if names_refused(check, rid, answer, what, [name], shared=shared) is None:
            # the answer may be the other names': this one alone
            alone = plane.get(path, params={**base, parameter: sent})
            names_refused(check, rid, alone, what, [name])
    if above is None:
        return None
    decided = per_page_above_maximum_refused(check, answer, above, above - 1, shared=True)
    return None if decided is None else answer
