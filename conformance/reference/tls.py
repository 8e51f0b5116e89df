"""HTTPS for the reference server: the certificate it serves and, for mTLS, the CAs whose client
certificates it requires.

The files are loaded here first, in the caller's thread, so that a bad one is a one-line
ConfigError instead of a server thread that dies at start; uvicorn then loads them again.
"""

from __future__ import annotations

import ssl
from typing import Any

from conformance.errors import ConfigError, require_readable
from conformance.reference.config import ServerConfig


def uvicorn_tls(config: ServerConfig) -> dict[str, Any]:
    """The ``ssl_*`` arguments of ``uvicorn.Config`` for ``config`` (none for plain HTTP)."""
    cert, key, client_ca = config.tls_cert, config.tls_key, config.tls_client_ca
    if cert is None:
        return {}
    for option, path in (("--tls-cert", cert), ("--tls-key", key), ("--tls-client-ca", client_ca)):
        if path is not None:
            require_readable(option, path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)

    def no_passphrase() -> str:
        # uvicorn would have OpenSSL ask for it on the terminal, in a server thread
        raise ConfigError(f"the key {key or cert} is encrypted: serve with an unencrypted key")

    try:
        context.load_cert_chain(cert, key, password=no_passphrase)
    except ssl.SSLError as exc:
        raise ConfigError(
            f"--tls-cert {cert}{f' and --tls-key {key}' if key else ''} are not a PEM "
            f"certificate and its key ({(exc.reason or str(exc)).replace('_', ' ').lower()})"
        ) from None
    if client_ca is not None:
        try:
            context.load_verify_locations(cafile=client_ca)
        except ssl.SSLError:
            raise ConfigError(f"--tls-client-ca {client_ca} holds no PEM certificate") from None
    return {
        "ssl_certfile": str(cert),
        "ssl_keyfile": str(key) if key is not None else None,
        "ssl_ca_certs": str(client_ca) if client_ca is not None else None,
        "ssl_cert_reqs": ssl.CERT_REQUIRED if client_ca is not None else ssl.CERT_NONE,
    }
