"""Networks as users have them, through the CLI on loopback: a target with a private CA, one that
wants a client certificate, a CONNECT proxy in the way, an IPv6 literal. Each run is in-process
on a fake clock (the CLI's settings, the real preflight, real TLS); what cannot start is exit 2
with one line that names the option that fixes it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from conformance.reference import RunningServer, ServerConfig, running_server
from tests.clock import FakeClock
from tests.connect_proxy import ConnectProxy, proxying
from tests.loopback import needs_ipv6
from tests.runner.conftest import KEY, OTHER_KEY, CliResult, read_document, run_cli, run_on
from tests.tls_files import PASSPHRASE, TlsFiles, make_tls_files

PROXY_PASSWORD = "proxy-" + "5b2e8d4a" * 3  # a canary too


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


@contextmanager
def serving(clock: FakeClock, **config: Any) -> Iterator[RunningServer]:
    settings = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY), **config)
    with running_server(settings, clock=clock.time) as server:
        yield server


def target(server: RunningServer, tmp_path: Path) -> dict[str, str]:
    return {
        "target": server.base_url,
        "workspace": server.workspace,
        "project": server.project_id,
        "report_dir": str(tmp_path / "reports"),
        "profile": "smoke",
        "seed": "1",
    }


def cli_args(given: dict[str, str], *extra: str) -> list[str]:
    args = [arg for name, value in given.items() for arg in ("--" + name.replace("_", "-"), value)]
    return ["run", *args, *extra]


def assert_one_line(result: CliResult, report_dir: Path) -> str:
    assert result.code == 2, result.err
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    assert not report_dir.exists()
    return lines[0].removeprefix("plane-conformance run: error: ")


def assert_conformant(result: CliResult, tmp_path: Path) -> dict[str, Any]:
    assert result.code == 0, result.err
    document = read_document(tmp_path / "reports")
    assert document["verdict"] == "conformant"
    return document


def outputs(tmp_path: Path, result: CliResult) -> list[bytes]:
    files = [path.read_bytes() for path in (tmp_path / "reports").rglob("*") if path.is_file()]
    return [*files, result.out.encode(), result.err.encode()]


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_a_private_ca_needs_ca_bundle(
    files: TlsFiles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Without --ca-bundle: exit 2, one line naming it. With it: conformant, TLS verified."""
    clock = FakeClock()
    with serving(clock, tls_cert=files.server) as server:
        given = target(server, tmp_path)
        line = assert_one_line(run_cli(capsys, *cli_args(given)), tmp_path / "reports")
        where = server.base_url.removeprefix("https://").removesuffix("/api/v1")
        assert line == (
            f"TLS: the certificate of {where} is issued by a CA this machine does not trust "
            "(unable to get local issuer certificate); trust that CA with --ca-bundle FILE"
        )
        document = assert_conformant(run_on(clock, **given, ca_bundle=str(files.ca)), tmp_path)
    assert document["target"]["tls"] == {"verified": True, "client_certificate": False}
    assert document["target"]["proxy"] is None


@pytest.mark.slow
def test_mtls_refuses_a_run_without_the_client_certificate_and_accepts_one_with_it(
    files: TlsFiles,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The client key is encrypted; its passphrase comes from the variable and goes nowhere."""
    monkeypatch.setenv("PLANE_API_KEY", KEY)
    monkeypatch.setenv("PLANE_API_KEY_2", OTHER_KEY)
    monkeypatch.setenv("PLANE_CLIENT_KEY_PASSPHRASE", PASSPHRASE)
    clock = FakeClock()
    with serving(clock, tls_cert=files.server, tls_client_ca=files.client_ca) as server:
        given = target(server, tmp_path) | {"ca_bundle": str(files.ca)}
        line = assert_one_line(run_cli(capsys, *cli_args(given)), tmp_path / "reports")
        assert line.startswith("TLS: 127.0.0.1:")
        assert line.endswith(
            "it may require a client certificate; present one with --client-cert FILE "
            "--client-key FILE"
        )
        identity = {
            "client_cert": str(files.client_cert),
            "client_key": str(files.client_key_encrypted),
        }
        result = run_on(clock, **given, **identity)
        document = assert_conformant(result, tmp_path)
    assert document["target"]["tls"] == {"verified": True, "client_certificate": True}
    secret_lines = files.client_key_encrypted.read_text().splitlines()[1:-1]
    for content in outputs(tmp_path, result):
        assert PASSPHRASE.encode() not in content
        assert not any(line.encode() in content for line in secret_lines)


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_a_connect_proxy_carries_a_run_and_reads_nothing(files: TlsFiles, tmp_path: Path) -> None:
    """The proxy's own log: CONNECT heads to the target, then only encrypted bytes; no key, no
    request line, no body in clear text. The report names the proxy without its password."""
    clock = FakeClock()
    with (
        serving(clock, tls_cert=files.server) as server,
        proxying(ConnectProxy(("plane", PROXY_PASSWORD))) as proxy,
    ):
        proxy_url = proxy.url.replace("http://", f"http://plane:{PROXY_PASSWORD}@")
        given = target(server, tmp_path) | {"ca_bundle": str(files.ca), "proxy": proxy_url}
        result = run_on(clock, **given)
        document = assert_conformant(result, tmp_path)
    authority = server.base_url.removeprefix("https://").removesuffix("/api/v1")
    assert document["target"]["proxy"] == {"url": proxy.url, "source": "--proxy", "tunnel": True}
    assert proxy.heads
    assert all(head.startswith(f"CONNECT {authority} HTTP/1.1".encode()) for head in proxy.heads)
    assert proxy.relayed_bytes > 50_000, "the run did not go through the proxy"
    # pacing and recording sat above the proxy: every exchange counted and recorded, redacted
    assert document["requests"]["keyed"] > 40
    log = proxy.log
    for clear_text in (
        KEY, OTHER_KEY, "X-API-Key", "/api/v1/", server.workspace, '"results"', "HTTP/1.1 200"
    ):  # fmt: skip
        assert clear_text.encode() not in log, clear_text
    for content in outputs(tmp_path, result):
        assert PROXY_PASSWORD.encode() not in content
    html = (tmp_path / "reports" / "compliance.html").read_text()
    assert f"through the proxy <code>{proxy.url}</code> (from --proxy)" in html
    assert f"through the proxy {proxy.url} (from --proxy): a CONNECT tunnel" in result.err


@needs_ipv6
@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_an_ipv6_literal_target(tmp_path: Path) -> None:
    clock = FakeClock()
    with serving(clock, host="::1") as server:
        assert server.base_url.startswith("http://[::1]:")
        document = assert_conformant(run_on(clock, **target(server, tmp_path)), tmp_path)
    assert document["target"]["base_url"] == server.base_url


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.slow
def test_insecure_is_said_in_red_and_never_compared_with_a_verified_baseline(
    files: TlsFiles, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    clock = FakeClock()
    with serving(clock, tls_cert=files.server) as server:
        given = target(server, tmp_path)
        insecure = run_on(clock, **given, insecure="true")
        document = assert_conformant(insecure, tmp_path)
        assert "TLS is not verified (--insecure): the key goes to whoever answers" in insecure.err
        assert document["target"]["tls"] == {"verified": False, "client_certificate": False}
        assert any(
            note.startswith("TLS was not verified (--insecure)") for note in document["notes"]
        )
        html = (tmp_path / "reports" / "compliance.html").read_text()
        assert '<p id="tls-unverified" class="verdict-alarm">TLS was not verified' in html
        baseline = tmp_path / "insecure.json"
        (tmp_path / "reports" / "compliance.json").rename(baseline)
        again = dict(given, report_dir=str(tmp_path / "again"))
        result = run_cli(
            capsys, *cli_args(again, "--ca-bundle", str(files.ca), "--baseline", str(baseline))
        )
    line = assert_one_line(result, tmp_path / "again")
    assert line == (
        f"baseline {baseline} comes from a run that did not verify TLS (--insecure) and this run "
        "does: the gate compares only runs that checked TLS alike; compare with a baseline made "
        "without --insecure"
    )
