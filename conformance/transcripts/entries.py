"""One exchange of a transcript, normalised: what was asked and the shape of what came back,
with every id and value left out (only names, types and statuses remain).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Any

from conformance.transcripts.recipes import Recipe

NOT_JSON_BODY = "not JSON"


@dataclass(frozen=True, slots=True)
class Entry:
    """A request (name, method, path template, query, body shape) and its answer's shape.

    ``kind`` is ``object``, ``page`` (an object whose ``results`` is a list), ``list``,
    ``empty`` or ``text`` (not JSON); ``fields`` the object's keys (a page's envelope, an error
    body's), ``items`` every key of the items of a page or list, ``error`` each key of an error
    body with the shape of its value.
    """

    name: str
    method: str
    path: str
    query: tuple[tuple[str, str], ...]
    body: str | None
    status: int
    kind: str
    fields: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    error: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "method": self.method, "path": self.path}
        if self.query:
            data["query"] = dict(self.query)
        if self.body is not None:
            data["body"] = self.body
        data["status"] = self.status
        data["kind"] = self.kind
        for name in ("fields", "items"):
            if getattr(self, name):
                data[name] = list(getattr(self, name))
        if self.error:
            data["error"] = dict(self.error)
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Entry:
        return cls(
            name=data["name"],
            method=data["method"],
            path=data["path"],
            query=tuple(data.get("query", {}).items()),
            body=data.get("body"),
            status=data["status"],
            kind=data["kind"],
            fields=tuple(data.get("fields", ())),
            items=tuple(data.get("items", ())),
            error=tuple(data.get("error", {}).items()),
        )


def body_shape(recipe: Recipe) -> str | None:
    """What the request carried: ``object: a, b`` (its keys), ``not JSON``, or None."""
    if recipe.raw_body is not None:
        return NOT_JSON_BODY
    if recipe.body is None:
        return None
    if isinstance(recipe.body, dict):
        return "object: " + ", ".join(sorted(recipe.body))
    return value_shape(recipe.body)


def value_shape(value: Any) -> str:
    """A JSON value's type, a list's with its items' (``list[str]``)."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "str"
    if isinstance(value, list):
        inner = sorted({value_shape(each) for each in value})
        return f"list[{'|'.join(inner)}]" if inner else "list"
    return "object"


def entry(recipe: Recipe, status: int, content: bytes) -> Entry:
    """The normalised exchange of ``recipe`` that was answered ``status`` with ``content``."""
    asked = Entry(
        recipe.name, recipe.method, recipe.path, recipe.query, body_shape(recipe), status, "empty"
    )
    if not content.strip():
        return asked
    try:
        answer = json.loads(content)
    except ValueError:
        return replace(asked, kind="text")
    if isinstance(answer, list):
        return replace(asked, kind="list", items=_keys_of_items(answer))
    if not isinstance(answer, dict):
        return replace(asked, kind=value_shape(answer))
    fields = tuple(sorted(answer))
    if isinstance(answer.get("results"), list):
        return replace(asked, kind="page", fields=fields, items=_keys_of_items(answer["results"]))
    error = tuple((key, value_shape(answer[key])) for key in fields) if status >= 400 else ()
    return replace(asked, kind="object", fields=fields, error=error)


def _keys_of_items(items: list[Any]) -> tuple[str, ...]:
    return tuple(sorted({key for each in items if isinstance(each, dict) for key in each}))
