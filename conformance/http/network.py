"""The bottom of the transport stack: httpx's transport with the run's TLS context and proxy.

Pacing and recording sit above it unchanged, so they see (and redact) every request before it
reaches the proxy. ``resolve_network`` reads the files and the environment once per run; a TLS or
proxy failure comes out of ``NetworkTransport`` as a one-line ``TlsFailure`` or ``ProxyFailure``.
"""

from __future__ import annotations

import ssl
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from conformance.errors import TargetError
from conformance.http.failures import closed_after_handshake, proxy_failure, tls_failure
from conformance.http.proxy import ProxyRoute, choose_proxy
from conformance.http.settings import ClientSettings, host_port
from conformance.http.tls import tls_context


@dataclass(frozen=True, slots=True)
class Network:
    """How a run reaches its target. ``tls`` False: a plain http target; ``verified`` False:
    ``--insecure``."""

    ssl_context: ssl.SSLContext = field(repr=False)
    tls: bool = False
    verified: bool = True
    client_cert: Path | None = None
    proxy: ProxyRoute | None = None

    def transport(self) -> NetworkTransport:
        """A fresh transport (its own connection pool) on the run's TLS context."""
        return NetworkTransport(self)


def resolve_network(settings: ClientSettings, environ: Mapping[str, str]) -> Network:
    """The network of a run against ``settings.base_url``: the TLS context built (only when the
    target or the proxy speaks TLS) and the proxy chosen. ConfigError, naming the option or the
    variable, for whatever cannot be used."""
    options = settings.network
    target = httpx.URL(settings.base_url)
    proxy = choose_proxy(target, options, environ)
    tls = target.scheme == "https"
    needs_tls = tls or (proxy is not None and proxy.url.scheme == "https")
    # Nothing on the way speaks TLS: a context that trusts no one, so it can never be misused.
    context = (
        tls_context(options, environ) if needs_tls else ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    )
    return Network(
        ssl_context=context,
        tls=tls,
        verified=not (tls and options.insecure),
        client_cert=options.client_cert if tls else None,
        proxy=proxy,
    )


class NetworkTransport(httpx.BaseTransport):
    """``httpx.HTTPTransport`` on the run's TLS context and proxy, never the environment's; a
    transport error that TLS or the proxy explains becomes that one-line failure."""

    def __init__(self, network: Network) -> None:
        self._network = network
        proxy = network.proxy.httpx_proxy(network.ssl_context) if network.proxy else None
        self._inner = httpx.HTTPTransport(verify=network.ssl_context, proxy=proxy, trust_env=False)
        # Whether the target ever answered through this transport: after that, a connection it
        # closes is no refusal of this client's certificate.
        self._answered = False

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        handshake = _Handshake(request.extensions.get("trace"))
        request.extensions["trace"] = handshake
        try:
            response = self._inner.handle_request(request)
            self._answered = True
            return response
        except httpx.TransportError as exc:
            failure = self._explain(exc, request.url, handshake.done)
            if failure is None:
                raise
            raise failure from None
        finally:
            request.extensions["trace"] = handshake.previous
            if handshake.previous is None:
                del request.extensions["trace"]

    def _explain(
        self, error: httpx.TransportError, url: httpx.URL, fresh_handshake: bool
    ) -> TargetError | None:
        where = host_port(url.host, url.port or (443 if url.scheme == "https" else 80))
        client_cert = self._network.client_cert
        failure: TargetError | None = tls_failure(error, where, client_cert)
        if (
            failure is None
            and fresh_handshake
            and not self._answered
            and isinstance(error, _CLOSED)
        ):
            # A kept-alive connection closed while idle is the recording's to retry; a fresh
            # one closed before the target ever answered is the target refusing this client.
            failure = closed_after_handshake(where, client_cert)
        if failure is None and self._network.proxy is not None:
            failure = proxy_failure(error, where, self._network.proxy)
        return failure

    def close(self) -> None:
        self._inner.close()


# What a connection closed before any answer reads as.
_CLOSED = (httpx.RemoteProtocolError, httpx.ReadError)


class _Handshake:
    """httpcore's trace hook for one request: notes whether it opened a TLS connection of its
    own (the target's, or a tunnel's through the proxy), and passes every event on."""

    def __init__(self, previous: Callable[[str, dict[str, Any]], Any] | None) -> None:
        self.previous = previous
        self.done = False

    def __call__(self, event: str, info: dict[str, Any]) -> None:
        if event.endswith("start_tls.complete"):
            self.done = True
        if self.previous is not None:
            self.previous(event, info)
