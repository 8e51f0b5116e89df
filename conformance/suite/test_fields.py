"""FLD: the ``fields`` and ``expand`` query parameters (and the generic checks of every list)."""

from __future__ import annotations

import pytest
from hypothesis import example, given

from conformance.checks import Checker
from conformance.checks.bodies import json_body_problems
from conformance.checks.pagination import envelope_problems, item_ids, results_of
from conformance.checks.selection import (
    exact_fields_problems,
    expanded_problems,
    has_relation_values,
    missing_fields_problems,
)
from conformance.judgements.selection import names_refused
from conformance.plugin.coverage import Coverage
from conformance.plugin.properties import budgeted
from conformance.plugin.subject import Subject
from conformance.plugin.target import Target
from conformance.suite import strategies
from conformance.suite.endpoints import (
    judged_by_operations,
    list_path,
    missing_parent,
    note_presence,
)
from conformance.suite.expansion import expect_exactly, judge_expand
from conformance.surface import COLLECTIONS, ISSUE_FIELDS, ISSUE_RELATIONS, collection

ISSUE = "workspaces/{slug}/projects/{project}/issues/{issue}/"


def _issues(plane: Target, subject: Subject) -> str:
    return plane.path(collection("issues").path, project=subject.project)


@pytest.mark.req("FLD-01", "FLD-05", "PAG-01", "HTTP-01")
@pytest.mark.parametrize("name", [c.name for c in COLLECTIONS])
@pytest.mark.budget(0, 1)
def test_every_list_has_the_envelope_and_honours_fields(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker, name: str
) -> None:
    """fields=a,b returns each list item with exactly the requested fields, and expand combines
    with it, inside the paginated envelope, with 200 and JSON (on every list endpoint: one
    request, fields=id,R&expand=R for a relation R of the items)."""
    item = collection(name)
    judged_by_operations(plane, coverage, item.path)
    path = list_path(plane, subject, item)
    if path is None:
        pytest.skip(f"needs what {item.path} names: {missing_parent(subject, item)}")
    relation = item.relations[0]
    requested = ["id", relation]
    size = plane.settings.per_page_max
    query = {"fields": ",".join(requested), "expand": relation}
    reply = plane.get(path, params={**query, "per_page": size})
    if reply.status == 400:
        check.that(
            "FLD-05",
            False,
            f"GET {path}?fields=id,{relation}&expand={relation} got 400, though every item has "
            f"both and {relation} is a relation",
            exchange=reply.exchange,
        )
        reply = plane.get(path, params={"per_page": size})
    note_presence(plane, path, reply)
    if path in plane.absent:
        pytest.skip(f"the target does not have this endpoint: {plane.absent[path]}")
    check.expect(
        "HTTP-01",
        [f"GET {path} got {reply.status}"]
        if reply.status != 200
        else [f"GET {path}: {p}" for p in json_body_problems(reply.response)],
        expected="200 with a JSON body labelled application/json",
        exchange=reply.exchange,
    )
    if reply.status != 200:
        return
    check.expect(
        "PAG-01",
        envelope_problems(reply.body),
        expected="the paginated envelope",
        exchange=reply.exchange,
    )
    results = results_of(reply.body)
    if isinstance(reply.body, dict) and reply.body.get("next_page_results") is False:
        subject.listings[name] = item_ids(reply.body)  # the whole collection: a walk's truth
    if results and "fields=" in reply.exchange.url:
        expect_exactly(check, "FLD-01", results, requested, reply.exchange)
        if has_relation_values(results, [relation]):
            unexpanded = [
                p
                for index, entry in enumerate(results)
                for p in expanded_problems(entry, [relation], f"item {index}")
            ]
            if unexpanded and not _expands_alone(plane, path, relation):
                check.skip("FLD-05", f"expand={relation} alone does not expand it (see FLD-03)")
                return
            check.expect(
                "FLD-05",
                unexpanded,
                expected=f"{relation} expanded to an object",
                exchange=reply.exchange,
            )


def _expands_alone(plane: Target, path: str, relation: str) -> bool:
    """Whether ``expand`` without ``fields`` turns ``relation`` into objects on ``path``: where
    it does not, a combination that does not expand is FLD-03's deviation, not FLD-05's."""
    reply = plane.get(path, params={"expand": relation, "per_page": 5})
    items = results_of(reply.body) if reply.status == 200 else []
    return has_relation_values(items, [relation]) and not any(
        expanded_problems(e, [relation], "") for e in items
    )


def _one_resource(plane: Target, subject: Subject) -> str:
    """A single resource to read: the first work item, else the project itself."""
    if subject.issues:
        return plane.path(ISSUE, project=subject.project, issue=subject.issues[0])
    return plane.path("workspaces/{slug}/projects/{project}/", project=subject.project)


@pytest.mark.req("FLD-01")
@pytest.mark.budget(1, 1)
def test_fields_select_exactly_the_requested_fields(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """fields=a,b returns each object (list items and single resources) with exactly the
    requested fields (a single work item only where no operation test selects its fields)."""

    # The explicit case, fields=id,R on every list, is the generic test above.
    @budgeted(plane, full=1, smoke=0)
    @given(strategies.subsets(ISSUE_FIELDS))
    def fields_hold(requested: list[str]) -> None:
        example = check.child()
        reply = plane.get(
            _issues(plane, subject), params={"fields": ",".join(requested), "per_page": 2}
        )
        if example.that(
            "FLD-01",
            reply.status == 200,
            f"fields={','.join(requested)} got {reply.status}",
            exchange=reply.exchange,
        ):
            expect_exactly(example, "FLD-01", results_of(reply.body), requested, reply.exchange)
        example.raise_if_failed()

    if plane.settings.full:
        fields_hold()
    if plane.settings.full and subject.issues and coverage.judged_by(ISSUE) is not None:
        return  # the work item's own operation test selects its fields
    path = _one_resource(plane, subject)
    reply = plane.get(path, params={"fields": "id,name"})
    if check.that(
        "FLD-01",
        reply.status == 200,
        f"GET {path}?fields=id,name got {reply.status}",
        exchange=reply.exchange,
    ):
        check.expect(
            "FLD-01",
            exact_fields_problems(reply.body, ["id", "name"], "the resource"),
            expected="exactly ['id', 'name']",
            exchange=reply.exchange,
        )


@pytest.mark.req("FLD-02")
@pytest.mark.budget(2, 1)
def test_unknown_fields_get_400_naming_each(
    plane: Target, subject: Subject, check: Checker
) -> None:
    """An unknown name in fields gets 400 with an error that names every invalid field."""

    @budgeted(plane, full=1, smoke=0)
    @given(strategies.mixed_unknown(ISSUE_FIELDS))
    @example((["id"], ["zz_one", "zz_two"]))
    def unknown_named(names: tuple[list[str], list[str]]) -> None:
        known, unknown = names
        example = check.child()
        value = ",".join([*known, *unknown])
        reply = plane.get(_issues(plane, subject), params={"fields": value})
        names_refused(example, "FLD-02", reply, f"fields={value}", unknown)
        example.raise_if_failed()

    unknown_named()


@pytest.mark.req("FLD-03")
@pytest.mark.budget(3, 3)
def test_expand_returns_objects(plane: Target, subject: Subject, check: Checker) -> None:
    """expand=a,b returns each named relation as an object (or a list of objects) instead of an
    id (or a list of ids)."""

    @budgeted(plane, full=0, smoke=0)
    @given(strategies.subsets(ISSUE_RELATIONS, max_size=3))
    @example(["state", "labels", "assignees"])
    def expands(names: list[str]) -> None:
        example = check.child()
        judge_expand(plane, _issues(plane, subject), names, example)
        example.raise_if_failed()

    expands()
    if subject.issues:
        judge_expand(
            plane,
            plane.path(ISSUE, project=subject.project, issue=subject.issues[-1]),
            ["state", "labels", "parent"],
            check,
        )


@pytest.mark.req("FLD-04")
@pytest.mark.budget(1, 1)
def test_unexpandable_names_get_400_naming_them(
    plane: Target, subject: Subject, check: Checker
) -> None:
    """A name in expand that cannot be expanded gets 400 with an error that names it."""

    @budgeted(plane, full=0, smoke=0)
    @given(strategies.unknown_names())
    @example("name")
    def refused(name: str) -> None:
        example = check.child()
        reply = plane.get(_issues(plane, subject), params={"expand": name})
        names_refused(example, "FLD-04", reply, f"expand={name}", [name])
        example.raise_if_failed()

    refused()


@pytest.mark.req("FLD-05")
@pytest.mark.budget(0, 1)
def test_fields_and_expand_combine(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """fields and expand combine: fields=id,state&expand=state returns exactly id and an
    expanded state (an extra field is FLD-01's deviation, a state that expand alone does not
    expand either FLD-03's)."""
    judged_by_operations(plane, coverage, collection("issues").path)
    path = _issues(plane, subject)
    reply = plane.get(path, params={"fields": "id,state", "expand": "state"})
    if not check.that(
        "FLD-05",
        reply.status == 200,
        f"fields=id,state&expand=state got {reply.status}",
        exchange=reply.exchange,
    ):
        return
    results = results_of(reply.body)
    for index, entry in enumerate(results):
        check.expect(
            "FLD-05",
            missing_fields_problems(entry, ["id", "state"], f"item {index}"),
            expected="id and state",
            exchange=reply.exchange,
        )
    unexpanded = [
        p for i, e in enumerate(results) for p in expanded_problems(e, ["state"], f"item {i}")
    ]
    if unexpanded and not _expands_alone(plane, path, "state"):
        check.skip("FLD-05", "expand=state alone does not expand it either (see FLD-03)")
        return
    check.expect("FLD-05", unexpanded, expected="state as an object", exchange=reply.exchange)
