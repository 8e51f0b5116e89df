"""``plane-conformance serve``: start, answer, stop on SIGTERM; one-line errors exit 2."""

from __future__ import annotations

import re
import signal
import socket
from collections.abc import Iterator

import httpx
import pytest

from conformance.cli import main
from conformance.reference.seed import seed_project_id
from tests.reference.conftest import KEY, OTHER_KEY, read_banner, start_serve


@pytest.fixture
def taken_port() -> Iterator[int]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        sock.listen(1)
        yield sock.getsockname()[1]


def test_port_in_use_is_one_line_exit_2(
    taken_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    """A port already in use is a one-line error and exit code 2."""
    assert main(["serve", "--port", str(taken_port), "--api-key", KEY]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert str(taken_port) in err
    assert KEY not in err


def test_unknown_fault_is_one_line_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A fault name that does not exist is a one-line error and exit code 2."""
    assert main(["serve", "--port", "0", "--fault", "no-such-fault"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "no-such-fault" in err


def test_list_faults_prints_the_catalogue(capsys: pytest.CaptureFixture[str]) -> None:
    """--list-faults prints one line per fault with the IDs it breaks, and exits 0."""
    from conformance.reference.faults import FAULTS

    assert main(["serve", "--list-faults"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == len(FAULTS)
    for fault, line in zip(FAULTS, lines, strict=True):
        assert line.startswith(fault.name)
        assert ",".join(fault.breaks) in line


@pytest.mark.parametrize("stop", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
def test_serve_with_keys_from_environment(stop: signal.Signals) -> None:
    """serve takes keys from the environment, prints where it is, and stops cleanly (exit 0)."""
    process = start_serve("--issues", "3", env_keys=f"{KEY}, {OTHER_KEY}")
    try:
        banner = read_banner(process)
        assert banner["base URL"].endswith("/api/v1")
        assert banner["workspace"] == "plane-conformance"
        assert banner["project id"] == seed_project_id()
        assert "API key" not in banner  # given keys are never echoed
        me = httpx.get(f"{banner['base URL']}/users/me/", headers={"X-API-Key": OTHER_KEY})
        assert me.status_code == 200
    finally:
        process.send_signal(stop)
        out, err = process.communicate(timeout=20)
    assert process.returncode == 0, err
    assert KEY not in out + err


def test_serve_generates_a_key_when_none_is_given() -> None:
    """With no key, serve makes one (plane_api_ + 32 hex) for the local server and prints it."""
    process = start_serve("--issues", "0")
    try:
        key = read_banner(process)["API key"]
        assert re.fullmatch(r"plane_api_[0-9a-f]{32}", key)
    finally:
        process.send_signal(signal.SIGTERM)
        process.communicate(timeout=20)
    assert process.returncode == 0


def test_keys_stay_out_of_reprs() -> None:
    """Neither the configuration nor the running server shows its keys when printed."""
    from conformance.reference import RunningServer, ServerConfig

    config = ServerConfig(api_keys=(KEY,))
    running = RunningServer("http://127.0.0.1:1/api/v1", "ws", "p", (KEY,))
    assert KEY not in repr(config)
    assert KEY not in repr(running)
