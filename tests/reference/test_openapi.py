"""The reference server answers as its OpenAPI description (specs/plane.openapi.yaml) says, and
the description is what the route table makes of itself.

Each GET of the description, filled with ids of things that exist, is sent and its body validated
against the schema the description gives for the status that came back; so are a few error
answers. A private server holds the extra things (an attachment, an intake item, a sticky, ...).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

import conformance
from conformance.reference.description import as_yaml
from conformance.reference.description_paths import operation_id
from tests.reference.conftest import Api
from tests.reference.endpoints import PROJECT, fill

SPEC_URI = "urn:plane-openapi"
SPEC_FILE = Path(conformance.__file__).parent / "specs" / "plane.openapi.yaml"
# libyaml's loader where there is one: every xdist worker reads the description to collect
SPEC: dict[str, Any] = yaml.load(
    SPEC_FILE.read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
)
GET_PATHS = sorted(path for path, item in SPEC["paths"].items() if "get" in item)


def _pointer(*parts: str) -> str:
    return "/".join(part.replace("~", "~0").replace("/", "~1") for part in parts)


def _validator(path: str, method: str, status: int) -> Draft202012Validator:
    """The validator for the JSON body the document gives `method path` for `status`."""
    response = SPEC["paths"][path][method]["responses"][str(status)]
    location = _pointer("", "paths", path, method, "responses", str(status))
    if "$ref" in response:
        location = response["$ref"].removeprefix("#")
        response = SPEC["components"]["responses"][location.rsplit("/", 1)[1]]
    assert "application/json" in response["content"]
    registry = Registry().with_resource(
        SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
    )
    reference = f"{SPEC_URI}#{location}/content/{_pointer('application/json')}/schema"
    return Draft202012Validator({"$ref": reference}, registry=registry)


def _errors(validator: Draft202012Validator, body: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(body)
    ]


@pytest.mark.parametrize("path", GET_PATHS, ids=lambda p: p.removeprefix("/api/v1/"))
def test_get_matches_the_document(api: Api, path: str) -> None:
    """HTTP-01: every GET answers 200 with a body the document's schema accepts."""
    response = api.client.get(fill(path.removeprefix("/api/v1")))
    assert response.status_code == 200, response.text
    assert _errors(_validator(path, "get", 200), response.json()) == []


@pytest.mark.parametrize(
    ("status", "headers", "suffix"),
    [
        (401, {"X-API-Key": "plane_api_unknown"}, ""),
        (404, {}, "00000000-0000-4000-8000-000000000000/"),
        (400, {}, "?per_page=0"),
    ],
    ids=["401", "404", "400"],
)
def test_errors_match_the_document(
    api: Api, status: int, headers: dict[str, str], suffix: str
) -> None:
    """HTTP-09: error answers match the document's error schema."""
    path = "/api/v1/workspaces/{slug}/projects/{project_id}/issues/"
    documented = f"{path}{{pk}}/" if status == 404 else path
    response = api.client.get(f"{PROJECT}/issues/{suffix}", headers=headers)
    assert response.status_code == status
    assert _errors(_validator(documented, "get", status), response.json()) == []


def test_the_shipped_description_is_the_route_tables() -> None:
    """specs/plane.openapi.yaml is what `plane-conformance serve --print-openapi` prints."""
    assert SPEC_FILE.read_text() == as_yaml()


def test_operation_ids_are_unique_and_readable() -> None:
    ids = [
        operation["operationId"]
        for item in SPEC["paths"].values()
        for method, operation in item.items()
        if method in ("get", "post", "patch", "delete")
    ]
    assert len(ids) == len(set(ids))
    assert operation_id("GET", "/workspaces/{slug}/projects/{pk}/") == "getWorkspacesProjectsByPk"
    assert all(re.fullmatch(r"(get|post|patch|delete)[A-Za-z]+", i) for i in ids)
