"""Each way TLS or a proxy refuses a run is one line naming the cause and the option that fixes
it, met for real on loopback: the reference server over HTTPS (uvicorn, which closes without an
alert), a blocking ``ssl`` server (which sends the alerts OpenSSL writes), the CONNECT proxy."""

from __future__ import annotations

import http.server
import ssl
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import pytest

from conformance.errors import ProxyFailure, TargetError, TlsFailure
from conformance.http import (
    ClientSettings,
    Keys,
    NetworkOptions,
    Recorder,
    RequestStats,
    build_client,
    resolve_network,
)
from conformance.http.failures import tls_failure
from conformance.reference import ServerConfig, running_server
from tests.connect_proxy import ConnectProxy, proxying
from tests.loopback import closed_port
from tests.tls_files import PASSPHRASE, TlsFiles, make_tls_files

KEY = "plane_api_" + "f" * 32


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


def get(base_url: str, environ: dict[str, str] | None = None, **options: object) -> int:
    """GET users/me/ without a key (401 from a server that answers) through the whole stack,
    the network resolved as a run resolves it."""
    settings = ClientSettings(base_url=base_url, network=NetworkOptions(**options))  # type: ignore[arg-type]
    network = resolve_network(settings, environ or {})
    with build_client(
        settings, Keys(primary=KEY), recorder=Recorder(), stats=RequestStats(), network=network
    ) as client:
        return client.get("users/me/", auth=None).status_code


def refusal(kind: type[TargetError], base_url: str, **options: object) -> str:
    with pytest.raises(kind) as raised:
        get(base_url, None, **options)
    line = str(raised.value)
    assert "\n" not in line
    return line


def stranger_identity(files: TlsFiles) -> dict[str, Path]:
    """A client certificate from a CA no target of these tests trusts."""
    return {"client_cert": files.stranger_cert, "client_key": files.stranger_key}


class _Answer(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(401)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def alerting_server(files: TlsFiles, *, tls12: bool = False) -> Iterator[str]:
    """A blocking ``ssl`` server that requires a client certificate from ``files.client_ca`` and
    refuses with the alert OpenSSL writes (TLS 1.3 ``certificate required`` unless ``tls12``)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Answer)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(files.server)
    context.load_verify_locations(files.client_ca)
    context.verify_mode = ssl.CERT_REQUIRED
    if tls12:
        context.maximum_version = ssl.TLSVersion.TLSv1_2
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}/api/v1"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@contextmanager
def reference(**tls: Path) -> Iterator[str]:
    with running_server(ServerConfig(port=0, api_keys=(KEY,), **tls)) as server:  # type: ignore[arg-type]
        yield server.base_url


def test_a_private_ca_is_trusted_with_ca_bundle_or_ssl_cert_file(files: TlsFiles) -> None:
    with reference(tls_cert=files.server) as url:
        where = url.removeprefix("https://").removesuffix("/api/v1")
        assert refusal(TlsFailure, url) == (
            f"TLS: the certificate of {where} is issued by a CA this machine does not trust "
            "(unable to get local issuer certificate); trust that CA with --ca-bundle FILE"
        )
        assert get(url, ca_bundle=files.ca) == 401
        assert get(url, {"SSL_CERT_FILE": str(files.ca)}) == 401


def test_a_name_the_certificate_does_not_list(files: TlsFiles) -> None:
    with reference(tls_cert=files.wrong_name) as url:
        assert refusal(TlsFailure, url, ca_bundle=files.ca).endswith(
            "is not valid for that name (IP address mismatch, certificate is not valid for "
            "'127.0.0.1'); give --target a host name the certificate lists"
        )


def test_an_expired_certificate(files: TlsFiles) -> None:
    with reference(tls_cert=files.expired) as url:
        assert refusal(TlsFailure, url, ca_bundle=files.ca).endswith(
            "has expired; renew it on the target (only --insecure would skip the check)"
        )
        assert get(url, insecure=True) == 401


def test_an_http_server_behind_an_https_url(files: TlsFiles) -> None:
    with reference() as url:
        https = url.replace("http://", "https://")
        assert refusal(TlsFailure, https).endswith(
            "does not speak TLS (wrong version number); if it serves plain HTTP, give --target "
            "an http:// URL"
        )


@pytest.mark.parametrize("tls12", [False, True], ids=["tls1.3", "tls1.2"])
def test_a_required_client_certificate_named_by_the_alert(files: TlsFiles, tls12: bool) -> None:
    with alerting_server(files, tls12=tls12) as url:
        line = refusal(TlsFailure, url, ca_bundle=files.ca)
        expected = (
            "ended the handshake (handshake failure): it may require a client certificate"
            if tls12
            else "requires a client certificate"
        )
        assert expected in line
        assert line.endswith("present one with --client-cert FILE --client-key FILE")
        stranger = refusal(TlsFailure, url, ca_bundle=files.ca, **stranger_identity(files))
        assert f"refused the client certificate of --client-cert {files.stranger_cert}" in stranger
        assert (
            get(url, ca_bundle=files.ca, client_cert=files.client_cert, client_key=files.client_key)
            == 401
        )


def test_a_required_client_certificate_refused_without_an_alert(files: TlsFiles) -> None:
    """uvicorn closes the connection after the TLS 1.3 handshake and says nothing."""
    with reference(tls_cert=files.server, tls_client_ca=files.client_ca) as url:
        line = refusal(TlsFailure, url, ca_bundle=files.ca)
        assert line.endswith(
            "closed the connection right after the TLS handshake, without an answer: it may "
            "require a client certificate; present one with --client-cert FILE --client-key FILE"
        )
        stranger = refusal(TlsFailure, url, ca_bundle=files.ca, **stranger_identity(files))
        assert (
            f"may refuse the client certificate of --client-cert {files.stranger_cert}" in stranger
        )
        environ = {"PLANE_CLIENT_KEY_PASSPHRASE": PASSPHRASE}
        options = {
            "ca_bundle": files.ca,
            "client_cert": files.client_cert,
            "client_key": files.client_key_encrypted,
        }
        assert get(url, environ, **options) == 401


def test_proxy_failures(files: TlsFiles) -> None:
    with reference(tls_cert=files.server) as url, proxying(ConnectProxy(("user", "pw"))) as proxy:
        shown = f"the proxy {proxy.url} (from --proxy)"
        assert refusal(ProxyFailure, url, ca_bundle=files.ca, proxy=proxy.url) == (
            f"{shown} wants credentials (407 Proxy Authentication Required); give them in the "
            "proxy URL: http://USER:PASSWORD@HOST:PORT"
        )
        wrong = proxy.url.replace("http://", "http://user:nope@")
        assert refusal(ProxyFailure, url, ca_bundle=files.ca, proxy=wrong) == (
            f"{shown} refused its credentials (407 Proxy Authentication Required); check the "
            "user and password in the proxy URL"
        )
        right = proxy.url.replace("http://", "http://user:pw@")
        # the test proxy tunnels to loopback only: anywhere else is its 403, and nothing leaves
        elsewhere = "https://plane.example.test/api/v1"
        assert refusal(ProxyFailure, elsewhere, proxy=right) == (
            f"{shown} refused the tunnel to plane.example.test:443 (403 Forbidden); let the "
            "proxy reach the target, or leave out --proxy"
        )
        assert get(url, ca_bundle=files.ca, proxy=right) == 401
    down = f"http://127.0.0.1:{closed_port()}"
    assert refusal(ProxyFailure, url, ca_bundle=files.ca, proxy=down) == (
        f"the proxy {down} (from --proxy) is unreachable ([Errno 111] Connection refused); "
        "check --proxy"
    )


def test_the_environment_proxy_with_trust_env(files: TlsFiles) -> None:
    with reference(tls_cert=files.server) as url, proxying(ConnectProxy()) as proxy:
        environ = {"HTTPS_PROXY": proxy.url}
        assert get(url, environ, ca_bundle=files.ca) == 401
        assert proxy.heads == ()  # not trusted: straight to the target
        assert get(url, environ, ca_bundle=files.ca, trust_env=True) == 401
        assert len(proxy.heads) == 1
        assert proxy.heads[0].startswith(b"CONNECT 127.0.0.1:")
        exempted = {**environ, "NO_PROXY": "127.0.0.1"}
        assert get(url, exempted, ca_bundle=files.ca, trust_env=True) == 401
        assert len(proxy.heads) == 1


def test_the_network_of_a_plain_http_target_loads_no_trust_store() -> None:
    settings = ClientSettings(base_url="http://127.0.0.1:9/api/v1")
    network = resolve_network(settings, {"SSL_CERT_FILE": "/nonexistent"})
    assert (network.tls, network.verified, network.proxy) == (False, True, None)
    assert network.ssl_context.get_ca_certs() == []
    insecure = replace(settings, network=NetworkOptions(insecure=True))
    assert resolve_network(insecure, {}).verified  # --insecure means nothing without TLS


@pytest.mark.parametrize(
    ("code", "message", "line"),
    [
        pytest.param(
            9,
            "certificate is not yet valid",
            "TLS: the certificate of h:443 is not valid yet; check the clocks of this machine "
            "and of the target (only --insecure would skip the check)",
            id="not-yet-valid",
        ),
        pytest.param(
            23,
            "certificate revoked",
            "TLS: the certificate of h:443 was refused (certificate revoked); check --ca-bundle",
            id="other",
        ),
    ],
)
def test_certificate_checks_not_met_on_loopback(code: int, message: str, line: str) -> None:
    error = ssl.SSLCertVerificationError(1, message)
    error.verify_code, error.verify_message = code, message
    failure = tls_failure(error, "h:443", None)
    assert failure is not None
    assert str(failure) == line


def test_any_other_handshake_failure_quotes_openssl() -> None:
    error = ssl.SSLError(1, "[SSL: NO_SHARED_CIPHER] no shared cipher")
    error.reason = "NO_SHARED_CIPHER"
    assert str(tls_failure(error, "h:443", None)) == (
        "TLS: the handshake with h:443 failed (no shared cipher); check --ca-bundle, "
        "--client-cert and --client-key"
    )
    assert tls_failure(OSError("not TLS at all"), "h:443", None) is None
