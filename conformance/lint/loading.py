"""Reading a document from disk: JSON with ``json``, YAML through a bounded compose pass.

JSON goes to the ``json`` module (a YAML loader is slow on it and breaks on surrogate-pair
escapes). YAML is composed first so that lines can be found later and so that alias expansion
can be measured before anything is built: a document whose aliases would expand to far more
nodes than it holds (a "billion laughs") is refused instead of exhausting memory.
"""

from __future__ import annotations

import json
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

_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _SpecLoader(_Loader):  # type: ignore[valid-type,misc]
    """Safe loading with JSON-shaped results: string keys, dates left as strings."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[str, Any]:
        self.flatten_mapping(node)  # honour `<<` merge keys as SafeLoader does
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = (
                key_node.value
                if isinstance(key_node, yaml.ScalarNode)
                else str(self.construct_object(key_node, deep=True))
            )
            mapping[key] = self.construct_object(value_node, deep=deep)
        return mapping


def _construct_plain_string(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    return loader.construct_scalar(node)  # type: ignore[arg-type]


def _construct_map(loader: _SpecLoader, node: yaml.MappingNode) -> Any:
    return loader.construct_mapping(node, deep=True)


_SpecLoader.add_constructor("tag:yaml.org,2002:timestamp", _construct_plain_string)
_SpecLoader.add_constructor("tag:yaml.org,2002:map", _construct_map)


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
    if path.suffix.lower() == ".json" or raw.lstrip()[:1] in (b"{", b"["):
        text = _decode(path, raw)
        return LoadedDocument(path, _parse_json(path, text), JsonLocator(text))
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
            _refuse_alias_bombs(path, root)
            return loader.construct_document(root), root
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"{path}:{mark.line + 1}:{mark.column + 1}" if mark else str(path)
        raise SpecError(f"{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise SpecError(f"{path}: not valid YAML: {exc}") from None
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
