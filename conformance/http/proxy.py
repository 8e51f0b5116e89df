"""Which proxy carries the requests to the target, if any.

``--proxy URL``; else, with ``--trust-env``, the environment's ``https_proxy``/``HTTPS_PROXY`` (or
``http_proxy``/``HTTP_PROXY`` for an http target, then ``all_proxy``/``ALL_PROXY``) unless
``no_proxy``/``NO_PROXY`` exempts the target. An https target goes through a CONNECT tunnel: the
proxy relays encrypted bytes and never sees the key. An http target's requests would cross the
proxy in clear text, key included, so that takes ``--allow-cleartext-proxy``.
"""

from __future__ import annotations

import ipaddress
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, field

import httpx

from conformance.errors import ConfigError
from conformance.http.settings import NetworkOptions, host_port

PROXY_SCHEMES = ("http", "https")


@dataclass(frozen=True, slots=True)
class ProxyRoute:
    """The proxy of a run. ``url`` may carry credentials: only ``shown`` goes in any output."""

    url: httpx.URL = field(repr=False)
    source: str  # "--proxy", or the variable it came from
    tunnel: bool  # an https target: CONNECT, the proxy relays encrypted bytes only

    @property
    def shown(self) -> str:
        """The proxy's URL without credentials: ``http://proxy.example:3128``."""
        port = self.url.port
        host = self.url.host
        return f"{self.url.scheme}://{host_port(host, port) if port else host}"

    @property
    def has_credentials(self) -> bool:
        return bool(self.url.username or self.url.password)

    def httpx_proxy(self, ssl_context: ssl.SSLContext) -> httpx.Proxy:
        """The proxy for ``httpx.HTTPTransport``; an https proxy is verified like the target."""
        if self.url.scheme == "https":
            return httpx.Proxy(self.url, ssl_context=ssl_context)
        return httpx.Proxy(self.url)


def choose_proxy(
    target: httpx.URL, options: NetworkOptions, environ: Mapping[str, str]
) -> ProxyRoute | None:
    """The route to ``target``: ``--proxy``, the environment's with ``--trust-env``, or none.
    ConfigError for a proxy URL that cannot be used, and for an http target through a proxy
    unless ``--allow-cleartext-proxy``."""
    if options.proxy:
        source, value = "--proxy", options.proxy
    elif options.trust_env:
        found = _from_environment(target, environ)
        if found is None:
            return None
        source, value = found
    else:
        return None
    route = ProxyRoute(_proxy_url(value, source), source, tunnel=target.scheme == "https")
    if not route.tunnel and not options.allow_cleartext_proxy:
        raise ConfigError(
            f"the proxy {route.shown} (from {source}) would see every request to the http "
            "target, API key included, in clear text: use an https --target, "
            "or accept that with --allow-cleartext-proxy"
        )
    return route


def _from_environment(target: httpx.URL, environ: Mapping[str, str]) -> tuple[str, str] | None:
    if exempt(target, _variable(environ, "no_proxy")[1]):
        return None
    for name in (target.scheme + "_proxy", "all_proxy"):
        variable, value = _variable(environ, name)
        if value:
            return variable, value
    return None


def _variable(environ: Mapping[str, str], name: str) -> tuple[str, str]:
    """The lower-case variable, else the upper-case one (curl's and httpx's order)."""
    for variable in (name, name.upper()):
        value = environ.get(variable, "").strip()
        if value:
            return variable, value
    return name.upper(), ""


def _proxy_url(value: str, source: str) -> httpx.URL:
    # "proxy.example:3128", as proxy variables often read, means http (curl's reading)
    text = value if "://" in value else f"http://{value}"
    try:
        url = httpx.URL(text)
    except httpx.InvalidURL:
        raise ConfigError(f"{source} is not a URL") from None
    if url.scheme not in PROXY_SCHEMES:
        raise ConfigError(
            f"{source}: a {url.scheme} proxy is not supported; give an http:// or https:// proxy"
        )
    if not url.host:
        raise ConfigError(f"{source} names no proxy host")
    return url


def exempt(target: httpx.URL, no_proxy: str) -> bool:
    """Whether ``no_proxy`` (comma-separated hosts, domains, ``host:port``, IPs, CIDR blocks, or
    ``*``) exempts ``target`` from the proxy."""
    host = target.host.lower()
    port = target.port or (443 if target.scheme == "https" else 80)
    for raw in no_proxy.split(","):
        entry = raw.strip().lower()
        if not entry:
            continue
        if entry == "*":
            return True
        entry_host, entry_port = _split_port(entry)
        if entry_port is not None and entry_port != port:
            continue
        if _matches(host, entry_host):
            return True
    return False


def _split_port(entry: str) -> tuple[str, int | None]:
    if entry.startswith("["):  # [::1]:8000 or [::1]
        inside, _, rest = entry[1:].partition("]")
        return inside, int(rest[1:]) if rest.startswith(":") and rest[1:].isdigit() else None
    name, colon, port = entry.rpartition(":")
    if colon and name and ":" not in name and port.isdigit():
        return name, int(port)
    return entry, None


def _matches(host: str, entry: str) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        domain = entry.removeprefix("*").removeprefix(".")
        return host == domain or host.endswith("." + domain)
    try:
        return address in ipaddress.ip_network(entry, strict=False)
    except ValueError:
        return False
