"""The reference server answers as the shipped OpenAPI document (specs/plane.openapi.yaml) says.

Each GET of the document, filled with seeded ids, is sent and its body validated against the
schema the document gives for the status that came back; so are a few error answers.
"""

from __future__ import annotations

import importlib.resources
from typing import Any

import pytest
import yaml
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api

SPEC_URI = "urn:plane-openapi"
PATH_IDS = {
    "{slug}": "plane-conformance",
    "{state_id}": seed_id("state-Backlog"),
    "{label_id}": seed_id("label-bug"),
    "{work_item_id}": seed_id("issue-9"),
    "{module_id}": seed_id("module-0"),
    "{cycle_id}": seed_id("cycle-0"),
    "{comment_id}": seed_id("comment-0"),
    "{link_id}": seed_id("link-0"),
}


def _spec() -> dict[str, Any]:
    text = (importlib.resources.files("conformance") / "specs" / "plane.openapi.yaml").read_text()
    spec: dict[str, Any] = yaml.safe_load(text)
    return spec


SPEC = _spec()
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


def _fill(path: str, api: Api) -> str:
    filled = path.replace("{project_id}", api.server.project_id)
    # the seeded issue each path needs: one in the cycle, one with comments and links
    issue = seed_id("issue-10") if "cycle-issues" in path else seed_id("issue-0")
    filled = filled.replace("{issue_id}", issue)
    for placeholder, value in PATH_IDS.items():
        filled = filled.replace(placeholder, value)
    return filled.removeprefix("/api/v1")


def _errors(validator: Draft202012Validator, body: Any) -> list[str]:
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
        for e in validator.iter_errors(body)
    ]


@pytest.mark.parametrize("path", GET_PATHS, ids=lambda p: p.removeprefix("/api/v1/"))
def test_get_matches_the_document(api: Api, path: str) -> None:
    """HTTP-01: every GET answers 200 with a body the document's schema accepts."""
    response = api.client.get(_fill(path, api))
    assert response.status_code == 200
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
    documented = f"{path}{{issue_id}}/" if status == 404 else path
    url = _fill(path, api) + suffix
    response = api.client.get(url, headers=headers)
    assert response.status_code == status
    assert _errors(_validator(documented, "get", status), response.json()) == []
