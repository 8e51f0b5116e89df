"""A refused connection in one line: what went wrong with TLS or the proxy, and what fixes it.

TLS failures are told apart by what OpenSSL reports: the certificate check's ``verify_code``
(``ssl.SSLCertVerificationError``), else the alert the target sent (``ssl.SSLError.reason``).
Under TLS 1.3 a target that wants a client certificate says so after the handshake, so that
alert arrives on the first read: every transport error is looked at, not only connect errors.
Some servers send no alert at all and just close the connection (Python's asyncio servers, the
reference server among them, do so): a fresh connection closed right after its handshake,
by a target that has not answered yet, is reported as the likely refusal of a client
certificate (``NetworkTransport`` keeps what it takes to tell).
"""

from __future__ import annotations

import ssl
from pathlib import Path

import httpx

from conformance.errors import ProxyFailure, TlsFailure
from conformance.http.proxy import ProxyRoute

# X509_V_ERR_*: the chain ends at a CA this machine does not trust
_UNKNOWN_CA = frozenset(
    {
        2,  # UNABLE_TO_GET_ISSUER_CERT
        18,  # DEPTH_ZERO_SELF_SIGNED_CERT
        19,  # SELF_SIGNED_CERT_IN_CHAIN
        20,  # UNABLE_TO_GET_ISSUER_CERT_LOCALLY
        21,  # UNABLE_TO_VERIFY_LEAF_SIGNATURE
    }
)
_NOT_YET_VALID = 9
_EXPIRED = 10
_NAME_MISMATCH = frozenset({62, 64})  # HOSTNAME_MISMATCH, IP_ADDRESS_MISMATCH
# Alerts of a target that wants a client certificate and got none (TLS 1.3 says so plainly).
_CERTIFICATE_REQUIRED = "TLSV13_ALERT_CERTIFICATE_REQUIRED"
_HANDSHAKE_FAILURE = "SSLV3_ALERT_HANDSHAKE_FAILURE"
# Alerts of a target that got a client certificate and refused it.
_CERTIFICATE_REFUSED = frozenset(
    {
        "TLSV1_ALERT_UNKNOWN_CA",
        "TLSV1_ALERT_ACCESS_DENIED",
        "SSLV3_ALERT_BAD_CERTIFICATE",
        "SSLV3_ALERT_CERTIFICATE_UNKNOWN",
        "SSLV3_ALERT_CERTIFICATE_EXPIRED",
        "SSLV3_ALERT_CERTIFICATE_REVOKED",
        "SSLV3_ALERT_UNSUPPORTED_CERTIFICATE",
    }
)
# The other end closed the connection in the middle of the handshake, without an alert.
_EOF_IN_HANDSHAKE = "UNEXPECTED_EOF_WHILE_READING"
# What OpenSSL reads when the other end does not speak TLS at all.
_NOT_TLS = frozenset({"WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG"})


def tls_failure(error: BaseException, where: str, client_cert: Path | None) -> TlsFailure | None:
    """The TlsFailure ``error`` stands for (``where`` is the target's ``host:port``), or None
    when no TLS error lies in its chain."""
    cause = _ssl_error(error)
    if cause is None:
        return None
    if isinstance(cause, ssl.SSLCertVerificationError):
        return TlsFailure(_certificate_line(cause, where))
    reason = cause.reason or ""
    alert = _words(reason.removeprefix("TLSV13_ALERT_").removeprefix("TLSV1_ALERT_"))
    alert = alert.removeprefix("sslv3 alert ")
    if client_cert is None and reason == _CERTIFICATE_REQUIRED:
        return TlsFailure(
            f"TLS: {where} requires a client certificate; present one with "
            "--client-cert FILE --client-key FILE"
        )
    if client_cert is None and reason == _HANDSHAKE_FAILURE:
        # TLS 1.2 has no alert of its own for a missing client certificate
        return TlsFailure(
            f"TLS: {where} ended the handshake ({alert}): it may require a client certificate; "
            "present one with --client-cert FILE --client-key FILE"
        )
    if client_cert is not None and reason in _CERTIFICATE_REFUSED:
        return TlsFailure(
            f"TLS: {where} refused the client certificate of --client-cert {client_cert} "
            f"({alert}); present one issued by a CA the target trusts"
        )
    if reason == _EOF_IN_HANDSHAKE:
        return closed_after_handshake(where, client_cert, during=True)
    if reason in _NOT_TLS:
        return TlsFailure(
            f"TLS: {where} does not speak TLS ({_words(reason)}); "
            "if it serves plain HTTP, give --target an http:// URL"
        )
    return TlsFailure(
        f"TLS: the handshake with {where} failed ({_words(reason) or cause}); "
        "check --ca-bundle, --client-cert and --client-key"
    )


def closed_after_handshake(
    where: str, client_cert: Path | None, *, during: bool = False
) -> TlsFailure:
    """A target that closed a fresh connection in (``during``) or right after the handshake,
    without an alert and without an answer: what mTLS servers without alerts do."""
    when = "during the TLS handshake" if during else "right after the TLS handshake"
    if client_cert is None:
        return TlsFailure(
            f"TLS: {where} closed the connection {when}, without an answer: it may require a "
            "client certificate; present one with --client-cert FILE --client-key FILE"
        )
    return TlsFailure(
        f"TLS: {where} closed the connection {when}, without an answer: it may refuse the "
        f"client certificate of --client-cert {client_cert}; present one issued by a CA the "
        "target trusts"
    )


def _certificate_line(error: ssl.SSLCertVerificationError, where: str) -> str:
    code = error.verify_code
    detail = str(error.verify_message).rstrip(".")
    if code in _UNKNOWN_CA:
        return (
            f"TLS: the certificate of {where} is issued by a CA this machine does not trust "
            f"({detail}); trust that CA with --ca-bundle FILE"
        )
    if code in _NAME_MISMATCH:
        return (
            f"TLS: the certificate of {where} is not valid for that name ({detail}); "
            "give --target a host name the certificate lists"
        )
    if code == _EXPIRED:
        return (
            f"TLS: the certificate of {where} has expired; renew it on the target "
            "(only --insecure would skip the check)"
        )
    if code == _NOT_YET_VALID:
        return (
            f"TLS: the certificate of {where} is not valid yet; check the clocks of this "
            "machine and of the target (only --insecure would skip the check)"
        )
    return f"TLS: the certificate of {where} was refused ({detail}); check --ca-bundle"


def proxy_failure(
    error: httpx.TransportError, where: str, route: ProxyRoute
) -> ProxyFailure | None:
    """The ProxyFailure ``error`` stands for, or None when it is not the proxy's doing. With a
    proxy every connection goes to the proxy, so a connect error is the proxy's."""
    proxy = f"the proxy {route.shown} (from {route.source})"
    if isinstance(error, httpx.ProxyError):
        status = str(error)
        if status.startswith("407"):
            if route.has_credentials:
                return ProxyFailure(
                    f"{proxy} refused its credentials ({status}); "
                    "check the user and password in the proxy URL"
                )
            return ProxyFailure(
                f"{proxy} wants credentials ({status}); "
                "give them in the proxy URL: http://USER:PASSWORD@HOST:PORT"
            )
        return ProxyFailure(f"{proxy} refused the tunnel to {where} ({status}); {_bypass(route)}")
    if isinstance(error, httpx.ConnectError) and _ssl_error(error) is None:
        return ProxyFailure(f"{proxy} is unreachable ({error}); check {route.source}")
    return None


def _words(reason: str) -> str:
    """``TLSV1_ALERT_UNKNOWN_CA`` -> ``tlsv1 alert unknown ca``, as OpenSSL prints it."""
    return reason.replace("_", " ").lower()


def _bypass(route: ProxyRoute) -> str:
    if route.source == "--proxy":
        return "let the proxy reach the target, or leave out --proxy"
    return "let the proxy reach the target, or exempt the target in NO_PROXY"


def _ssl_error(error: BaseException) -> ssl.SSLError | None:
    link: BaseException | None = error
    seen = 0
    while link is not None and seen < 10:
        if isinstance(link, ssl.SSLError):
            return link
        link = link.__cause__ or link.__context__
        seen += 1
    return None
