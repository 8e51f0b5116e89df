"""The reference server as a rehearsal target: HTTPS from a private CA, a client certificate
required (mTLS), IPv6 loopback; embedded (``running_server``) and as ``serve``."""

from __future__ import annotations

import signal
import ssl
import subprocess
from pathlib import Path

import httpx
import pytest

from conformance.cli import main
from conformance.errors import ConfigError
from conformance.reference import ServerConfig, running_server
from tests.loopback import needs_ipv6
from tests.reference.conftest import KEY, read_banner, start_serve
from tests.tls_files import TlsFiles, make_tls_files


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


def client_context(files: TlsFiles, *, client: bool) -> ssl.SSLContext:
    context = ssl.create_default_context(cafile=files.ca)
    if client:
        context.load_cert_chain(files.client_cert, files.client_key)
    return context


def me(base_url: str, context: ssl.SSLContext | None = None) -> int:
    with httpx.Client(verify=context or True, trust_env=False) as client:
        return client.get(f"{base_url}/users/me/", headers={"X-API-Key": KEY}).status_code


def test_the_embedded_server_serves_https_and_can_require_a_client_certificate(
    files: TlsFiles,
) -> None:
    config = ServerConfig(port=0, api_keys=(KEY,), tls_cert=files.server)
    with running_server(config) as server:
        assert server.base_url.startswith("https://127.0.0.1:")
        assert me(server.base_url, client_context(files, client=False)) == 200
    mtls = ServerConfig(
        port=0, api_keys=(KEY,), tls_cert=files.server, tls_client_ca=files.client_ca
    )
    with running_server(mtls) as server:
        assert me(server.base_url, client_context(files, client=True)) == 200
        with pytest.raises(httpx.TransportError):
            me(server.base_url, client_context(files, client=False))


@needs_ipv6
@pytest.mark.parametrize("host", ["::1", "[::1]"])
def test_the_embedded_server_listens_on_ipv6_loopback(files: TlsFiles, host: str) -> None:
    with running_server(ServerConfig(port=0, api_keys=(KEY,), host=host)) as server:
        assert server.base_url.startswith("http://[::1]:")
        assert me(server.base_url) == 200
    config = ServerConfig(port=0, api_keys=(KEY,), host=host, tls_cert=files.server)
    with running_server(config) as server:
        assert server.base_url.startswith("https://[::1]:")
        assert me(server.base_url, client_context(files, client=False)) == 200


def bad_tls(files: TlsFiles) -> dict[str, tuple[list[str], str]]:
    missing = files.ca.parent / "absent.pem"
    return {
        "missing-certificate": (
            ["--tls-cert", str(missing)],
            f"--tls-cert {missing}: cannot read it: No such file or directory",
        ),
        "key-without-certificate": (
            ["--tls-key", str(files.client_key)],
            "--tls-key and --tls-client-ca need --tls-cert",
        ),
        "certificate-without-key": (
            ["--tls-cert", str(files.client_cert)],
            f"--tls-cert {files.client_cert} are not a PEM certificate and its key",
        ),
        "encrypted-key": (
            ["--tls-cert", str(files.client_cert), "--tls-key", str(files.client_key_encrypted)],
            f"the key {files.client_key_encrypted} is encrypted: serve with an unencrypted key",
        ),
        "client-ca-not-pem": (
            ["--tls-cert", str(files.server), "--tls-client-ca", str(files.client_key)],
            f"--tls-client-ca {files.client_key} holds no PEM certificate",
        ),
    }


@pytest.mark.parametrize(
    "case",
    [
        "missing-certificate",
        "key-without-certificate",
        "certificate-without-key",
        "encrypted-key",
        "client-ca-not-pem",
    ],
)
def test_serve_with_unusable_tls_files_is_one_line_exit_2(
    files: TlsFiles, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    args, message = bad_tls(files)[case]
    assert main(["serve", "--port", "0", "--api-key", KEY, *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1, err
    assert err.startswith(f"plane-conformance serve: error: {message}"), err


def test_the_embedded_server_refuses_unusable_tls_files(files: TlsFiles) -> None:
    with (
        pytest.raises(ConfigError, match="holds no PEM certificate"),
        running_server(ServerConfig(port=0, tls_cert=files.server, tls_client_ca=files.client_key)),
    ):
        pass  # pragma: no cover


def stop(process: subprocess.Popen[str]) -> None:
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=20)
    assert process.returncode == 0, err


def test_serve_tls_cert_serves_https_with_mtls(files: TlsFiles) -> None:
    process = start_serve(
        "--issues", "0", "--api-key", KEY,
        "--tls-cert", str(files.server), "--tls-client-ca", str(files.client_ca),
    )  # fmt: skip
    try:
        shown = read_banner(process)
        assert shown["base URL"].startswith("https://127.0.0.1:")
        assert shown["mTLS"] == f"a client certificate issued by {files.client_ca} is required"
        assert me(shown["base URL"], client_context(files, client=True)) == 200
    finally:
        stop(process)


@needs_ipv6
def test_serve_host_ipv6_loopback() -> None:
    process = start_serve("--issues", "0", "--api-key", KEY, "--host", "::1")
    try:
        base_url = read_banner(process)["base URL"]
        assert base_url.startswith("http://[::1]:")
        assert me(base_url) == 200
    finally:
        stop(process)


def test_serve_host_that_cannot_be_had_is_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    """An address this machine does not have (TEST-NET-1, never assigned)."""
    assert main(["serve", "--port", "0", "--api-key", KEY, "--host", "192.0.2.1"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("plane-conformance serve: error: cannot listen on 192.0.2.1:0: ")
    assert err.count("\n") == 1


def test_tls_files_are_paths_in_the_config(files: TlsFiles) -> None:
    config = ServerConfig(tls_cert=files.server, tls_key=None)
    assert (config.scheme, isinstance(config.tls_cert, Path)) == ("https", True)
    assert ServerConfig().scheme == "http"
