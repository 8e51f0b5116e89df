"""JSON pointers (RFC 6901), and where a pointer's node starts in the YAML it was read from.

A position is the line and column (both 1-based, columns in characters) of the node's key, or
of the node itself for array items and the root. A pointer to something absent gets the
position of its deepest existing ancestor. JSON text has its own locator (``json_locator``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from typing import Protocol

import yaml


def escape(token: str | int) -> str:
    return str(token).replace("~", "~0").replace("/", "~1")


def unescape(token: str) -> str:
    return token.replace("~1", "/").replace("~0", "~")


def join(pointer: str, *tokens: str | int) -> str:
    """``join("#/paths", "/a/")`` -> ``"#/paths/~1a~1"``."""
    return pointer + "".join("/" + escape(token) for token in tokens)


def split(pointer: str) -> tuple[str, ...]:
    """The unescaped tokens of a pointer, with or without its leading ``#``."""
    body = pointer[1:] if pointer.startswith("#") else pointer
    if not body:
        return ()
    if not body.startswith("/"):
        raise ValueError(f"not a JSON pointer: {pointer!r}")
    return tuple(unescape(token) for token in body[1:].split("/"))


def from_tokens(tokens: Iterable[str | int]) -> str:
    return join("#", *tokens)


@dataclass(frozen=True, slots=True, order=True)
class Position:
    line: int
    column: int


class Locator(Protocol):
    """Finds where pointers start in the text a document was read from."""

    def positions(self, pointers: Collection[str]) -> dict[str, Position]:
        """The position of each pointer (of its deepest existing ancestor when absent)."""
        ...


@dataclass(frozen=True, slots=True)
class YamlLocator:
    """Positions read from the composed node tree, one walk per pointer.

    Walking the nodes per pointer is cheaper than indexing every node of a large document up
    front; YAML documents are small next to the JSON ones that need a batch walk.
    """

    root: yaml.Node

    def positions(self, pointers: Collection[str]) -> dict[str, Position]:
        return {pointer: self.position_of(pointer) for pointer in pointers}

    def position_of(self, pointer: str) -> Position:
        node = self.root
        position = _start(node)
        for token in split(pointer):
            child = _child(node, token)
            if child is None:
                break
            position, node = child
        return position


def _start(node: yaml.Node) -> Position:
    return Position(node.start_mark.line + 1, node.start_mark.column + 1)


def _child(node: yaml.Node, token: str) -> tuple[Position, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == token:
                return _start(key), value
        return None
    if isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        item = node.value[int(token)]
        return _start(item), item
    return None


@dataclass(frozen=True, slots=True)
class EmptyLocator:
    """For an empty document: nothing has a position."""

    def positions(self, pointers: Collection[str]) -> dict[str, Position]:
        return {}
