"""The run's TLS context: whose CAs it trusts, which client certificate it presents, and one
line naming the option for every file it cannot use (the passphrase never in it)."""

from __future__ import annotations

import ssl
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.http import NetworkOptions
from conformance.http.tls import tls_context, trust_locations
from tests.tls_files import PASSPHRASE, TlsFiles, make_tls_files

VARIABLE = "PLANE_CLIENT_KEY_PASSPHRASE"


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> TlsFiles:
    return make_tls_files(tmp_path_factory.mktemp("tls"))


def test_ssl_cert_file_replaces_the_system_ca_file(files: TlsFiles) -> None:
    """As OpenSSL reads it: SSL_CERT_FILE instead of the default file (so only its CA is
    loaded up front; a CA directory is read lazily)."""
    context = tls_context(NetworkOptions(), {"SSL_CERT_FILE": str(files.ca)})
    assert len(context.get_ca_certs()) == 1
    assert context.verify_mode == ssl.CERT_REQUIRED
    assert context.check_hostname


def test_ca_bundle_adds_to_the_system_trust(files: TlsFiles) -> None:
    system = tls_context(NetworkOptions(), {})
    added = tls_context(NetworkOptions(ca_bundle=files.ca), {})
    assert len(added.get_ca_certs()) == len(system.get_ca_certs()) + 1


def test_each_variable_replaces_only_its_own_default(tmp_path: Path) -> None:
    default_file = ssl.get_default_verify_paths().openssl_cafile
    cafile, capath = trust_locations({"SSL_CERT_DIR": str(tmp_path)})
    assert capath == str(tmp_path)
    assert cafile == (default_file if Path(default_file).is_file() else None)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        pytest.param({"SSL_CERT_FILE": "/nonexistent/ca.pem"}, "SSL_CERT_FILE names", id="file"),
        pytest.param({"SSL_CERT_DIR": "/nonexistent"}, "SSL_CERT_DIR names", id="dir"),
    ],
)
def test_a_trust_variable_that_names_nothing_is_one_line(
    environ: dict[str, str], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        tls_context(NetworkOptions(), environ)


def test_insecure_checks_neither_chain_nor_name() -> None:
    context = tls_context(NetworkOptions(insecure=True), {})
    assert (context.verify_mode, context.check_hostname) == (ssl.CERT_NONE, False)


@pytest.mark.parametrize(
    "key", ["client_key", "client_key_encrypted"], ids=["clear-key", "encrypted-key"]
)
def test_a_client_certificate_is_loaded(files: TlsFiles, key: str) -> None:
    options = NetworkOptions(
        ca_bundle=files.ca, client_cert=files.client_cert, client_key=getattr(files, key)
    )
    tls_context(options, {VARIABLE: PASSPHRASE})


def test_a_certificate_with_its_key_inside_needs_no_client_key(files: TlsFiles) -> None:
    tls_context(NetworkOptions(client_cert=files.server), {})


def test_the_passphrase_is_read_only_from_the_named_variable(files: TlsFiles) -> None:
    options = NetworkOptions(
        client_cert=files.client_cert,
        client_key=files.client_key_encrypted,
        client_key_passphrase_env="MY_PASSPHRASE",
    )
    tls_context(options, {"MY_PASSPHRASE": PASSPHRASE})
    with pytest.raises(ConfigError, match="MY_PASSPHRASE is not set or empty"):
        tls_context(options, {VARIABLE: PASSPHRASE})


def unusable(files: TlsFiles) -> dict[str, tuple[NetworkOptions, dict[str, str], str]]:
    missing = files.ca.parent / "absent.pem"
    return {
        "ca-bundle-missing": (
            NetworkOptions(ca_bundle=missing),
            {},
            f"--ca-bundle {missing}: cannot read it: No such file or directory",
        ),
        "ca-bundle-not-pem": (
            NetworkOptions(ca_bundle=files.client_key),
            {},
            f"--ca-bundle {files.client_key} holds no PEM certificate",
        ),
        "client-cert-missing": (
            NetworkOptions(client_cert=missing),
            {},
            f"--client-cert {missing}: cannot read it",
        ),
        "client-cert-not-a-certificate": (
            NetworkOptions(client_cert=files.client_key, client_key=files.client_key),
            {},
            f"--client-cert {files.client_key} holds no PEM certificate",
        ),
        "no-key": (
            NetworkOptions(client_cert=files.client_cert),
            {},
            f"--client-cert {files.client_cert} holds no private key: name the key with "
            "--client-key FILE",
        ),
        "key-not-pem": (
            NetworkOptions(client_cert=files.client_cert, client_key=files.ca),
            {},
            f"--client-key {files.ca} holds no PEM private key",
        ),
        "key-of-another-certificate": (
            NetworkOptions(client_cert=files.client_cert, client_key=files.stranger_key),
            {},
            f"--client-key {files.stranger_key} is not the key of --client-cert "
            f"{files.client_cert} (key values mismatch)",
        ),
        "passphrase-unset": (
            NetworkOptions(client_cert=files.client_cert, client_key=files.client_key_encrypted),
            {},
            f"the client key {files.client_key_encrypted} is encrypted and {VARIABLE} is not "
            f"set or empty: export its passphrase in {VARIABLE}, or name another variable with "
            "--client-key-passphrase-env",
        ),
        "passphrase-wrong": (
            NetworkOptions(client_cert=files.client_cert, client_key=files.client_key_encrypted),
            {VARIABLE: PASSPHRASE[::-1]},
            f"the client key {files.client_key_encrypted} could not be decrypted with the "
            f"passphrase in {VARIABLE}",
        ),
    }


CASES = (
    "ca-bundle-missing",
    "ca-bundle-not-pem",
    "client-cert-missing",
    "client-cert-not-a-certificate",
    "no-key",
    "key-not-pem",
    "key-of-another-certificate",
    "passphrase-unset",
    "passphrase-wrong",
)


@pytest.mark.parametrize("case", CASES)
def test_an_unusable_file_is_one_line_naming_the_option(files: TlsFiles, case: str) -> None:
    options, environ, message = unusable(files)[case]
    with pytest.raises(ConfigError) as raised:
        tls_context(options, environ)
    text = str(raised.value)
    assert text.startswith(message), text
    assert "\n" not in text
    assert PASSPHRASE not in text
    assert PASSPHRASE[::-1] not in text


@pytest.mark.parametrize(
    ("options", "message"),
    [
        pytest.param(
            {"client_key": Path("k.pem")}, "--client-key needs --client-cert", id="key-alone"
        ),
        pytest.param(
            {"insecure": True, "ca_bundle": Path("ca.pem")},
            "--insecure and --ca-bundle contradict each other",
            id="insecure-and-ca-bundle",
        ),
        pytest.param(
            {"client_key_passphrase_env": ""},
            "--client-key-passphrase-env must name a variable",
            id="no-passphrase-variable",
        ),
    ],
)
def test_options_that_do_not_go_together(options: dict[str, object], message: str) -> None:
    with pytest.raises(ConfigError, match=message):
        NetworkOptions(**options)  # type: ignore[arg-type]


def test_the_proxy_url_stays_out_of_the_options_repr() -> None:
    assert "secret" not in repr(NetworkOptions(proxy="http://user:secret@127.0.0.1:3128"))
