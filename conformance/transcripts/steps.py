"""The building blocks of the corpus: path prefixes, readers of what an answer gives the
requests after it, and recipes by method (``resource`` makes the usual four of one resource).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.transcripts.recipes import Reader, Recipe, field_of

W = "/workspaces/{slug}"
P = W + "/projects/{project}"
ID = field_of("id")
# the path that deletes what a creation made: its collection and the id it answered
CREATED = "{}{{created}}/"


def other_member(answer: Any, values: Mapping[str, str]) -> str | None:
    """The id of a workspace member who is not the key's user (``{me}``)."""
    members = answer if isinstance(answer, list) else []
    others = [
        m.get("id") for m in members if isinstance(m, dict) and m.get("id") != values.get("me")
    ]
    return str(others[0]) if others else None


def attachment_id(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("attachment", "id")(answer, values) or ID(answer, values)


def asset_id(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("asset_id")(answer, values) or ID(answer, values)


def intake_issue(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("issue")(answer, values) or field_of("issue_detail", "id")(answer, values)


def get(name: str, path: str, role: str = "detail", **captures: Reader) -> Recipe:
    return Recipe(name, "GET", path, role, captures=captures)


def post(name: str, path: str, body: Any, undo: str | None = None, **captures: Reader) -> Recipe:
    return Recipe(name, "POST", path, "create", body=body, captures=captures, undo=undo)


def patch(name: str, path: str, body: Any) -> Recipe:
    return Recipe(name, "PATCH", path, "update", body=body)


def delete(name: str, path: str) -> Recipe:
    return Recipe(name, "DELETE", path, "delete")


def resource(
    name: str,
    collection: str,
    key: str,
    create: Any,
    change: Any,
    reader: Reader = ID,
    **captures: Reader,
) -> Iterator[Recipe]:
    """List, create (capturing ``key`` with ``reader``), retrieve and change one resource of
    ``collection``."""
    detail = f"{collection}{{{key}}}/"
    yield get(f"{name}.list", collection, "list")
    yield post(
        f"{name}.create",
        collection,
        create,
        undo=CREATED.format(collection),
        **{key: reader, **captures},
    )
    yield get(f"{name}.retrieve", detail)
    yield patch(f"{name}.update", detail, change)
