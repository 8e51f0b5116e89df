"""Recorded traffic read for judging: each exchange with what its request and answer say.

A ``Call`` wraps one recorded exchange: its API path and query, how it carried a key and what
that key was, the answer as an ``httpx.Response`` (so the suite's own checks read it) and its
JSON body, parsed once. ``Traffic`` holds the calls in the order they were made.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from conformance.checks.bodies import parse_json
from conformance.checks.probes import (
    api_path,
    carries_other_credentials,
    key_in_header,
    query_of,
)
from conformance.evidence import KeyRoles
from conformance.http import Exchange
from conformance.surface import COLLECTIONS, MEMBERS, Collection

_UNPARSED = object()
KEPT_PARSED = 4096  # characters: bodies up to this size stay parsed


class Call:
    """One recorded exchange, read for judging."""

    __slots__ = ("_body", "exchange", "path", "query")

    def __init__(self, exchange: Exchange, path: str) -> None:
        self.exchange = exchange
        self.path = path
        self.query = query_of(exchange.url)
        self._body: Any = _UNPARSED

    @property
    def method(self) -> str:
        return self.exchange.method

    @property
    def status(self) -> int | None:
        return self.exchange.status

    @property
    def key(self) -> str | None:
        """The X-API-Key value, whatever the header's case; None without one."""
        return self.exchange.request_header("X-API-Key")

    @property
    def whole(self) -> bool:
        """The record holds the whole answer: not cut at the evidence limit, no error."""
        return not self.exchange.truncated and self.exchange.error is None

    @property
    def keyless(self) -> bool:
        """No key at all: no (or an empty) X-API-Key, no Authorization, no api_key."""
        return not self.key and not carries_other_credentials(self.exchange)

    @property
    def response(self) -> httpx.Response:
        """The answer as the suite's checks read it (only for a call with a status). Made
        anew each time: kept, a large traffic's bodies would be held twice."""
        assert self.exchange.status is not None
        return httpx.Response(
            self.exchange.status,
            headers=list(self.exchange.response_headers),
            content=self.exchange.response_body.encode("utf-8"),
        )

    @property
    def body(self) -> Any:
        """The answer's JSON value (None when it is not JSON or was cut); parsed once where the
        body is small, else each time it is asked for (parsed, a page of 100 work items takes
        several times its text's memory)."""
        if self._body is not _UNPARSED:
            return self._body
        complete = self.exchange.status is not None and not self.exchange.truncated
        value = parse_json(self.response)[1] if complete else None
        if len(self.exchange.response_body) <= KEPT_PARSED:
            self._body = value
        return value

    def param(self, name: str) -> str | None:
        values = self.query.get(name)
        return values[-1] if values else None

    def spelled_key(self) -> str | None:
        return key_in_header(self.exchange)


def _template_pattern(template: str) -> tuple[str, ...]:
    return tuple(template.strip("/").split("/"))


def _matches(pattern: tuple[str, ...], path: str) -> bool:
    parts = tuple(path.strip("/").split("/"))
    if len(parts) != len(pattern):
        return False
    return all(p.startswith("{") or p == part for p, part in zip(pattern, parts, strict=True))


_LISTS = tuple((_template_pattern(c.path), c) for c in COLLECTIONS)
_MEMBERS = _template_pattern(MEMBERS)
_DETAILS = tuple((_template_pattern(c.detail), c) for c in COLLECTIONS if c.detail)


def list_of(path: str) -> Collection | None:
    """The collection whose list endpoint ``path`` is, or None."""
    return next((c for pattern, c in _LISTS if _matches(pattern, path)), None)


def lists_members(path: str) -> bool:
    """``path`` is a project's members endpoint (a list, though of no collection the suite
    writes to)."""
    return _matches(_MEMBERS, path)


def detail_of(path: str) -> Collection | None:
    """The collection whose single-resource endpoint ``path`` is, or None."""
    return next((c for pattern, c in _DETAILS if _matches(pattern, path)), None)


@dataclass(frozen=True, slots=True)
class Traffic:
    """The calls to the API, in the order they were made, and what is known of the keys."""

    calls: tuple[Call, ...]
    roles: KeyRoles
    parameters: Mapping[str, int]
    ignored: int = 0  # exchanges outside the API (``/api/v1/``), not judged

    @classmethod
    def of(
        cls, exchanges: Iterable[Exchange], roles: KeyRoles, parameters: Mapping[str, int]
    ) -> Traffic:
        calls, ignored = [], 0
        for exchange in exchanges:
            path = api_path(exchange.url)
            if path is None or exchange.resent:
                ignored += path is None
                continue
            calls.append(Call(exchange, path))
        calls.sort(key=lambda c: (c.exchange.started_at, c.exchange.seq))
        return cls(tuple(calls), roles, parameters, ignored)

    @property
    def exchanges(self) -> list[Exchange]:
        return [c.exchange for c in self.calls]

    def answered(self) -> Iterator[Call]:
        return (c for c in self.calls if c.status is not None)

    def valid(self, call: Call) -> bool:
        return call.key is not None and call.key in self.roles.valid

    def invalid(self, call: Call) -> bool:
        """A key was sent in X-API-Key that is none of the valid ones (known roles only)."""
        return self.roles.known and bool(call.key) and call.key not in self.roles.valid
