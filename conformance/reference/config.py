"""The settings of one reference server: what it serves, how it limits and which faults it has."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from conformance.errors import ConfigError
from conformance.reference.faults import check_fault_names
from conformance.reference.variations import check_variation_names


@dataclass(frozen=True, slots=True)
class ServerConfig:
    """Everything a reference server needs; the defaults are the documented Plane values."""

    host: str = "127.0.0.1"
    port: int = 8000
    workspace: str = "plane-conformance"
    api_keys: tuple[str, ...] = field(default=(), repr=False)  # never in a log line
    # more keys of the first key's user (one user, several keys, each with its own rate window)
    shared_keys: tuple[str, ...] = field(default=(), repr=False)
    issues: int = 120
    rate_limit: int = 60
    rate_window: int = 60
    per_page_default: int = 100
    per_page_max: int = 100
    faults: frozenset[str] = field(default_factory=frozenset)
    variations: frozenset[str] = field(default_factory=frozenset)
    # labels, a module, a cycle, comments and links in the seeded project (besides its issues)
    seed_extras: bool = True
    # HTTPS: the server's certificate (PEM, its key inside unless ``tls_key``); with
    # ``tls_client_ca``, a client certificate issued by one of those CAs is required (mTLS)
    tls_cert: Path | None = None
    tls_key: Path | None = None
    tls_client_ca: Path | None = None

    def __post_init__(self) -> None:
        # "[::1]", as a URL writes it, is the address ::1
        object.__setattr__(self, "host", self.host.removeprefix("[").removesuffix("]"))
        if self.rate_window < 1:
            raise ConfigError("rate window must be a whole number of seconds, at least 1")
        if self.rate_limit < 1:
            raise ConfigError("rate limit must be at least 1")
        if self.issues < 0:
            raise ConfigError("the number of seeded issues cannot be negative")
        if not 1 <= self.per_page_default <= self.per_page_max:
            raise ConfigError("per_page default must lie between 1 and the per_page maximum")
        if not 0 <= self.port <= 65535:
            raise ConfigError(f"port {self.port} is not a TCP port")
        if not self.workspace:
            raise ConfigError("the workspace slug cannot be empty")
        check_fault_names(self.faults)
        check_variation_names(self.variations)
        keys = (*self.api_keys, *self.shared_keys)
        if len(set(keys)) != len(keys) or "" in keys:
            raise ConfigError("API keys must be distinct and non-empty")
        if self.shared_keys and not self.api_keys:
            raise ConfigError("shared keys belong to the first key's user: give a key first")
        if self.tls_cert is None and (self.tls_key is not None or self.tls_client_ca is not None):
            raise ConfigError("--tls-key and --tls-client-ca need --tls-cert")

    @property
    def scheme(self) -> str:
        return "https" if self.tls_cert is not None else "http"

    def has(self, fault: str) -> bool:
        """Whether the seeded fault `fault` is switched on."""
        return fault in self.faults

    def varies(self, variation: str) -> bool:
        """Whether the variation `variation` is switched on."""
        return variation in self.variations
