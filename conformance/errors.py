"""The one error tree of plane-conformance.

    ConformanceError
    ├── HarnessError            the tool could not do its job (exit 2 from the CLI)
    │   ├── ConfigError         bad flag, missing key variable, unreadable config or report dir
    │   ├── TargetUnreachable   the target did not answer at start (a TlsFailure or
    │   │                       ProxyFailure at start becomes one, with the same line)
    │   ├── SpecError           a document the linter cannot read or that is not OpenAPI
    │   └── UnknownRequirement  a requirement ID the catalogue does not have (a check, a marker,
    │                           a judge, a lint rule, a fault or a command names it)
    └── TargetError             one exchange with the target went wrong (timeout, broken body,
        │                       wait budget spent): the requirement under test is ``error``
        ├── TlsFailure          the TLS handshake failed: unknown CA, name mismatch, expired,
        │                       client certificate required or refused, not TLS at all
        └── ProxyFailure        the proxy was unreachable, wanted credentials or refused the
                                tunnel

A TlsFailure or ProxyFailure is one line that names the cause and the option that fixes it.

Violations of a requirement are not errors of the tool: they are ``conformance.checks.Violation``
(an ``AssertionError``) raised inside suite tests.
"""

from __future__ import annotations

from pathlib import Path


class ConformanceError(Exception):
    """Base of every error plane-conformance raises on purpose."""


class HarnessError(ConformanceError):
    """The tool cannot run as asked; the CLI prints one line and exits 2."""


class ConfigError(HarnessError):
    """A setting is missing, malformed or contradictory."""


def require_readable(option: str, path: Path) -> None:
    """ConfigError naming ``option`` and ``path`` unless the file opens for reading: the files
    of ``run`` (``--ca-bundle``, ``--client-cert``) and of ``serve`` (``--tls-cert``) alike."""
    try:
        with path.open("rb"):
            pass
    except OSError as exc:
        raise ConfigError(f"{option} {path}: cannot read it: {exc.strerror or exc}") from None


class TargetUnreachable(HarnessError):
    """The target did not answer when the run started."""


class SpecError(HarnessError):
    """An input document cannot be read or is not OpenAPI."""


class UnknownRequirement(HarnessError):
    """A requirement ID that ``specs/requirements.yaml`` does not list; the message names the
    closest one it does."""


class TargetError(ConformanceError):
    """An exchange with the target failed in a way that decides nothing about a requirement."""


class TlsFailure(TargetError):
    """The TLS handshake with the target failed; the message names the cause and the fix."""


class ProxyFailure(TargetError):
    """The proxy could not carry the request; the message names the cause and the fix."""
