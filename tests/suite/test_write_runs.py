"""The declared writes in whole runs: everything they make is gone at the end, outside the
scratch project too (a project, a sticky, an invitation), and a read-only run leaves them out
with its reason."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from conformance.http import Keys
from conformance.plugin.inputs import RunInputs
from conformance.reference import ServerConfig, running_server
from tests.clock import FakeClock
from tests.suite_runs import KEYS, suite_on

WRITE = "POST workspaces/{slug}/stickies/"
OUTSIDE = ("projects/", "stickies/", "invitations/")


@pytest.mark.slow
def test_what_the_writes_make_outside_the_project_is_deleted(tmp_path: Path) -> None:
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=KEYS)
    inputs = RunInputs(keys=Keys(primary=KEYS[0], secondary=KEYS[1]), clock=clock, embedded=True)
    with (
        running_server(config, clock=clock.time) as server,
        httpx.Client(base_url=server.base_url + "/", headers={"X-API-Key": KEYS[0]}) as client,
    ):
        before = _outside(client, server.workspace)
        # the POSTs alone: no DELETE test of theirs runs, the cleanup deletes what they made
        posts = [f"POST workspaces/{{slug}}/{name}" for name in OUTSIDE]
        report = suite_on(
            server, replace(config, port=0), tmp_path, inputs, "--plane-operation", ",".join(posts)
        )
        clock.next_window(config.rate_window)
        after = _outside(client, server.workspace)
    document = json.loads((report / "compliance.json").read_text(encoding="utf-8"))
    made = [i for i in document["operations"]["items"] if i["exercised"] and i["method"] == "POST"]
    assert len(made) == len(OUTSIDE)
    assert document["cleanup"] == {"ok": True, "left": []}
    assert after == before


def _outside(client: httpx.Client, workspace: str) -> dict[str, list[str]]:
    """The ids of the workspace's projects, stickies and invitations."""
    found = {}
    for name in OUTSIDE:
        body = client.get(f"workspaces/{workspace}/{name}").json()
        items = body["results"] if isinstance(body, dict) else body
        found[name] = sorted(item["id"] for item in items)
    return found


@pytest.mark.slow
def test_a_read_only_run_leaves_the_writes_out_with_its_reason(tmp_path: Path) -> None:
    from tests.suite_runs import run_suite

    document = run_suite(ServerConfig(), tmp_path, "--plane-read-only", "--plane-only", "HTTP-04")
    [row] = [
        item
        for item in document["operations"]["items"]
        if f"{item['method']} {item['path']}" == WRITE
    ]
    assert not row["exercised"]
    assert row["reason"] == "needs writes; the run is --read-only"
