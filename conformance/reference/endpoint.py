"""The model of the route table: an endpoint (a path, its handler, the resource kind it
serves) and its operations (method, success status, what it answers, the body it reads)."""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from functools import partial
from typing import Any, Literal

from starlette.requests import Request
from starlette.responses import Response

from conformance.reference import resources

Handler = Callable[[Request], Coroutine[Any, Any, Response]]
# How an operation's records travel: ``page`` (the envelope), ``array`` (a bare list), ``one``
# (a record) in answers; ``create`` or ``update`` (the kind's writable fields) in request bodies.
Shape = Literal["page", "array", "one", "create", "update"]
ANSWER_SHAPES: tuple[Shape, ...] = ("page", "array", "one")
BODY_SHAPES: tuple[Shape, ...] = ("create", "update")


@dataclass(frozen=True, slots=True)
class Records:
    """A body of ``kind`` records in a ``shape``."""

    shape: Shape
    kind: str


@dataclass(frozen=True, slots=True)
class Schema:
    """A body of a schema of its own (``Ticket``), by its name in the description."""

    name: str


Body = Records | Schema


@dataclass(frozen=True, slots=True)
class Operation:
    """One method of an endpoint: what it answers on success, and the body it reads, as the
    route table writes them (``answered`` and ``reads`` give them as ``Body`` values).

    ``answer``: ``page``, ``array`` or ``one`` (of the endpoint's kind, or of the kind named
    after a colon: ``array:issue``), ``none`` (no body), or the name of a schema of its own.
    ``body``: ``create`` or ``update`` (the kind's writable fields), or a schema's name.
    """

    method: str
    status: int
    answer: str
    summary: str
    body: str | None = None

    def __post_init__(self) -> None:
        for written, shapes in ((self.answer, (*ANSWER_SHAPES, "none")), (self.body, BODY_SHAPES)):
            shape = (written or "").partition(":")[0]
            if shape.islower() and shape not in shapes:
                raise ValueError(f"{self.summary}: {written!r} is no shape of {shapes}")

    def answered(self, kind: str | None) -> Body | None:
        """The success answer of an endpoint serving ``kind``; None for no body."""
        return None if self.answer == "none" else _read(self.answer, kind)

    def reads(self, kind: str | None) -> Body | None:
        """The request body of an endpoint serving ``kind``; None when it reads none."""
        return None if self.body is None else _read(self.body, kind)


def _read(written: str, kind: str | None) -> Body:
    name, _, of = written.partition(":")
    shape = next((s for s in (*ANSWER_SHAPES, *BODY_SHAPES) if s == name), None)
    if shape is None:
        return Schema(written)
    records = of or kind
    assert records is not None, f"{written} of no kind"
    return Records(shape, records)


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
