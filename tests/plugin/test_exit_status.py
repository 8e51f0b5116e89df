"""Plain pytest exits as ``plane-conformance run`` does: its exit status follows the verdict
(0 conformant, 1 non-conformant, 3 incomplete), so a CI gating on pytest's code never passes a
target it could not verify."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.http import Keys
from conformance.plugin.inputs import RunInputs
from conformance.reference import ServerConfig, running_server
from conformance.settings import SuiteSettings, plugin_args
from tests.clock import FakeClock
from tests.suite_runs import KEYS

pytestmark = pytest.mark.slow  # whole (targeted) runs of the suite


def pytest_exit_code(tmp_path: Path, *extra: str) -> int:
    """``pytest --pyargs conformance.suite --plane-target ...`` against the reference server."""
    clock = FakeClock()
    config = ServerConfig(port=0, api_keys=KEYS)
    inputs = RunInputs(keys=Keys(primary=KEYS[0], secondary=KEYS[1]), clock=clock, embedded=True)
    ini = tmp_path / "empty.ini"
    ini.write_text("[pytest]\n", encoding="utf-8")
    with running_server(config, clock=clock.time) as server:
        settings = SuiteSettings(
            target=server.base_url,
            workspace=server.workspace,
            project=server.project_id,
            report_dir=tmp_path / "report",
            seed=1,
        )
        args = [
            "--pyargs", "conformance.suite", "-q", "--no-header",
            "-p", "no:cacheprovider", "-p", "no:schemathesis",
            f"--rootdir={tmp_path}", "-c", str(ini),
            *plugin_args(settings), *extra,
        ]  # fmt: skip
        return int(pytest.main(args, plugins=[inputs]))


@pytest.mark.parametrize(
    ("given", "code"),
    [
        pytest.param(("--plane-only", "AUTH-01"), 0, id="conformant"),
        # HTTP-02 needs a POST, which a read-only run does not send: skipped, so incomplete
        pytest.param(("--plane-only", "HTTP-02", "--plane-read-only"), 3, id="incomplete"),
    ],
)
def test_the_exit_status_of_plain_pytest_follows_the_verdict(
    tmp_path: Path, given: tuple[str, ...], code: int
) -> None:
    assert pytest_exit_code(tmp_path, *given) == code
