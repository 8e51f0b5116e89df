"""``GET /api/schema/``: the description, served without a key and outside the rate limit, as
the real server serves its own; and ``serve --print-openapi`` prints the same."""

from __future__ import annotations

import json

import httpx
import pytest
import yaml

from conformance.reference.description import as_yaml, document
from tests.reference.conftest import Api


def _origin(api: Api) -> str:
    return api.server.base_url.removesuffix("/api/v1")


def test_schema_is_served_without_a_key(api: Api) -> None:
    response = httpx.get(f"{_origin(api)}/api/schema/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.oai.openapi")
    assert "x-ratelimit-remaining" not in response.headers
    assert yaml.safe_load(response.text) == document()
    as_json = httpx.get(f"{_origin(api)}/api/schema", params={"format": "json"})
    assert as_json.headers["content-type"].startswith("application/vnd.oai.openapi+json")
    assert json.loads(as_json.text) == document()


def test_schema_leaves_out_what_a_variation_removes() -> None:
    without = document(frozenset({"no-members-endpoint", "no-relation-remove"}))
    paths = "\n".join(without["paths"])
    assert "/members/" in paths  # the workspace's members stay
    assert "/projects/{project_id}/members/" not in paths
    assert "/relations/remove/" not in paths


def test_print_openapi_prints_the_description(capsys: pytest.CaptureFixture[str]) -> None:
    from conformance.cli import main

    assert main(["serve", "--print-openapi"]) == 0
    assert capsys.readouterr().out == as_yaml()
