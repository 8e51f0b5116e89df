"""Twins in whole runs: a view the description declares on two paths is probed once, on the
first, where the second's read answers alike and the first's test is in the run; the second is
still read (HTTP-01, RATE-01, FMT-01) and asked without a key (AUTH-01/02)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.reference.config import ServerConfig
from tests.suite_runs import run_suite

ISSUE = "GET workspaces/{slug}/projects/{project_id}/issues/{pk}/"
WORK_ITEM = "GET workspaces/{slug}/projects/{project_id}/work-items/{pk}/"
PROBES = ("HTTP-05", "FLD-01", "FLD-02", "FLD-03", "FLD-04", "FLD-05")


def statuses(document: dict[str, Any], label: str) -> dict[str, tuple[str, str]]:
    row = next(o for o in document["operations"]["items"] if f"{o['method']} {o['path']}" == label)
    return {r["id"]: (r["status"], r.get("reason") or "") for r in row["requirements"]}


def folder(tmp_path: Path, name: str) -> Path:
    made = tmp_path / name
    made.mkdir()
    return made


def keyed(document: dict[str, Any]) -> int:
    return int(document["requests"]["keyed"])


@pytest.mark.slow
def test_a_twin_is_read_and_its_probes_are_its_firsts(tmp_path: Path) -> None:
    config = ServerConfig()
    both = ("--plane-operation", ISSUE, "--plane-operation", WORK_ITEM)
    shared = run_suite(config, folder(tmp_path, "shared"), *both)
    twin = statuses(shared, WORK_ITEM)
    for rid in PROBES:
        status, reason = twin[rid]
        assert status == "skip"
        assert f"asked on its twin {ISSUE}" in reason
    assert twin["HTTP-01"][0] == "pass"
    assert twin["AUTH-01"][0] == "pass"
    assert {rid: statuses(shared, ISSUE)[rid][0] for rid in PROBES} == dict.fromkeys(PROBES, "pass")
    probed = run_suite(config, folder(tmp_path, "probed"), *both, "--plane-probe-twins")
    assert {rid: statuses(probed, WORK_ITEM)[rid][0] for rid in PROBES} == dict.fromkeys(
        PROBES, "pass"
    )
    assert keyed(probed) - keyed(shared) == len(("unknown id", "selection", "refusal"))


@pytest.mark.slow
def test_a_twin_whose_first_is_not_in_the_run_is_probed_itself(tmp_path: Path) -> None:
    alone = run_suite(ServerConfig(), tmp_path, "--plane-operation", WORK_ITEM)
    assert {rid: statuses(alone, WORK_ITEM)[rid][0] for rid in PROBES} == dict.fromkeys(
        PROBES, "pass"
    )


@pytest.mark.slow
def test_a_fault_of_the_view_fails_on_the_first_of_its_paths(tmp_path: Path) -> None:
    """Both paths serve one view: a fault in it fails the requirements on the first path, and
    the requirement's verdict is the same as with every path probed."""
    config = ServerConfig(faults=frozenset({"unknown-fields-ignored"}))
    both = ("--plane-operation", ISSUE, "--plane-operation", WORK_ITEM)
    shared = run_suite(config, folder(tmp_path, "shared"), *both)
    assert statuses(shared, ISSUE)["FLD-02"][0] == "fail"
    assert statuses(shared, WORK_ITEM)["FLD-02"][0] == "skip"
    probed = run_suite(config, folder(tmp_path, "probed"), *both, "--plane-probe-twins")
    assert statuses(probed, WORK_ITEM)["FLD-02"][0] == "fail"
    verdicts = [{r["id"]: r["status"] for r in d["requirements"]} for d in (shared, probed)]
    assert verdicts[0] == verdicts[1]


ATTACHMENT = "GET workspaces/{slug}/projects/{project_id}/issues/{issue_id}/issue-attachments/{pk}/"
TWIN_ATTACHMENT = (
    "GET workspaces/{slug}/projects/{project_id}/work-items/{issue_id}/attachments/{pk}/"
)


@pytest.mark.slow
def test_a_twin_whose_own_id_is_unknown_is_judged_by_its_list(tmp_path: Path) -> None:
    """No attachment exists, so neither detail is read: the twin's unknown id is asked on its
    first where their lists answer alike (both empty)."""
    labels = [ATTACHMENT, TWIN_ATTACHMENT]
    labels += [label.removesuffix("{pk}/") for label in labels]
    args = [arg for label in labels for arg in ("--plane-operation", label)]
    document = run_suite(ServerConfig(), folder(tmp_path, "run"), *args)
    status, reason = statuses(document, TWIN_ATTACHMENT)["HTTP-05"]
    assert status == "skip"
    assert "their lists answered alike" in reason
    assert statuses(document, ATTACHMENT)["HTTP-05"][0] == "pass"
