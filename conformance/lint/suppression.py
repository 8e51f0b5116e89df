"""Suppressing findings: ``x-plane-conformance-ignore`` on a node, or an ignore file.

An inline list on a node silences those rules for the node and everything below it. An ignore
file is a YAML list of ``{rule, path?}``; ``path`` is a JSON pointer prefix (``#/paths/...``)
and, when absent, the rule is silenced everywhere. ``--strict`` disregards both and counts what
it disregarded.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import ConfigError
from conformance.lint import locations
from conformance.lint.findings import Finding

IGNORE_KEY = "x-plane-conformance-ignore"


@dataclass(frozen=True, slots=True)
class IgnoreEntry:
    rule: str
    path: str | None = None

    def covers(self, finding: Finding) -> bool:
        if finding.rule != self.rule:
            return False
        if self.path is None:
            return True
        prefix = self.path.rstrip("/")
        return finding.pointer == prefix or finding.pointer.startswith(prefix + "/")


@dataclass(frozen=True, slots=True)
class Suppressions:
    """Decides, finding by finding, whether the document or the ignore file silences it."""

    data: Any
    entries: tuple[IgnoreEntry, ...]

    def covers(self, finding: Finding) -> bool:
        if any(entry.covers(finding) for entry in self.entries):
            return True
        return finding.rule in self._inline_rules(finding.pointer)

    def _inline_rules(self, pointer: str) -> set[str]:
        """Rules named by the ignore lists on the pointer's node and all its ancestors."""
        rules: set[str] = set()
        node = self.data
        try:
            tokens = locations.split(pointer)
        except ValueError:
            return rules
        for token in (None, *tokens):
            if token is not None:
                if isinstance(node, dict) and token in node:
                    node = node[token]
                elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                    node = node[int(token)]
                else:
                    break
            if isinstance(node, dict):
                listed = node.get(IGNORE_KEY)
                if isinstance(listed, list):
                    rules.update(str(rule) for rule in listed)
        return rules


def load_ignore_file(path: Path, known_rules: frozenset[str]) -> tuple[IgnoreEntry, ...]:
    """Read an ignore file; a malformed one or an unknown rule is a ``ConfigError``."""
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"ignore file {path}: cannot read: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        raise ConfigError(f"ignore file {path}: not valid YAML: {exc}") from None
    if raw is None:
        return ()
    if not isinstance(raw, list):
        raise ConfigError(f"ignore file {path}: expected a list of {{rule, path?}}")
    entries: list[IgnoreEntry] = []
    for index, item in enumerate(raw):
        if (
            not isinstance(item, dict)
            or not isinstance(item.get("rule"), str)
            or not set(item) <= {"rule", "path"}
        ):
            raise ConfigError(f"ignore file {path}: entry {index} is not {{rule, path?}}")
        if item["rule"] not in known_rules:
            raise ConfigError(
                f"ignore file {path}: entry {index} names unknown rule {item['rule']!r}"
            )
        where = item.get("path")
        if where is not None and (not isinstance(where, str) or not where.startswith("#")):
            raise ConfigError(
                f"ignore file {path}: entry {index}: path must be a JSON pointer starting with '#'"
            )
        entries.append(IgnoreEntry(item["rule"], where))
    return tuple(entries)
