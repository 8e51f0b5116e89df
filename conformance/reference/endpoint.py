"""The model of the route table: an endpoint (a path, its handler, the resource kind it
serves) and its operations (method, success status, what it answers, the body it reads)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import resources

Handler = Callable[[Request], Coroutine[Any, Any, Response]]


@dataclass(frozen=True, slots=True)
class Operation:
    """One method of an endpoint: what it answers on success, and the body it reads.

    ``answer``: ``page`` (the envelope of ``kind``), ``array`` (a bare list of ``kind``),
    ``one`` (a ``kind`` record), ``none`` (no body), or the name of a schema of its own.
    ``body``: ``create`` or ``update`` (``kind``'s writable fields), or a schema's name.
    """

    method: str
    status: int
    answer: str
    summary: str
    body: str | None = None


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str  # under /api/v1
    handler: Handler
    kind: str | None
    tag: str
    operations: tuple[Operation, ...]
    # a variation under which the endpoint does not exist (an older release)
    absent_with: str | None = None
    # lint rules the real server's path breaks on purpose (an action segment, a DELETE on an
    # action): the description keeps Plane's path and silences them there
    lint_ignore: tuple[str, ...] = ()


def read(answer: str, summary: str) -> Operation:
    return Operation("GET", 200, answer, summary)


def resource(
    base: str, segment: str, kind: str, tag: str, noun: str, pk: str = "pk", plain: bool = False
) -> tuple[Endpoint, Endpoint]:
    """A collection and its items: list and create, then show, change and delete."""
    listed = "array" if plain else "page"
    return (
        Endpoint(
            f"{base}/{segment}/",
            partial(resources.collection, kind=kind, plain=plain),
            kind,
            tag,
            (
                read(listed, f"List the {noun}s"),
                Operation("POST", 201, "one", f"Create a {noun}", "create"),
            ),
        ),
        Endpoint(
            f"{base}/{segment}/{{{pk}}}/",
            partial(resources.item, kind=kind, pk=pk),
            kind,
            tag,
            (
                read("one", f"Get a {noun}"),
                Operation("PATCH", 200, "one", f"Change a {noun}", "update"),
                Operation("DELETE", 204, "none", f"Delete a {noun}"),
            ),
        ),
    )
