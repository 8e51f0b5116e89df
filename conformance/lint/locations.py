"""JSON pointers (RFC 6901) and finding a pointer's line in the YAML the document came from."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

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


@dataclass(frozen=True, slots=True)
class YamlLocator:
    """Lines (1-based) of pointers, read from the composed node tree on demand.

    Walking the nodes per finding is cheaper than indexing every node of a large document up
    front; a pointer to something absent gets the line of its deepest existing ancestor.
    """

    root: yaml.Node

    def line_of(self, pointer: str) -> int | None:
        node = self.root
        line = node.start_mark.line + 1
        for token in split(pointer):
            child = _child(node, token)
            if child is None:
                break
            key_line, node = child
            line = key_line
        return line


def _child(node: yaml.Node, token: str) -> tuple[int, yaml.Node] | None:
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode) and key.value == token:
                return key.start_mark.line + 1, value
        return None
    if isinstance(node, yaml.SequenceNode) and token.isdigit() and int(token) < len(node.value):
        item = node.value[int(token)]
        return item.start_mark.line + 1, item
    return None


@dataclass(frozen=True, slots=True)
class NoLocator:
    """For JSON documents: lines are not tracked (``json`` keeps no positions)."""

    def line_of(self, pointer: str) -> int | None:
        return None


Locator = YamlLocator | NoLocator
