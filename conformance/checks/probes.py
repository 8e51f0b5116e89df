"""What a recorded request was for, read from the request alone: the names the suite gives to
things that do not exist on purpose, the API path of a URL, and how a request carried a key.

Whatever judges recorded traffic (a suite test over the run's exchanges, or the passive audit
of a log or a HAR file) reads requests through these, so both treat a request alike.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from urllib.parse import parse_qs, urlsplit

from conformance.http import Exchange

UNKNOWN_ID = str(uuid.UUID("00000000-0000-4000-8000-00000000dead"))
# a project identifier no project has (Plane's: up to 12 letters and digits), in
# ``{project_identifier}-{issue_identifier}`` paths
UNKNOWN_IDENTIFIER = "ZZUNKNOWN"
FOREIGN_WORKSPACE = "no-such-workspace-4f1c"
UNDEFINED_SEGMENT = "/no-such-endpoint/"
API_PREFIX = "/api/v1/"
KEY_HEADER = "X-API-Key"
KEY_PARAMETER = "api_key"


def names_unknown(url: str) -> bool:
    """The URL names, on purpose, something that does not exist: an unknown id, another
    workspace or a path the API does not define. What it gets back says nothing about how the
    target treats the key's own data."""
    return names_unknown_id(url) or any(
        marker in url for marker in (FOREIGN_WORKSPACE, UNDEFINED_SEGMENT)
    )


def names_unknown_id(url: str) -> bool:
    """The URL names, on purpose, an id that does not exist (HTTP-05's probe): the unknown id,
    or the unknown project identifier of a ``{project_identifier}-{issue_identifier}`` path."""
    return UNKNOWN_ID in url or f"/{UNKNOWN_IDENTIFIER}-" in url


def is_undefined_path(url: str) -> bool:
    """The URL is the path the API does not define (HTTP-10): not an endpoint of the API."""
    return UNDEFINED_SEGMENT in url


def reads_one_item(exchange: Exchange) -> bool:
    """A GET whose path ends in an id (a UUID): the read of one item."""
    if exchange.method != "GET":
        return False
    last = urlsplit(exchange.url).path.rstrip("/").rsplit("/", 1)[-1]
    try:
        uuid.UUID(last)
    except ValueError:
        return False
    return True


def api_path(url: str) -> str | None:
    """The path below ``/api/v1/`` (``workspaces/x/projects/``), None outside the API."""
    path = urlsplit(url).path
    if API_PREFIX not in path:
        return None
    return path.split(API_PREFIX, 1)[1]


def query_of(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query, keep_blank_values=True)


def key_in_header(exchange: Exchange, spelled: str = KEY_HEADER) -> str | None:
    """The value of the key header spelled exactly ``spelled`` (the recorded spelling), or None."""
    return next((v for k, v in exchange.request_headers if k == spelled), None)


def carries_other_credentials(exchange: Exchange) -> bool:
    """The request carried something that may be a key elsewhere than in X-API-Key: an
    Authorization header or the ``api_key`` query parameter."""
    if exchange.request_header("Authorization") is not None:
        return True
    return bool(query_of(exchange.url).get(KEY_PARAMETER))


def lies_below(url: str, paths: Iterable[str]) -> bool:
    """The URL's API path is one of ``paths`` or lies below one (an absent endpoint's)."""
    path = url.split("?")[0].split(API_PREFIX, 1)[-1]
    return any(path.startswith(p) for p in paths)
