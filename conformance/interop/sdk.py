"""The adapter to Plane's official Python SDK (``plane-sdk``): finding it, making a client
that talks to the proxy, and telling why a call failed. Its API may move between releases, so
its uses stay here and in ``scenario`` (the calls); both import it only when a run starts.
"""

from __future__ import annotations

from importlib import metadata
from typing import Any

from conformance.errors import ConfigError
from conformance.interop.results import PARSE, STATUS, TRANSPORT

SDK_DISTRIBUTION = "plane-sdk"
SDK_RANGE = ">=0.3,<0.4"  # the releases the interop calls are tested with
_LOWEST, _BELOW = (0, 3), (0, 4)
# what the SDK is given as its key: the proxy puts the real one on each request it forwards
PLACEHOLDER_KEY = "plane-conformance-interop"
EXTRA_HINT = "install it with: pip install 'plane-conformance[interop]'"


def sdk_version() -> str | None:
    """The installed SDK's version, or None when it is not installed."""
    try:
        return metadata.version(SDK_DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return None


def _release(version: str) -> tuple[int, ...]:
    parts = []
    for part in version.split(".")[:2]:
        digits = "".join(ch for ch in part if ch.isdigit())
        parts.append(int(digits or 0))
    return tuple(parts)


def require_sdk() -> str:
    """The SDK's version; ConfigError (one line) when it is missing or outside the range."""
    version = sdk_version()
    if version is None:
        raise ConfigError(f"--interop needs Plane's Python SDK ({SDK_DISTRIBUTION}); {EXTRA_HINT}")
    if not _LOWEST <= _release(version) < _BELOW:
        raise ConfigError(
            f"--interop is tested with {SDK_DISTRIBUTION} {SDK_RANGE}, not {version}; {EXTRA_HINT}"
        )
    return version


def make_client(base_url: str) -> Any:
    """A ``PlaneClient`` for ``base_url`` (the proxy's origin; the SDK adds ``/api/v1``)."""
    from plane import PlaneClient

    client = PlaneClient(base_url=base_url, api_key=PLACEHOLDER_KEY)
    # the HTTP layer has its own deadlines and waits for the rate limit; the SDK must not give
    # up first, nor retry on its own (each retry would be a request the budget did not plan)
    client.config.timeout = None
    client.config.retry = None
    _no_environment_proxies(client)
    return client


def _sessions(client: Any) -> list[Any]:
    """Each resource of the SDK keeps a ``requests`` session of its own: all of them."""
    seen: set[int] = set()
    found: list[Any] = []
    pending = [client]
    while pending:
        node = pending.pop()
        if id(node) in seen or not hasattr(node, "__dict__"):
            continue
        seen.add(id(node))
        session = getattr(node, "session", None)
        if session is not None and hasattr(session, "trust_env"):
            found.append(session)
        pending.extend(value for value in vars(node).values() if hasattr(value, "__dict__"))
    return found


def _no_environment_proxies(client: Any) -> None:
    """No session may take an ``HTTP_PROXY`` from the environment and carry a call away from
    the loopback proxy."""
    for session in _sessions(client):
        session.trust_env = False


def close_client(client: Any) -> None:
    """Close the connections the SDK's sessions keep open to the proxy."""
    for session in _sessions(client):
        session.close()


def classify(error: BaseException) -> tuple[str, str]:
    """(problem, message) for an exception an SDK call raised."""
    from plane.errors.errors import HttpError
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        details = error.errors()
        first: dict[str, Any] = dict(details[0]) if details else {}
        where = ".".join(str(part) for part in first.get("loc", ()))
        detail = f"{where}: {first.get('msg', error)}" if where else str(first.get("msg", error))
        got = first.get("input")
        shown = repr(got)[:80] if got is not None else "null"
        count = len(details)
        more = f" (and {count - 1} more)" if count > 1 else ""
        return PARSE, f"{error.title} cannot read the answer: {detail}, got {shown}{more}"
    if isinstance(error, HttpError):
        return STATUS, f"the SDK does not accept HTTP {error.status_code}: {str(error)[:200]}"
    return TRANSPORT, f"{type(error).__name__}: {str(error)[:200]}"
