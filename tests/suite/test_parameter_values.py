"""The values the search of declared query parameters sends, and their order."""

from __future__ import annotations

from conformance.discovery import QueryParameter, bundled
from conformance.discovery.drift import parameter_value_problems
from conformance.suite.parameter_values import (
    HUGE,
    NUL,
    declared_parameters,
    planned,
    ruled_out,
    trials,
)


def kinds(parameter: QueryParameter) -> list[str]:
    return [trial.kind for trial in trials(parameter)]


def test_an_ordering_field_is_tried_unknown_first() -> None:
    order = QueryParameter("order_by", False, type="string", examples=("-created_at",))
    found = trials(order)
    assert (found[0].kind, found[0].value) == ("unknown ordering field", "zz")
    assert found[-1].kind == "example"
    assert not found[0].invalid  # a free string rules nothing out: a 2xx is no drift


def test_a_bounded_integer_gets_its_boundaries_and_the_wrong_type() -> None:
    limit = QueryParameter("limit", False, type="integer", minimum=1, maximum=100)
    found = {trial.kind: trial for trial in trials(limit)}
    assert found["negative"].value == "-1"
    assert found["negative"].invalid
    assert found["huge"].value == HUGE
    assert found["above the maximum"].value == "101"
    assert found["wrong type"].invalid
    assert "NUL" not in found  # text kinds are for text
    assert not found["empty"].invalid


def test_text_gets_the_characters_that_break_naive_code() -> None:
    uuid = QueryParameter("project_id", False, type="string", format="uuid")
    assert kinds(uuid)[:2] == ["wrong type", "NUL"]
    assert all(trial.invalid for trial in trials(uuid) if trial.kind != "empty")
    search = QueryParameter("search", True, type="string")
    assert trials(search)[0].value == NUL
    assert not any(trial.invalid for trial in trials(search))


def test_parameters_are_distinct_by_name_and_type_without_twins() -> None:
    declared = declared_parameters(bundled().operations)
    keys = [parameter.key for parameter in declared]
    assert len(keys) == len(set(keys))
    order = next(p for p in declared if p.name == "order_by")
    assert [op.path for op in order.operations] == [
        "workspaces/{slug}/projects/{project_id}/issues/"
    ]


def test_the_plan_goes_round_by_round() -> None:
    declared = declared_parameters(bundled().operations)
    plan = planned(declared)
    assert [parameter.key for parameter, _ in plan[: len(declared)]] == [
        parameter.key for parameter in declared
    ]


def test_a_value_the_declaration_rules_out_answered_2xx_is_drift() -> None:
    operation = bundled().operations[0]
    assert parameter_value_problems(operation, "limit", "-1", "negative", 400) == []
    (problem,) = parameter_value_problems(operation, "limit", "-1", "negative", 200)
    assert "limit='-1' (negative) is answered 200" in problem


def test_a_value_is_ruled_out_by_each_operations_own_declaration() -> None:
    """A value found breaking one operation is tried on the others that declare the parameter
    by the same name and type: whether a 2xx there is drift is that operation's declaration's
    to say, not the first's."""
    closed = QueryParameter("state", False, type="string", enum=("open", "closed"))
    free = QueryParameter("state", False, type="string")
    bounded = QueryParameter("limit", False, type="integer", maximum=100)
    unbounded = QueryParameter("limit", False, type="integer")
    assert ruled_out(closed, "zz")
    assert not ruled_out(free, "zz")
    assert ruled_out(bounded, HUGE)
    assert not ruled_out(unbounded, HUGE)
    assert ruled_out(unbounded, "abc")  # the wrong type, whatever the bounds
