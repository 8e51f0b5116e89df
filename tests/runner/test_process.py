"""Runs as a separate process, as a user or CI starts them: Ctrl-C mid-run, and the canary of the
keys, the client key and its passphrase."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.reference import RunningServer, ServerConfig, running_server
from tests.audit.har_files import write_har
from tests.cli_process import start_run
from tests.runner.conftest import KEY, OTHER_KEY, WATCHER_KEY, read_document, statuses
from tests.tls_files import PASSPHRASE, make_tls_files

HANG_GUARD_S = 120.0  # only stops a broken run from hanging the suite; never a measurement
FAST = ("--rate-window", "2")  # a separate process runs on the real clock: short windows


def start(
    tmp_path: Path,
    *args: str,
    keys: tuple[str, str],
    passphrase: str | None = None,
    extra: dict[str, str] | None = None,
) -> subprocess.Popen[bytes]:
    environ = {name: value for name, value in os.environ.items() if not name.startswith("PLANE_")}
    environ |= {"PLANE_API_KEY": keys[0], "PLANE_API_KEY_2": keys[1], **(extra or {})}
    if passphrase is not None:
        environ["PLANE_CLIENT_KEY_PASSPHRASE"] = passphrase
    return start_run(tmp_path, args, environ)


def project_ids(server: RunningServer) -> set[str]:
    """The workspace's projects, asked with a key of the test's own."""
    settings = ClientSettings(base_url=server.base_url)
    with build_client(
        settings, Keys(primary=WATCHER_KEY), recorder=Recorder(), stats=RequestStats()
    ) as client:
        reply = client.get(f"workspaces/{server.workspace}/projects/")
    assert reply.status_code == 200
    return {item["id"] for item in reply.json()["results"]}


@pytest.fixture
def server() -> Iterator[RunningServer]:
    # the documented 60 s window: the run is still far from done when it is interrupted
    config = ServerConfig(port=0, api_keys=(KEY, OTHER_KEY, WATCHER_KEY))
    with running_server(config) as running:
        yield running


def wait_for_line(process: subprocess.Popen[bytes], path: Path, prefix: str) -> None:
    deadline = time.monotonic() + HANG_GUARD_S
    while not any(line.startswith(prefix) for line in path.read_text().splitlines()):
        assert process.poll() is None, f"the run ended early:\n{path.read_text()}"
        assert time.monotonic() < deadline, f"no line {prefix!r}:\n{path.read_text()}"
        time.sleep(0.05)


@pytest.mark.slow
def test_sigint_mid_run_exits_130_with_a_partial_report_and_no_scratch_project(
    tmp_path: Path, server: RunningServer
) -> None:
    before = project_ids(server)
    report_dir = tmp_path / "reports"
    process = start(
        tmp_path, "--target", server.base_url, "--workspace", server.workspace,
        "--report-dir", str(report_dir), keys=(KEY, OTHER_KEY),
    )  # fmt: skip
    try:
        # the AUTH tests are done, so the scratch project exists and requests have been sent
        wait_for_line(process, tmp_path / "stderr", "HTTP:")
        assert len(project_ids(server)) == len(before) + 1
        process.send_signal(signal.SIGINT)
        code = process.wait(timeout=HANG_GUARD_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    stderr = (tmp_path / "stderr").read_text()
    assert code == 130, stderr
    assert "Traceback" not in stderr
    document = read_document(report_dir)
    assert document["interrupted"] is True
    assert document["cleanup"] == {"ok": True, "left": []}
    assert "pass" in statuses(document).values()
    assert project_ids(server) == before


@pytest.mark.slow
def test_sigterm_is_an_interrupt_too(tmp_path: Path, server: RunningServer) -> None:
    report_dir = tmp_path / "reports"
    process = start(
        tmp_path, "--target", server.base_url, "--workspace", server.workspace,
        "--report-dir", str(report_dir), keys=(KEY, OTHER_KEY),
    )  # fmt: skip
    try:
        wait_for_line(process, tmp_path / "stderr", "HTTP:")
        process.terminate()
        code = process.wait(timeout=HANG_GUARD_S)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    assert code == 130, (tmp_path / "stderr").read_text()
    assert read_document(report_dir)["interrupted"] is True


@pytest.mark.slow
def test_keys_appear_in_no_report_and_no_output(tmp_path: Path) -> None:
    """The API keys, the client key's passphrase and the client key itself (an mTLS target,
    the key encrypted) reach no file the run writes and nothing it prints."""
    canary = ("plane_api_" + "1a2b3c4d" * 4, "plane_api_" + "5e6f7a8b" * 4)
    tls = make_tls_files(tmp_path / "tls")
    # faults that make the suite record failing exchanges carrying the key in a Bearer header
    # and in the query string: the evidence must still not hold it
    config = ServerConfig(
        port=0, api_keys=canary, rate_window=2,
        faults=frozenset({"bearer-accepted", "query-key-accepted"}),
        tls_cert=tls.server, tls_client_ca=tls.client_ca,
    )  # fmt: skip
    report_dir = tmp_path / "reports"
    # the report is signed with a key whose passphrase comes from the environment: neither the
    # key nor the passphrase may reach an output either
    sign_passphrase = "canary-passphrase-" + "9c" * 8
    sign_key, public_key = tmp_path / "signing.pem", tmp_path / "signing.pub.pem"
    private = Ed25519PrivateKey.generate()
    sign_key.write_bytes(
        private.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.BestAvailableEncryption(sign_passphrase.encode()),
        )
    )
    public_key.write_bytes(
        private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )
    )
    with running_server(config) as running:
        process = start(
            tmp_path, *FAST, "--profile", "smoke", "--target", running.base_url,
            "--workspace", running.workspace, "--project", running.project_id,
            "--report-dir", str(report_dir), "--ca-bundle", str(tls.ca),
            "--client-cert", str(tls.client_cert), "--client-key", str(tls.client_key_encrypted),
            "--sign-key", str(sign_key), keys=canary, passphrase=PASSPHRASE,
            extra={"PLANE_SIGN_KEY_PASSPHRASE": sign_passphrase},
        )  # fmt: skip
        code = process.wait(timeout=HANG_GUARD_S)
    # 0: the faults break only a SHOULD (AUTH-05); 3 if a 2 s window on the real clock leaves
    # RATE-03 undecided
    assert code in (0, 3), (tmp_path / "stderr").read_text()
    assert statuses(read_document(report_dir))["AUTH-05"] == "fail"
    files = [path for path in report_dir.rglob("*") if path.is_file()]
    assert {"exchanges.jsonl", "manifest.json", "manifest.sig", "badge.svg"} <= {
        path.name for path in files
    }
    assert read_document(report_dir)["target"]["tls"] == {
        "verified": True,
        "client_certificate": True,
    }
    client_key_lines = tls.client_key_encrypted.read_text().splitlines()[1:-1]
    key_body = b"".join(sign_key.read_bytes().splitlines()[1:-1])
    # what verify prints, and the audit of the report (its files and what it prints), too
    environ = {name: value for name, value in os.environ.items() if not name.startswith("PLANE_")}
    environ |= {"PLANE_API_KEY": canary[0], "PLANE_API_KEY_2": canary[1]}
    printed = [
        subprocess.run(
            [sys.executable, "-m", "conformance", *command],
            capture_output=True,
            env=environ,
            timeout=HANG_GUARD_S,
            check=False,
            cwd=tmp_path,
        )
        for command in (
            ("verify", str(report_dir), "--public-key", str(public_key)),
            ("audit", str(report_dir), "--report-dir", str(tmp_path / "audit")),
        )
    ]
    assert printed[0].returncode == 0, printed[0].stdout
    assert printed[1].returncode in (0, 3), printed[1].stderr
    files += [path for path in (tmp_path / "audit").rglob("*") if path.is_file()]
    outputs = [*(p.read_bytes() for p in files), *(r.stdout + r.stderr for r in printed)]
    for path in [tmp_path / "stdout", tmp_path / "stderr"]:
        outputs.append(path.read_bytes())
    for content in outputs:
        for key in canary:
            assert key.encode() not in content, "a key leaked"
            assert key[len("plane_api_") :].encode() not in content, "a key leaked"
        assert PASSPHRASE.encode() not in content, "the client key's passphrase leaked"
        for line in client_key_lines:
            assert line.encode() not in content, "the client key leaked"
        assert sign_passphrase.encode() not in content, "the signing key's passphrase leaked"
        assert key_body[:40] not in content.replace(b"\n", b""), "the signing key leaked"


def test_keys_and_cookies_of_a_har_appear_in_no_output(tmp_path: Path) -> None:
    """A HAR carries keys in X-API-Key, as a Bearer token and as ?api_key=, inside bodies, and
    cookies: the audit's outputs and what it prints hold none of them."""
    named, stranger, cookie = (
        "plane_api_" + "3c4d5e6f" * 4,
        "plane_api_" + "7a8b9c0d" * 4,
        "cookie-canary-" + "e1f2" * 6,
    )
    base = "https://plane.example.com/api/v1/"

    def entry(url: str, headers: list[dict[str, str]], status: int, body: str) -> dict[str, Any]:
        return {
            "startedDateTime": "2026-11-29T10:00:00Z",
            "time": 5,
            "request": {"method": "GET", "url": url, "headers": [
                *headers, {"name": "Cookie", "value": f"sessionid={cookie}"}]},
            "response": {"status": status, "headers": [
                {"name": "Content-Type", "value": "application/json"},
                {"name": "Set-Cookie", "value": f"sessionid={cookie}; HttpOnly"}],
                "content": {"text": body}},
        }  # fmt: skip

    har = write_har(
        tmp_path / "traffic.har",
        [
            entry(base + "users/me/", [{"name": "X-API-Key", "value": named}], 200,
                  json.dumps({"id": "u1", "note": f"your key is {named}"})),
            entry(base + "users/me/", [{"name": "X-API-Key", "value": stranger}], 500,
                  json.dumps({"error": f"boom for {stranger}"})),
            entry(base + "users/me/", [{"name": "Authorization", "value": f"Bearer {named}"}],
                  401, json.dumps({"detail": "no"})),
            entry(f"{base}users/me/?api_key={stranger}", [], 401, json.dumps({"detail": cookie})),
        ],
    )  # fmt: skip
    environ = {name: value for name, value in os.environ.items() if not name.startswith("PLANE_")}
    environ["PLANE_API_KEY"] = named
    out = tmp_path / "audit"
    finished = subprocess.run(
        [sys.executable, "-m", "conformance", "audit", str(har), "--report-dir", str(out)],
        capture_output=True, env=environ, timeout=HANG_GUARD_S, check=False, cwd=tmp_path,
    )  # fmt: skip
    assert finished.returncode == 1, finished.stderr  # the 500 fails HTTP-07
    files = [path for path in out.rglob("*") if path.is_file()]
    assert len(files) == 6
    assert "$PLANE_API_KEY" in (out / "exchanges.jsonl").read_text()
    for content in [*(p.read_bytes() for p in files), finished.stdout, finished.stderr]:
        for secret in (named, stranger, cookie):
            assert secret.encode() not in content
            assert secret[-20:].encode() not in content
