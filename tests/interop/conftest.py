"""Interop runs against reference servers, through the same HTTP layer a real run uses."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

import pytest

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.interop import InteropResult, run_interop
from conformance.reference import ServerConfig, running_server

KEY = "plane_api_" + "9" * 32
PREFIX = "pc-7e57ab"


@dataclass(frozen=True, slots=True)
class Ran:
    result: InteropResult
    recorder: Recorder
    stats: RequestStats
    projects_after: list[str]  # the names of the workspace's projects once the run was over

    def outcomes(self) -> dict[str, tuple[str, str | None]]:
        return {call.name: (call.outcome, call.problem) for call in self.result.calls}


Interop = Callable[..., Ran]


@pytest.fixture
def interop() -> Interop:
    """``interop(config, read_only=False)``: an interop run against a server of ``config``."""

    def run(config: ServerConfig, *, read_only: bool = False) -> Ran:
        config = replace(config, port=0, api_keys=(KEY,), rate_limit=10_000)
        with running_server(config) as server:
            settings = ClientSettings(base_url=server.base_url, max_wait_s=30)
            recorder, stats = Recorder(), RequestStats()
            with build_client(settings, Keys(primary=KEY), recorder=recorder, stats=stats) as http:
                result = run_interop(
                    http,
                    recorder,
                    workspace=server.workspace,
                    prefix=PREFIX,
                    project=server.project_id,
                    read_only=read_only,
                )
                page = http.get(
                    f"workspaces/{server.workspace}/projects/", params={"per_page": 100}
                )
        names = [project["name"] for project in page.json()["results"]]
        return Ran(result, recorder, stats, names)

    return run
