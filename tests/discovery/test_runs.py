"""Whole runs against the reference server with descriptions written for the test: an operation
added to the description is checked (and a fault behind it found), and where the description and
the server disagree, the drift is reported without touching the verdict.

Each run reads the description the test hands it (``--plane-openapi FILE``) or, without one, the
server's own at ``/api/schema/`` (the bundled description).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.reference.config import ServerConfig
from tests.suite_runs import run_suite

LABEL = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/{pk}/"
LABEL_OPERATION = "GET workspaces/{slug}/projects/{project_id}/labels/{pk}/"
ABSENT = "workspaces/{slug}/bookmarks/"
SELECTION = {"FLD-01", "FLD-02", "FLD-03", "FLD-04"}


def folder(tmp_path: Path, name: str) -> Path:
    made = tmp_path / name
    made.mkdir()
    return made


def written(tmp_path: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    """The bundled description, edited, written as JSON."""
    text = (resources.files("conformance") / "specs" / "plane.openapi.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text)
    edit(data)
    path = tmp_path / "openapi.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def failed(document: dict[str, Any]) -> set[str]:
    return {r["id"] for r in document["requirements"] if r["status"] == "fail"}


def rows(document: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f"{o['method']} {o['path']}": o for o in document["operations"]["items"]}


@pytest.mark.slow
def test_an_operation_added_to_the_description_is_checked(tmp_path: Path) -> None:
    """A label detail that ignores fields and expand goes unseen while the description does not
    declare it, and fails exactly the selection requirements once it does."""
    config = ServerConfig(faults=frozenset({"label-detail-ignores-selection"}))
    without = written(tmp_path, lambda data: data["paths"][LABEL].pop("get"))
    document = run_suite(config, folder(tmp_path, "without"), "--plane-openapi", str(without))
    assert LABEL_OPERATION not in rows(document)
    assert failed(document) == set()
    document = run_suite(config, folder(tmp_path, "declared"))
    assert document["operations"]["description"].endswith("/api/schema/")
    row = rows(document)[LABEL_OPERATION]
    statuses = {r["id"]: r["status"] for r in row["requirements"]}
    assert {rid for rid, status in statuses.items() if status == "fail"} == SELECTION
    assert row["exercised"]
    assert failed(document) == SELECTION


def _drifting(data: dict[str, Any]) -> None:
    """The base moved into ``servers``, a label's name declared an integer, bookmarks (which
    the server does not have) declared, and the labels declared to take a ``color`` of one
    value (the server ignores the parameter, so it takes any)."""
    data["servers"] = [{"url": "/api/v1"}]
    data["paths"] = {path.removeprefix("/api/v1"): item for path, item in data["paths"].items()}
    data["components"]["schemas"]["Label"]["properties"]["name"] = {"type": "integer"}
    ok = {
        "description": "bookmarks",
        "content": {"application/json": {"schema": {"type": "array"}}},
    }
    data["paths"]["/" + ABSENT] = {"get": {"responses": {"200": ok}}}
    labels = data["paths"]["/workspaces/{slug}/projects/{project_id}/labels/"]["get"]
    color = {"type": "string", "enum": ["red"]}
    labels["parameters"] = [
        *labels.get("parameters", []),
        {"name": "color", "in": "query", "schema": color},
    ]


@pytest.mark.slow
def test_drift_is_reported_and_leaves_the_verdict_alone(tmp_path: Path) -> None:
    description = written(tmp_path, _drifting)
    run = folder(tmp_path, "run")
    document = run_suite(ServerConfig(), run, "--plane-openapi", str(description))
    assert document["verdict"] == "conformant"
    found = {(d["operation"], d["check"]) for d in document["drift"]}
    assert ("GET workspaces/{slug}/projects/{project_id}/labels/", "schema") in found
    assert (LABEL_OPERATION, "schema") in found
    assert (f"GET {ABSENT}", "absent") in found
    assert ("GET workspaces/{slug}/projects/{project_id}/labels/", "parameter-values") in found
    assert all(d["exchanges"] for d in document["drift"])
    [schema] = [d for d in document["drift"] if d["operation"] == LABEL_OPERATION]
    assert "is not of type" in schema["message"]
    operations = document["operations"]
    absent = rows(document)[f"GET {ABSENT}"]
    assert not absent["exercised"]
    assert "does not have this endpoint" in absent["reason"]
    assert operations["exercised"] == operations["declared"] - 1
