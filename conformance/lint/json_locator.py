"""Where pointers start in JSON text: one targeted walk for all the pointers a run asks about.

``json`` keeps no positions, so the text is walked again, only when findings need positions,
and only along the members that lead to them: every other value is stepped over by the C
scanner of the ``json`` module, which parses it without Python code per token. Stepping over
costs at most one more parse of the document (about a quarter of a second for GitHub's 13 MB
description); a pure-Python tokenizer took two seconds a megabyte. The walk stops as soon as
every pointer is found.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from json import decoder, scanner
from typing import Any, cast

from conformance.lint.locations import Position, split

_WHITESPACE = re.compile(r"[ \t\n\r]*")
#: The C string scanner of ``json`` (not in its type stubs): (text, index after the quote) ->
#: (the string, the index after its closing quote).
_scan_string = cast(Callable[[str, int], tuple[str, int]], decoder.scanstring)  # type: ignore[attr-defined]

# A trie of pointer tokens: each token leads to the trie of the tokens below it.
_Trie = dict[str, "_Trie"]


class _Found(Exception):
    """Raised to leave the walk once every wanted node has been seen."""


class JsonLocator:
    """Positions of pointers in one JSON text."""

    def __init__(self, text: str) -> None:
        self._text = text

    def positions(self, pointers: Collection[str]) -> dict[str, Position]:
        wanted = {pointer: split(pointer) for pointer in pointers}
        offsets = _Walk(self._text, wanted.values()).offsets()
        lines = _LineIndex(self._text, sorted(set(offsets.values())))
        located: dict[str, Position] = {}
        for pointer, tokens in wanted.items():
            end = len(tokens)
            while tokens[:end] not in offsets:
                end -= 1  # absent: the deepest ancestor that exists (the root always does)
            located[pointer] = lines.position(offsets[tokens[:end]])
        return located


class _Walk:
    """Finds the text offsets of the members and items that lead to the wanted nodes."""

    def __init__(self, text: str, wanted: Collection[tuple[str, ...]]) -> None:
        self._text = text
        # the stubs type make_scanner's argument wrongly; it takes the decoder whose options it uses
        self._scan = cast(
            Callable[[str, int], tuple[Any, int]],
            scanner.make_scanner(json.JSONDecoder()),  # type: ignore[arg-type]
        )
        self._trie: _Trie = {}
        for tokens in wanted:
            node = self._trie
            for token in tokens:
                node = node.setdefault(token, {})
        self._left = _count(self._trie)
        self._offsets: dict[tuple[str, ...], int] = {}

    def offsets(self) -> dict[tuple[str, ...], int]:
        start = self._skip_space(0)
        self._offsets[()] = start
        if self._left and start < len(self._text):
            try:
                self._value(start, self._trie, ())
            except _Found:
                pass
            except (ValueError, StopIteration, IndexError):
                pass  # the text was parsed once already; whatever was found so far stands
        return self._offsets

    def _skip_space(self, index: int) -> int:
        match = _WHITESPACE.match(self._text, index)
        return match.end() if match else index

    def _value(self, index: int, trie: _Trie, prefix: tuple[str, ...]) -> int:
        """Walk the value starting at ``index``; return the offset just past it."""
        opener = self._text[index]
        if trie and opener == "{":
            return self._object(index, trie, prefix)
        if trie and opener == "[":
            return self._array(index, trie, prefix)
        end: int = self._scan(self._text, index)[1]
        return end

    def _object(self, index: int, trie: _Trie, prefix: tuple[str, ...]) -> int:
        text = self._text
        index = self._skip_space(index + 1)
        if text[index] == "}":
            return index + 1
        while True:
            key_start = index
            key, index = _scan_string(text, index + 1)
            index = self._skip_space(self._skip_space(index) + 1)  # past the ':'
            index = self._member(key_start, index, trie.get(key), (*prefix, key))
            index = self._skip_space(index)
            if text[index] == "}":
                return index + 1
            index = self._skip_space(index + 1)  # past the ','

    def _array(self, index: int, trie: _Trie, prefix: tuple[str, ...]) -> int:
        text = self._text
        index = self._skip_space(index + 1)
        if text[index] == "]":
            return index + 1
        position = 0
        while True:
            token = str(position)
            index = self._member(index, index, trie.get(token), (*prefix, token))
            index = self._skip_space(index)
            if text[index] == "]":
                return index + 1
            index = self._skip_space(index + 1)
            position += 1

    def _member(self, start: int, value: int, trie: _Trie | None, tokens: tuple[str, ...]) -> int:
        if trie is None:
            end: int = self._scan(self._text, value)[1]
            return end
        if tokens not in self._offsets:
            self._offsets[tokens] = start
            self._left -= 1
            if not self._left:
                raise _Found
        return self._value(value, trie, tokens)


def _count(trie: _Trie) -> int:
    return sum(1 + _count(child) for child in trie.values())


class _LineIndex:
    """Turns ascending offsets into positions, counting newlines once across the text."""

    def __init__(self, text: str, offsets: list[int]) -> None:
        self._positions: dict[int, Position] = {}
        line, previous = 1, 0
        for offset in offsets:
            line += text.count("\n", previous, offset)
            column = offset - (text.rfind("\n", 0, offset) + 1) + 1
            self._positions[offset] = Position(line, column)
            previous = offset

    def position(self, offset: int) -> Position:
        return self._positions[offset]
