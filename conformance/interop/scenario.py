"""The calls an interop run makes with the SDK, as a table: for each resource of Plane's public
v1 API that the SDK exposes, list (and page), create, retrieve, update and delete, on a scratch
project of its own that the run deletes at the end. A read-only run makes the reads only, on a
project it is given.

A call is the SDK method's dotted name and its arguments; an argument may stand for what an
earlier call gave (``the("item")``: that work item's id), so each call knows what it needs and
is not run when that failed. SDK models are named as ``"module.Class"`` of ``plane.models`` and
made only when the call runs. Not called: the SDK's resources for Plane's commercial editions
(initiatives, teamspaces, customers, pages, work item types, ...) and its methods whose paths the
public v1 API does not have (``projects.list_lite``, ``get_features``, ``users.upload_asset``).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Got = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Arg:
    """An argument of a call: how it reads in the report, and its value once earlier calls ran."""

    text: str
    value: Callable[[Got], Any]
    needs: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Call:
    """One SDK call: ``client.<method>(<args>)``, what it needs and what it gives."""

    name: str
    method: str
    args: tuple[Arg, ...]
    gives: str | None = None
    writes: bool = True

    @property
    def needs(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(need for arg in self.args for need in arg.needs))

    @property
    def code(self) -> str:
        return f"client.{self.method}({', '.join(arg.text for arg in self.args)})"

    def arguments(self, got: Got) -> list[Any]:
        """The arguments, from what earlier calls gave (raises if an answer lacks a part)."""
        return [arg.value(got) for arg in self.args]

    def invoke(self, client: Any, arguments: list[Any]) -> Any:
        target = client
        for part in self.method.split("."):
            target = getattr(target, part)
        return target(*arguments)


def const(value: Any, text: str | None = None) -> Arg:
    return Arg(text or repr(value), lambda got: value)


def the(name: str, attribute: str = "id", text: str | None = None) -> Arg:
    """An attribute (the id unless said) of what the call that gave ``name`` answered."""
    return Arg(text or f"{name}_{attribute}", lambda got: getattr(got[name], attribute), (name,))


def _resolved(value: Any, got: Got) -> Any:
    if isinstance(value, Arg):
        return value.value(got)
    if isinstance(value, list):
        return [_resolved(item, got) for item in value]
    return value


def _needed(value: Any) -> tuple[str, ...]:
    if isinstance(value, Arg):
        return value.needs
    if isinstance(value, list):
        return tuple(need for item in value for need in _needed(item))
    return ()


def model(dotted: str, **fields: Any) -> Arg:
    """An SDK model (``"labels.CreateLabel"``); a field is a constant, an ``Arg`` or a list."""
    module, _, cls = dotted.rpartition(".")
    needs = tuple(need for value in fields.values() for need in _needed(value))

    def make(got: Got) -> Any:
        made = getattr(importlib.import_module(f"plane.models.{module}"), cls)
        return made(**{name: _resolved(value, got) for name, value in fields.items()})

    return Arg(f"{cls}(...)", make, needs)


def call(method: str, *args: Arg, gives: str | None = None, name: str = "") -> Call:
    """A call that writes; its name is the method's unless a second call of it needs one."""
    return Call(name or method, method, args, gives)


def read(method: str, *args: Arg, gives: str | None = None, name: str = "") -> Call:
    return Call(name or method, method, args, gives, writes=False)


@dataclass(slots=True)
class Place:
    """Where the calls go: the workspace, the run's prefix, and (read-only) the project."""

    slug: str
    prefix: str
    project_id: str | None = None
    got: Got = field(default_factory=dict)
