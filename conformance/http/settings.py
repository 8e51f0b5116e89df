"""What the HTTP layer needs to know about a target, and the API keys read from the environment."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

import httpx

from conformance.errors import ConfigError

API_PATH = "/api/v1"
MIB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class NetworkOptions:
    """How the target is reached: the CAs to trust, the client certificate to present, the proxy
    to go through. Holds file paths and a variable's NAME, never a key or a passphrase; the proxy
    URL may carry the proxy's credentials, so ``repr`` leaves it out."""

    ca_bundle: Path | None = None
    client_cert: Path | None = None
    client_key: Path | None = None
    client_key_passphrase_env: str = "PLANE_CLIENT_KEY_PASSPHRASE"
    insecure: bool = False
    proxy: str | None = field(default=None, repr=False)
    trust_env: bool = False
    allow_cleartext_proxy: bool = False

    def __post_init__(self) -> None:
        if self.client_key is not None and self.client_cert is None:
            raise ConfigError("--client-key needs --client-cert: the certificate it belongs to")
        if self.insecure and self.ca_bundle is not None:
            raise ConfigError(
                "--insecure and --ca-bundle contradict each other: --ca-bundle verifies the "
                "target with the CAs it names, --insecure does not verify it at all"
            )
        if not self.client_key_passphrase_env:
            raise ConfigError("--client-key-passphrase-env must name a variable")


@dataclass(frozen=True, slots=True)
class ClientSettings:
    """Target and limits of the HTTP layer. Holds the NAMES of the key variables, never keys."""

    base_url: str
    api_key_env: str = "PLANE_API_KEY"
    second_api_key_env: str = "PLANE_API_KEY_2"
    # further keys of the same user: the variables that hold them
    more_api_key_envs: tuple[str, ...] = ()
    timeout: float = 10.0
    max_body_bytes: int = 10 * MIB
    max_wait_s: float = 180.0
    rate_window_s: float = 60.0
    max_retries_on_429: int = 3
    network: NetworkOptions = NetworkOptions()

    def __post_init__(self) -> None:
        base_url = self.base_url.rstrip("/")
        try:
            url = httpx.URL(base_url)
        except httpx.InvalidURL as exc:
            raise ConfigError(f"base URL {self.base_url!r} is not a URL: {exc}") from None
        if url.userinfo:  # first: the messages below show the URL
            raise ConfigError("base URL must not carry credentials; keys come from the environment")
        if url.scheme not in ("http", "https") or not url.host:
            raise ConfigError(f"base URL {self.base_url!r} must be an http or https URL")
        if not url.path.endswith(API_PATH) or url.query or url.fragment:
            raise ConfigError(f"base URL {self.base_url!r} must end with {API_PATH}")
        object.__setattr__(self, "base_url", base_url)
        for name in ("timeout", "max_wait_s", "rate_window_s"):
            if not getattr(self, name) > 0:
                raise ConfigError(f"{name} must be positive, not {getattr(self, name)!r}")
        if self.max_body_bytes < 1:
            raise ConfigError(f"max_body_bytes must be positive, not {self.max_body_bytes!r}")
        if self.max_retries_on_429 < 0:
            raise ConfigError(f"max_retries_on_429 must be >= 0, not {self.max_retries_on_429!r}")

    @property
    def origin(self) -> tuple[str, str, int]:
        """(scheme, host, port) of the target: the only place the key may be sent."""
        return origin_of(httpx.URL(self.base_url))


def origin_of(url: httpx.URL) -> tuple[str, str, int]:
    default_port = 443 if url.scheme == "https" else 80
    return (url.scheme, url.host.lower(), url.port or default_port)


def host_port(host: str, port: int) -> str:
    """``host:port``, with an IPv6 literal in brackets: ``[::1]:8000``."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


@dataclass(frozen=True, slots=True)
class Keys:
    """The API keys of a run. ``repr`` never shows them; placeholders name their variables."""

    primary: str = field(repr=False)
    secondary: str | None = field(default=None, repr=False)
    primary_env: str = "PLANE_API_KEY"
    secondary_env: str = "PLANE_API_KEY_2"
    # the third key on: (variable, key), in the order given
    more: tuple[tuple[str, str], ...] = field(default=(), repr=False)

    @property
    def has_secondary(self) -> bool:
        return self.secondary is not None

    def all(self) -> tuple[str, ...]:
        """Every key, the first one first."""
        second = (self.secondary,) if self.secondary is not None else ()
        return (self.primary, *second, *(key for _, key in self.more))

    def first(self, count: int) -> Keys:
        """The first ``count`` keys (at least the first one)."""
        return Keys(
            primary=self.primary,
            secondary=self.secondary if count >= 2 else None,
            primary_env=self.primary_env,
            secondary_env=self.secondary_env,
            more=self.more[: max(count - 2, 0)],
        )

    def secrets(self) -> Mapping[str, str]:
        """Placeholder (``$VARIABLE``) to secret, for redaction at recording time, in the keys'
        order."""
        secrets = {f"${self.primary_env}": self.primary}
        if self.secondary is not None:
            secrets[f"${self.secondary_env}"] = self.secondary
        for variable, key in self.more:
            secrets[f"${variable}"] = key
        return MappingProxyType(secrets)


def resolve_keys(settings: ClientSettings, environ: Mapping[str, str]) -> Keys:
    """Read the keys from ``environ``; the primary is required, the second one optional."""
    primary = environ.get(settings.api_key_env, "").strip()
    if not primary:
        raise ConfigError(
            f"environment variable {settings.api_key_env} is not set or empty: "
            "it must hold the API key of the target"
        )
    secondary = environ.get(settings.second_api_key_env, "").strip() or None
    if secondary == primary:
        raise ConfigError(
            f"{settings.second_api_key_env} holds the same key as {settings.api_key_env}: "
            "the second key must be a different key"
        )
    more: list[tuple[str, str]] = []
    for variable in settings.more_api_key_envs:
        key = environ.get(variable, "").strip()
        if not key:
            raise ConfigError(
                f"environment variable {variable} (--more-api-key-envs) is not set or empty"
            )
        if key in (primary, secondary, *(k for _, k in more)):
            raise ConfigError(f"{variable} holds a key another key variable holds already")
        more.append((variable, key))
    if more and secondary is None:
        raise ConfigError(
            f"--more-api-key-envs needs the second key first: {settings.second_api_key_env} "
            "is not set"
        )
    return Keys(
        primary=primary,
        secondary=secondary,
        primary_env=settings.api_key_env,
        secondary_env=settings.second_api_key_env,
        more=tuple(more),
    )
