"""The run's TLS context, built once: the CAs it trusts and the client certificate it presents.

Trust is the ssl module's: the system's CA file and directory, or those that ``SSL_CERT_FILE``
and ``SSL_CERT_DIR`` name instead (each replaces its own default, as OpenSSL reads them); then the
CAs of ``--ca-bundle`` besides. Where the platform has neither a CA file nor a directory (Windows,
python.org's macOS build) certifi's bundle stands in, as httpx's own default did. The client key's
passphrase is read from the variable ``--client-key-passphrase-env`` names, only when the key is
encrypted, and kept nowhere.
"""

from __future__ import annotations

import os
import ssl
from collections.abc import Mapping
from pathlib import Path

from conformance.errors import ConfigError, require_readable
from conformance.http.settings import NetworkOptions

CERT_FILE_ENV = "SSL_CERT_FILE"
CERT_DIR_ENV = "SSL_CERT_DIR"


def tls_context(options: NetworkOptions, environ: Mapping[str, str]) -> ssl.SSLContext:
    """A client context for the target; ConfigError (one line, naming the option or variable)
    for a file that cannot be read or used."""
    context = unverified_context() if options.insecure else _verifying(options, environ)
    if options.client_cert is not None:
        _present(context, options.client_cert, options.client_key, options, environ)
    return context


def unverified_context() -> ssl.SSLContext:
    """Encryption without verification (``--insecure``): any certificate, any name."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def trust_locations(environ: Mapping[str, str]) -> tuple[str | None, str | None]:
    """The CA file and directory the ssl module would use with ``environ``: each variable
    replaces its own default; a default that does not exist is left out, a variable that names
    nothing usable is a ConfigError."""
    defaults = ssl.get_default_verify_paths()
    cafile = environ.get(CERT_FILE_ENV) or None
    capath = environ.get(CERT_DIR_ENV) or None
    if cafile is not None and not os.path.isfile(cafile):
        raise ConfigError(f"{CERT_FILE_ENV} names {cafile}, which is not a file")
    for directory in (capath or "").split(os.pathsep):
        if directory and not os.path.isdir(directory):
            raise ConfigError(f"{CERT_DIR_ENV} names {directory}, which is not a directory")
    if cafile is None and os.path.isfile(defaults.openssl_cafile):
        cafile = defaults.openssl_cafile
    if capath is None and os.path.isdir(defaults.openssl_capath):
        capath = defaults.openssl_capath
    return cafile, capath


def _verifying(options: NetworkOptions, environ: Mapping[str, str]) -> ssl.SSLContext:
    cafile, capath = trust_locations(environ)
    if cafile is None and capath is None:
        import certifi

        cafile = certifi.where()
    try:
        context = ssl.create_default_context(cafile=cafile, capath=capath)
    except ssl.SSLError:
        raise ConfigError(
            f"{CERT_FILE_ENV} names {cafile}, which holds no PEM certificate"
        ) from None
    if options.ca_bundle is not None:
        require_readable("--ca-bundle", options.ca_bundle)
        try:
            context.load_verify_locations(cafile=options.ca_bundle)
        except ssl.SSLError:
            raise ConfigError(f"--ca-bundle {options.ca_bundle} holds no PEM certificate") from None
    return context


def _present(
    context: ssl.SSLContext,
    cert: Path,
    key: Path | None,
    options: NetworkOptions,
    environ: Mapping[str, str],
) -> None:
    """Load the client certificate and its key into ``context``."""
    require_readable("--client-cert", cert)
    if key is not None:
        require_readable("--client-key", key)
    try:
        ssl.create_default_context(cafile=cert)
    except ssl.SSLError:
        raise ConfigError(f"--client-cert {cert} holds no PEM certificate") from None
    variable = options.client_key_passphrase_env
    key_file = key if key is not None else cert
    asked = False

    def passphrase() -> str:
        nonlocal asked
        asked = True
        value = environ.get(variable, "")
        if not value:
            raise ConfigError(
                f"the client key {key_file} is encrypted and {variable} is not set or empty: "
                f"export its passphrase in {variable}, or name another variable with "
                "--client-key-passphrase-env"
            )
        return value

    try:
        context.load_cert_chain(cert, key, password=passphrase)
    except ssl.SSLError as exc:
        reason = exc.reason or ""
        if reason == "KEY_VALUES_MISMATCH":
            raise ConfigError(
                f"--client-key {key_file} is not the key of --client-cert {cert} "
                "(key values mismatch)"
            ) from None
        if asked:
            raise ConfigError(
                f"the client key {key_file} could not be decrypted with the passphrase in "
                f"{variable}"
            ) from None
        if key is None:
            raise ConfigError(
                f"--client-cert {cert} holds no private key: name the key with --client-key FILE"
            ) from None
        raise ConfigError(f"--client-key {key} holds no PEM private key") from None
