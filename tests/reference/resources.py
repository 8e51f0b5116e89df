"""Creatable resources of the reference server: where each lives and a valid body for it."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from tests.reference.endpoints import ISSUE, PROJECT, WORKSPACE


def _unique() -> str:
    """A short suffix that makes names and identifiers unique (identifiers: A-Z0-9, <= 12)."""
    return uuid.uuid4().hex[:10].upper()


@dataclass(frozen=True, slots=True)
class Creatable:
    kind: str
    collection: str
    body: Callable[[], dict[str, Any]]
    changed_field: str  # a field a PATCH changes, with a valid new value
    new_value: Any


CREATABLE: tuple[Creatable, ...] = (
    Creatable(
        "project",
        f"{WORKSPACE}/projects/",
        lambda: {"name": f"Project {(n := _unique())}", "identifier": n},
        "description",
        "changed",
    ),
    Creatable(
        "state",
        f"{PROJECT}/states/",
        lambda: {"name": f"State {_unique()}", "color": "#123456"},
        "color",
        "#654321",
    ),
    Creatable(
        "label", f"{PROJECT}/labels/", lambda: {"name": f"Label {_unique()}"}, "color", "#ABCDEF"
    ),
    Creatable(
        "issue",
        f"{PROJECT}/issues/",
        lambda: {"name": f"Issue {_unique()}", "priority": "high"},
        "name",
        "renamed",
    ),
    Creatable(
        "work-item",
        f"{PROJECT}/work-items/",
        lambda: {"name": f"Item {_unique()}"},
        "priority",
        "low",
    ),
    Creatable(
        "comment",
        f"{ISSUE}/comments/",
        lambda: {"comment_html": "<p>hi</p>"},
        "comment_html",
        "<p>edited</p>",
    ),
    Creatable(
        "link",
        f"{ISSUE}/links/",
        lambda: {"url": f"https://example.com/{_unique()}", "title": "t"},
        "title",
        "new",
    ),
    Creatable(
        "module", f"{PROJECT}/modules/", lambda: {"name": f"Module {_unique()}"}, "status", "paused"
    ),
    Creatable(
        "cycle",
        f"{PROJECT}/cycles/",
        lambda: {"name": f"Cycle {_unique()}"},
        "description",
        "changed",
    ),
)


def creatable_id(creatable: Creatable) -> str:
    return creatable.kind
