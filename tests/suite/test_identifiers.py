"""HTTP-05 on a path that names a work item by its project's identifier and its number: the
unknown id there is a project identifier no project has (issue 25)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.checks.probes import UNKNOWN_IDENTIFIER
from conformance.reference.config import ServerConfig
from tests.suite_runs import run_suite

BY_IDENTIFIER = "GET workspaces/{slug}/issues/{project_identifier}-{issue_identifier}/"


def unknown_id(document: dict[str, Any]) -> tuple[str, str]:
    row = next(
        o for o in document["operations"]["items"] if f"{o['method']} {o['path']}" == BY_IDENTIFIER
    )
    found = next(r for r in row["requirements"] if r["id"] == "HTTP-05")
    return found["status"], found.get("reason") or ""


@pytest.mark.slow
@pytest.mark.parametrize(
    ("faults", "status"), [((), "pass"), (("unknown-project-403",), "fail")], ids=["clean", "403"]
)
def test_an_unknown_project_identifier_gets_404(
    tmp_path: Path, faults: tuple[str, ...], status: str
) -> None:
    config = ServerConfig(faults=frozenset(faults))
    document = run_suite(config, tmp_path, "--plane-operation", BY_IDENTIFIER)
    assert unknown_id(document)[0] == status
    urls = [
        x["url"]
        for r in document["requirements"]
        if r["id"] == "HTTP-05"
        for e in r["evidence"]
        for x in e["exchanges"]
    ]
    if status == "fail":
        assert any(f"/issues/{UNKNOWN_IDENTIFIER}-" in url for url in urls)
