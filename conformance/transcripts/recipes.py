"""A recipe: one request of the corpus, written as a path template filled from what the run made.

A template names the values it needs in braces: ``{slug}`` (the workspace), ``{run}`` (the run's
token) and every value an earlier recipe ``captures`` from its answer (``{project}``,
``{state}``, ...). Bodies are JSON values whose strings are templates too. A value the run does
not have (its creation failed) is filled with ``UNKNOWN_ID``, so the request is still sent and its
answer still recorded.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

UNKNOWN_ID = "00000000-0000-4000-8000-000000000000"
NOT_JSON = "{not json"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")

# reads a value from a JSON answer, knowing the run's values so far; None when it has none
Reader = Callable[[Any, Mapping[str, str]], str | None]


def field_of(*path: str | int) -> Reader:
    """A reader of ``answer[path[0]][path[1]]...``, as text."""

    def read(answer: Any, values: Mapping[str, str] | None = None) -> str | None:
        value = answer
        for step in path:
            if isinstance(step, int) and isinstance(value, list) and len(value) > step:
                value = value[step]
                continue
            if not (isinstance(step, str) and isinstance(value, dict) and step in value):
                return None
            value = value[step]
        return None if value is None or isinstance(value, dict | list) else str(value)

    return read


@dataclass(frozen=True, slots=True)
class Recipe:
    """One request: its name in the transcript, method, path template, query and body."""

    name: str
    method: str
    path: str
    # list, detail, create, update, delete or action: which invalid variants the request gets
    role: str
    query: tuple[tuple[str, str], ...] = ()
    body: Any = None
    raw_body: str | None = None  # sent as is, labelled application/json: a body that is not JSON
    # name -> reader: values this answer gives the recipes after it
    captures: Mapping[str, Reader] = field(default_factory=dict)
    # the path that deletes what this request creates (its id captured as ``{created}``)
    undo: str | None = None

    def placeholders(self) -> tuple[str, ...]:
        return tuple(_PLACEHOLDER.findall(self.path))


def fill(template: str, values: Mapping[str, str]) -> str:
    """``template`` with each ``{name}`` replaced by its value (``UNKNOWN_ID`` if none)."""
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), UNKNOWN_ID), template)


def fill_body(body: Any, values: Mapping[str, str]) -> Any:
    """``body`` with every string in it filled as a template."""
    if isinstance(body, str):
        return fill(body, values)
    if isinstance(body, list):
        return [fill_body(each, values) for each in body]
    if isinstance(body, dict):
        return {key: fill_body(value, values) for key, value in body.items()}
    return body
