"""JSON pointers (RFC 6901) and finding a pointer's line in the YAML the document came from."""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

import yaml

#: JSON documents up to this size get line numbers (a pure-Python token pass, about 0.5 s a
#: megabyte, paid only when there are findings); larger ones get none.
JSON_LINES_MAX_BYTES = 2_000_000
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


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
    """For documents too large to index: no lines."""

    def line_of(self, pointer: str) -> int | None:
        return None


class JsonLocator:
    """Lines of a JSON document's members, indexed by one token pass on the first question.

    ``json`` keeps no positions, so the text is tokenized again, only when a finding needs a
    line; a pointer to something absent gets the line of its deepest existing ancestor.
    """

    def __init__(self, text: str) -> None:
        self._text = text

    def line_of(self, pointer: str) -> int | None:
        tokens = split(pointer)
        for end in range(len(tokens), -1, -1):
            line = self._lines.get(from_tokens(tokens[:end]))
            if line is not None:
                return line
        return None

    @cached_property
    def _lines(self) -> dict[str, int]:
        text = self._text
        newlines = [match.start() for match in re.finditer("\n", text)]
        lines: dict[str, int] = {"#": 1}
        # frames: [pointer, is_object, expecting_key, pending_key_or_index]
        stack: list[list[object]] = []

        def record(pointer: str, position: int) -> None:
            lines.setdefault(pointer, bisect.bisect_left(newlines, position) + 1)

        def value_pointer(position: int) -> str:
            if not stack:
                return "#"
            frame = stack[-1]
            pointer = join(str(frame[0]), str(frame[3]))
            if not frame[1]:
                record(pointer, position)
            return pointer

        for match in _JSON_TOKEN.finditer(text):
            token, position = match.group(), match.start()
            frame = stack[-1] if stack else None
            if frame is not None and frame[1] and frame[2] and token.startswith('"'):
                frame[3], frame[2] = json.loads(token), False
                record(join(str(frame[0]), str(frame[3])), position)
            elif token in ("{", "["):
                stack.append([value_pointer(position), token == "{", token == "{", 0])
            elif token in ("}", "]"):
                if stack:
                    stack.pop()
            elif token == ",":
                if frame is not None and frame[1]:
                    frame[2] = True
                elif frame is not None:
                    frame[3] = int(str(frame[3])) + 1
            elif token != ":":
                value_pointer(position)
        return lines


Locator = YamlLocator | JsonLocator | NoLocator
