"""Following ``$ref``: inside the document and to local files beside it, nothing else.

A remote reference (any URL scheme) is never fetched, and a relative path that leaves the
document's folder is refused: both come back as a ``RefProblem`` that the linter reports as a
finding. Chains of references are followed with a seen-set, so cycles end. Documents are never
dereferenced as a whole: each lookup walks to one target.

A pointer into another file starts with that file's path relative to the document's folder
(``parts/errors.yaml#/Error``); a reference found under such a pointer is resolved against that
file, as the specification says, not against the root document.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import SpecError
from conformance.lint import locations
from conformance.lint.loading import load_document

MAX_CHAIN = 64
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass(frozen=True, slots=True)
class Target:
    """Where a reference led: the node, and a pointer (prefixed by the file when external)."""

    node: Any
    pointer: str
    external: bool


@dataclass(frozen=True, slots=True)
class RefProblem:
    """Why a reference cannot be followed."""

    kind: str  # "remote", "outside", "missing", "cycle"
    reference: str
    message: str


@dataclass(slots=True)
class Resolver:
    """Resolves references of one root document; caches the local files it has read."""

    root: Any
    folder: Path
    _files: dict[Path, Any] = field(default_factory=dict)

    def follow(self, node: Any, pointer: str) -> Target | RefProblem:
        """Follow ``node`` (found at ``pointer``) through any chain of ``$ref`` to the first
        non-reference."""
        seen: set[tuple[Path | None, str]] = set()
        current_file = self._file_of(pointer)
        external = current_file is not None
        for _ in range(MAX_CHAIN):
            reference = _reference_of(node)
            if reference is None:
                return Target(node, pointer, external)
            step = self._locate(reference, current_file)
            if isinstance(step, RefProblem):
                return step
            file, fragment = step
            if (file, fragment) in seen:
                return RefProblem("cycle", reference, f"$ref {reference!r} is part of a cycle")
            seen.add((file, fragment))
            document = self.root if file is None else self._load(file)
            if isinstance(document, RefProblem):
                return document
            found = _walk(document, fragment)
            if found is _ABSENT:
                return RefProblem("missing", reference, f"$ref {reference!r} points at nothing")
            node, current_file = found, file
            external = external or file is not None
            pointer = fragment if file is None else f"{self._name_of(file)}{fragment}"
        return RefProblem("cycle", str(_reference_of(node)), "$ref chain is too long")

    def resolve(self, node: Any, pointer: str) -> tuple[Any, str]:
        """Like ``follow`` but a problem resolves to ``(None, pointer)``."""
        target = self.follow(node, pointer)
        if isinstance(target, RefProblem):
            return None, pointer
        return target.node, target.pointer

    def _file_of(self, pointer: str) -> Path | None:
        """The file a pointer leads into: ``None`` for the root document (``#/...``)."""
        file_part = pointer.partition("#")[0]
        return (self.folder / file_part).resolve() if file_part else None

    def _name_of(self, file: Path) -> str:
        return file.relative_to(self.folder.resolve()).as_posix()

    def _locate(self, reference: str, base: Path | None) -> tuple[Path | None, str] | RefProblem:
        file_part, _, fragment = reference.partition("#")
        fragment = "#" + fragment
        if _SCHEME.match(file_part) or file_part.startswith("//"):
            return RefProblem(
                "remote", reference, f"$ref {reference!r} is remote; it is not fetched"
            )
        if not file_part:
            return base, fragment
        if file_part.startswith("/") or file_part.startswith("\\"):
            return RefProblem(
                "outside",
                reference,
                f"$ref {reference!r} is an absolute path; only files beside the document are read",
            )
        folder = (base.parent if base is not None else self.folder).resolve()
        candidate = (folder / file_part).resolve()
        if not candidate.is_relative_to(self.folder.resolve()):
            return RefProblem(
                "outside", reference, f"$ref {reference!r} leaves the document's folder; not read"
            )
        return candidate, fragment

    def _load(self, file: Path) -> Any:
        if file not in self._files:
            try:
                self._files[file] = load_document(file).data
            except SpecError as exc:
                return RefProblem("missing", file.name, f"referenced file unreadable: {exc}")
        return self._files[file]


_ABSENT = object()


def _reference_of(node: Any) -> str | None:
    if isinstance(node, dict):
        reference = node.get("$ref")
        if isinstance(reference, str):
            return reference
    return None


def _walk(document: Any, fragment: str) -> Any:
    try:
        tokens = locations.split(fragment)
    except ValueError:
        return _ABSENT
    node = document
    for token in tokens:
        if isinstance(node, dict) and token in node:
            node = node[token]
        elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
            node = node[int(token)]
        else:
            return _ABSENT
    return node
