"""The route table's bodies, read once into values: what an operation answers and reads."""

from __future__ import annotations

import pytest

from conformance.reference.endpoint import Operation, Records, Schema
from conformance.reference.routes import endpoints


def test_an_answer_is_records_of_a_kind_a_schema_or_nothing() -> None:
    assert Operation("GET", 200, "page", "List").answered("label") == Records("page", "label")
    assert Operation("POST", 201, "array:issue", "Relate").answered("relation") == Records(
        "array", "issue"
    )
    assert Operation("POST", 201, "Ticket", "Upload").answered("asset") == Schema("Ticket")
    assert Operation("DELETE", 204, "none", "Delete").answered("label") is None


def test_a_request_body_is_the_kind_s_writable_fields_or_a_schema() -> None:
    update = Operation("PATCH", 200, "one", "Change", "update:membership")
    assert update.reads("user") == Records("update", "membership")
    assert Operation("POST", 201, "one", "Create", "create").reads("label") == Records(
        "create", "label"
    )
    assert Operation("POST", 204, "none", "Archive", "Empty").reads("project") == Schema("Empty")
    assert Operation("GET", 200, "one", "Get").reads("label") is None


@pytest.mark.parametrize(
    ("answer", "body"), [("pgae", None), ("one", "craete"), ("create", None), ("one", "page")]
)
def test_a_shape_the_table_does_not_know_is_refused(answer: str, body: str | None) -> None:
    with pytest.raises(ValueError, match="is no shape of"):
        Operation("POST", 201, answer, "A typo", body)


def test_every_operation_of_the_route_table_reads_into_values() -> None:
    for endpoint in endpoints():
        for operation in endpoint.operations:
            answer = operation.answered(endpoint.kind)
            assert answer is None or isinstance(answer, Records | Schema)
