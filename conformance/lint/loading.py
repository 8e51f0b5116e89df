"""Reading a document from disk: JSON with ``json``, YAML through a bounded compose pass.

JSON goes to the ``json`` module (a YAML loader is slow on it and breaks on surrogate-pair
escapes). YAML is composed first so that lines can be found later and so that alias expansion
can be measured before anything is built: a document whose aliases would expand to far more
nodes than it holds (a "billion laughs") is refused instead of exhausting memory.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import SpecError
from conformance.lint.json_locator import JsonLocator
from conformance.lint.locations import EmptyLocator, Locator, YamlLocator

#: Aliases may make a document expand to this many times its distinct nodes, plus the floor.
MAX_EXPANSION_RATIO = 10
EXPANSION_FLOOR = 100_000

#: Where an anchor (``&name``) can start: at a line's start, after blanks or a flow indicator.
#: Text without one has no aliases, so the alias count can be skipped; an ``&`` inside a
#: sentence ("R&D", "a & b") only costs the count, never skips it wrongly.
_ANCHOR = re.compile(rb"(?:^|[\s,\[{])&[^\s]", re.MULTILINE)

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_Loader):  # type: ignore[valid-type,misc]
    """Safe composing, with each plain scalar's implicit tag resolved once per distinct text:
    the tag depends only on the text, and descriptions repeat the same words (``string``,
    ``object``, ``type``...)."""

    def __init__(self, stream: bytes) -> None:
        super().__init__(stream)
        self._plain_tags: dict[str, str] = {}

    def resolve(self, kind: type[yaml.Node], value: Any, implicit: Any) -> Any:
        if kind is yaml.ScalarNode and implicit and implicit[0] and isinstance(value, str):
            tag = self._plain_tags.get(value)
            if tag is None:
                tag = self._plain_tags[value] = super().resolve(kind, value, implicit)
            return tag
        return super().resolve(kind, value, implicit)


_STRING_TAGS = frozenset({"tag:yaml.org,2002:str", "tag:yaml.org,2002:timestamp"})
_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct(loader: _SpecLoader, node: yaml.Node, built: dict[int, Any]) -> Any:
    """JSON-shaped data from a composed node: string keys, dates left as text, ``<<`` merge keys
    honoured, a node reached through several aliases built once. Most scalars of a description
    are strings, taken as they are; only the others go through PyYAML's constructors."""
    key = id(node)
    if key in built:
        return built[key]
    if isinstance(node, yaml.ScalarNode):
        value = node.value if node.tag in _STRING_TAGS else loader.construct_object(node)
        built[key] = value
        return value
    if isinstance(node, yaml.SequenceNode):
        items: list[Any] = []
        built[key] = items
        items.extend(_construct(loader, item, built) for item in node.value)
        return items
    if any(name.tag == _MERGE_TAG for name, _ in node.value):
        loader.flatten_mapping(node)
    mapping: dict[str, Any] = {}
    built[key] = mapping
    for name, value_node in node.value:
        member = (
            name.value
            if isinstance(name, yaml.ScalarNode)
            else str(_construct(loader, name, built))
        )
        mapping[member] = _construct(loader, value_node, built)
    return mapping


@dataclass(frozen=True, slots=True)
class LoadedDocument:
    """A parsed document and how to find where a pointer's node starts in its text."""

    path: Path
    data: Any
    locator: Locator


def load_document(path: Path) -> LoadedDocument:
    """Parse ``path`` as JSON or YAML; any failure is a ``SpecError`` naming the location."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SpecError(f"{path}: cannot read: {exc.strerror or exc}") from None
    return parse_document(path, raw)


def parse_document(path: Path, raw: bytes) -> LoadedDocument:
    """Parse ``raw`` (the text of ``path``, or of a document fetched from where ``path``
    names) as JSON or YAML; any failure is a ``SpecError`` naming the location."""
    if path.suffix.lower() == ".json" or raw.lstrip()[:1] in (b"{", b"["):
        text = _decode(path, raw)
        return LoadedDocument(path, _parse_json(path, text), JsonLocator(text))
    if b"\x00" in raw:
        raise SpecError(f"{path}: a binary file, not YAML or JSON text")
    _decode(path, raw)  # one line for bytes that are no text, before YAML's two-line message
    data, root = _parse_yaml(path, raw)
    locator: Locator = YamlLocator(root) if root is not None else EmptyLocator()
    return LoadedDocument(path, data, locator)


def _decode(path: Path, raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")  # a byte-order mark is dropped, as json.loads(bytes) does
    except UnicodeDecodeError as exc:
        raise SpecError(f"{path}: not valid UTF-8 text: {exc.reason}") from None


def _parse_json(path: Path, text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise SpecError(f"{path}:{exc.lineno}:{exc.colno}: not valid JSON: {exc.msg}") from None
    except RecursionError:
        raise SpecError(f"{path}: nested too deeply to read") from None


def _parse_yaml(path: Path, raw: bytes) -> tuple[Any, yaml.Node | None]:
    try:
        loader = _SpecLoader(raw)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, None
            if _ANCHOR.search(raw):
                _refuse_alias_bombs(path, root)
            return _construct(loader, root, {}), root
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise SpecError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise SpecError(f"{path}: not valid YAML: {first}") from None
    except RecursionError:
        raise SpecError(f"{path}: nested too deeply to read") from None


def _refuse_alias_bombs(path: Path, root: yaml.Node) -> None:
    """Count the nodes the document would expand to, without expanding it.

    Composed aliases share one node object, so the expanded size of each distinct node is
    computed once (post-order, iteratively) and reused; a node reached while it is still being
    measured is a recursive alias.
    """
    sizes: dict[int, int] = {}
    in_progress: set[int] = set()
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, children_done = stack.pop()
        key = id(node)
        if children_done:
            in_progress.discard(key)
            sizes[key] = 1 + sum(sizes[id(child)] for child in _children(node))
            continue
        if key in sizes:
            continue
        if key in in_progress:
            raise SpecError(f"{_where(path, node)}: recursive YAML alias")
        in_progress.add(key)
        stack.append((node, True))
        for child in _children(node):
            child_key = id(child)
            if child_key in in_progress:
                raise SpecError(f"{_where(path, child)}: recursive YAML alias")
            if child_key not in sizes:
                stack.append((child, False))
    expanded, distinct = sizes[id(root)], len(sizes)
    if expanded > EXPANSION_FLOOR + MAX_EXPANSION_RATIO * distinct:
        raise SpecError(
            f"{path}: YAML aliases would expand {distinct} nodes to {expanded}; refusing "
            f"(more than {MAX_EXPANSION_RATIO}x the document plus {EXPANSION_FLOOR})"
        )


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.MappingNode):
        return [item for pair in node.value for item in pair]
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    return []


def _where(path: Path, node: yaml.Node) -> str:
    return f"{path}:{node.start_mark.line + 1}"
