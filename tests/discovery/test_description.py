"""Reading a description: its GET operations under the API base, wherever the base is written,
and what each declares."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.discovery import bundled, load, parse
from conformance.errors import SpecError
from conformance.openapi_ops import Body, Kind
from tests.discovery.descriptions import ENVELOPE, LABEL, LABELS, description, get, query

# Plane's own description as its server publishes it, beside the repository (as the lint
# benchmark finds it); not in the repository: nothing of Plane's goes into the project
PLANE = Path(__file__).resolve().parents[3] / "plane-data" / "plane-schema.yaml"


def test_paths_that_carry_the_api_prefix() -> None:
    found = parse(description({LABELS: get(ENVELOPE)}), "test")
    [operation] = found.operations
    assert operation.label == "GET workspaces/{slug}/projects/{project_id}/labels/"
    assert operation.declared_path == LABELS


def test_a_prefix_in_servers() -> None:
    server = "https://plane.example.com/api/v1"
    found = parse(description({"/workspaces/{slug}/projects/": get(ENVELOPE)}, server), "t")
    assert [op.path for op in found.operations] == ["workspaces/{slug}/projects/"]
    assert found.operations[0].declared_path == "/workspaces/{slug}/projects/"


def test_a_get_outside_the_api_base_is_kept_with_its_reason() -> None:
    found = parse(description({"/api/schema/": get({}), LABELS: get(ENVELOPE)}), "t")
    assert found.declared == 2
    [outside] = found.outside
    assert outside.label == "GET /api/schema/"
    assert "does not lie under the API base" in outside.reason


def test_only_gets_count() -> None:
    item = get(ENVELOPE)
    item["post"] = {"responses": {"201": {"description": "made"}}}
    assert parse(description({LABELS: item}), "t").declared == 1


def test_kinds_come_from_the_shared_decision() -> None:
    found = parse(
        description(
            {
                LABELS: get(ENVELOPE),
                LABEL: get({"$ref": "#/components/schemas/Label"}),
                "/api/v1/users/me/": get({"type": "object", "properties": {"id": {}}}),
            }
        ),
        "t",
    )
    kinds = {op.path.split("/")[-2]: (op.kind, op.body) for op in found.operations}
    assert kinds == {
        "labels": (Kind.LIST, Body.ENVELOPE),
        "{label_id}": (Kind.DETAIL, Body.OBJECT),
        "me": (Kind.SINGLETON, Body.OBJECT),
    }


def test_statuses_parameters_and_properties() -> None:
    parameters = [
        query("per_page", schema={"type": "integer", "minimum": 1, "maximum": 100}),
        query("search", required=True, examples={"a": {"value": "bug fix"}}),
        query(
            "expand",
            schema={"type": "string", "pattern": "^((project|parent)(,(project|parent))*)?$"},
        ),
    ]
    [op] = parse(description({LABELS: get(ENVELOPE, parameters=parameters)}), "t").operations
    assert op.statuses == {"200", "401", "404"}
    assert (op.declares(404), op.declares(400)) == (True, False)
    assert [(p.name, p.value) for p in op.required] == [("search", "bug fix")]
    per_page = op.parameter("per_page")
    assert per_page is not None
    assert (per_page.minimum, per_page.maximum) == (1, 100)
    assert op.relations == ("project", "parent")
    assert op.properties == ("id", "name", "project")


@pytest.mark.parametrize(
    ("expand", "names"),
    [
        ({"schema": {"type": "string", "enum": ["state", "labels"]}}, ("state", "labels")),
        ({"schema": {"type": "array", "items": {"enum": ["state"]}}}, ("state",)),
        ({"example": "assignees,labels"}, ("assignees", "labels")),
        ({}, ()),
    ],
    ids=["enum", "items", "example", "nothing"],
)
def test_the_relations_an_expand_parameter_declares(
    expand: dict[str, object], names: tuple[str, ...]
) -> None:
    parameter = query("expand", **expand)
    [op] = parse(description({LABELS: get(ENVELOPE, parameters=[parameter])}), "t").operations
    assert op.relations == names


def test_what_is_not_openapi_is_refused() -> None:
    with pytest.raises(SpecError, match="not OpenAPI"):
        parse(b"swagger: '2.0'\npaths: {}\n", "old")
    with pytest.raises(SpecError):
        parse(b"{not json", "broken", name="d.json")


def test_a_fetched_description_reads_no_file() -> None:
    document = description({LABELS: get({"$ref": "parts.yaml#/Envelope"})})
    [op] = parse(document, "fetched").operations
    assert op.body is Body.NONE or op.body is Body.OBJECT  # the reference leads nowhere


def test_the_bundled_description() -> None:
    found = bundled()
    assert found.source == "the bundled specs/plane.openapi.yaml"
    assert "GET users/me/" in {op.label for op in found.operations}
    assert found.operation("GET users/me/") is not None


@pytest.mark.skipif(not PLANE.exists(), reason="Plane's description is not on this machine")
def test_plane_declares_54_get_operations() -> None:
    found = load(PLANE)
    assert (found.declared, len(found.outside)) == (54, 0)
    assert found.operation("GET workspaces/{slug}/work-items/search/") is not None


def _write(method: str, schema: dict[str, Any] | None = None) -> dict[str, Any]:
    operation: dict[str, Any] = {"responses": {"201": {"description": "made"}}}
    if schema is not None:
        operation["requestBody"] = {"content": {"application/json": {"schema": schema}}}
    return {method: operation}


def test_writes_are_read_with_their_bodies_posts_first_deletes_deepest_first() -> None:
    body = {
        "type": "object",
        "required": ["name", "issue"],
        "properties": {
            "name": {"type": "string", "maxLength": 8},
            "priority": {"allOf": [{"enum": ["low", "high"]}]},
            "issues": {"type": "array", "items": {"type": "string", "format": "uuid"}},
            "issue": {
                "type": "object",
                "required": ["name"],
                "properties": {"name": {"type": "string"}},
            },
        },
    }
    label = LABELS + "{pk}/"
    found = parse(
        description(
            {
                LABELS: {**get(ENVELOPE), **_write("post", body)},
                label: {**_write("patch", {"type": "object"}), **_write("delete")},
                "/api/v1/workspaces/{slug}/projects/{project_id}/": _write("delete"),
            }
        ),
        "t",
    )
    assert found.declared == 1  # the GETs, as before
    assert [op.label for op in found.writes] == [
        "POST workspaces/{slug}/projects/{project_id}/labels/",
        "PATCH workspaces/{slug}/projects/{project_id}/labels/{pk}/",
        "DELETE workspaces/{slug}/projects/{project_id}/labels/{pk}/",
        "DELETE workspaces/{slug}/projects/{project_id}/",
    ]
    post = found.write("POST workspaces/{slug}/projects/{project_id}/labels/")
    assert post is not None
    assert post.request is not None
    fields = {f.name: f for f in post.request}
    assert (fields["name"].required, fields["name"].max_length) == (True, 8)
    assert fields["priority"].enum == ("low", "high")
    assert fields["issues"].items_format == "uuid"
    assert [(f.name, f.required) for f in fields["issue"].fields] == [("name", True)]
    assert found.writes[-1].request is None
