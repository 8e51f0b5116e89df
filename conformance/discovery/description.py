"""A description of the API as the run reads it: the document, where it came from, and its GET
operations and its writes (POST, PATCH, DELETE) with paths relative to the API base.

Descriptions put the base in one of two places: in every path (Plane's own, and the bundled
one: ``/api/v1/workspaces/...`` with ``servers: [{url: /}]``) or in ``servers``
(``url: https://host/api/v1`` with ``/workspaces/...``). Either way a path counts once the
server's path and its own are joined; a GET that does not lie under the base is kept, with the
reason it is not exercised.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from conformance.discovery.operations import Operation, read_operation
from conformance.discovery.twins import declaration, first_twins
from conformance.errors import SpecError
from conformance.lint.context import LintContext
from conformance.lint.loading import load_document, parse_document
from conformance.lint.metaschema import openapi_minor_version
from conformance.lint.refs import Resolver

API_BASE = "/api/v1"
WRITES = ("post", "patch", "delete")
BUNDLED = "specs/plane.openapi.yaml"
# A fetched description has no folder: its references to files lead nowhere.
NO_FOLDER = Path("/nonexistent/plane-conformance/fetched-description")


@dataclass(frozen=True, slots=True)
class Outside:
    """A declared GET that does not lie under the API base."""

    label: str
    reason: str


@dataclass(frozen=True, slots=True)
class Description:
    """The document (``data``, for schema validation), its ``source`` in words, its GET
    operations under the API base (``operations``) and elsewhere (``outside``), and its writes
    under the API base (``writes``: POSTs by path, then PATCHes, then actions on an item, then
    DELETEs deepest first, so that what a POST makes is there for the PATCH and the DELETE
    after it)."""

    source: str
    data: dict[str, Any]
    operations: tuple[Operation, ...]
    outside: tuple[Outside, ...] = ()
    sha256: str | None = None  # of the text read, for the run's manifest
    writes: tuple[Operation, ...] = ()

    @property
    def declared(self) -> int:
        """How many GET operations the description declares."""
        return len(self.operations) + len(self.outside)

    def operation(self, label: str) -> Operation | None:
        return next((op for op in self.operations if op.label == label), None)

    def write(self, label: str) -> Operation | None:
        return next((op for op in self.writes if op.label == label), None)


def parse(
    raw: bytes, source: str, *, name: str = "description.yaml", folder: Path = NO_FOLDER
) -> Description:
    """The description in ``raw`` (JSON or YAML text); ``SpecError`` when it is not OpenAPI
    3.0 or 3.1. References to files resolve in ``folder`` (a fetched one has none)."""
    document = parse_document(folder / name, raw)
    return _described(document.data, source, folder, hashlib.sha256(raw).hexdigest())


def load(path: Path) -> Description:
    """The description in the file ``path``."""
    document = load_document(path)  # the file is readable once this returns
    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    return _described(document.data, str(path), path.parent, digest)


def bundled() -> Description:
    """The project's own description of the Plane API (``specs/plane.openapi.yaml``)."""
    with resources.as_file(resources.files("conformance") / BUNDLED) as path:
        found = load(path)
    return replace(found, source=f"the bundled {BUNDLED}")


def _described(data: Any, source: str, folder: Path, sha256: str) -> Description:
    try:
        openapi_minor_version(data)
    except SpecError as exc:
        raise SpecError(f"{source}: not OpenAPI: {exc}") from None
    context = LintContext(data, Resolver(data, folder))
    base = _server_path(data)
    operations: list[Operation] = []
    outside: list[Outside] = []
    declarations: dict[str, str] = {}
    writes: list[Operation] = []
    for declared in context.operations:
        full = base + declared.path
        if declared.method in WRITES and full.startswith(API_BASE + "/"):
            relative = full.removeprefix(API_BASE + "/")
            write = read_operation(context, declared, relative)
            writes.append(write)
            declarations[write.label] = declaration(relative, declared.node, declared.path_item)
            continue
        if declared.method != "get":
            continue
        if full.startswith(API_BASE + "/"):
            relative = full.removeprefix(API_BASE + "/")
            operation = read_operation(context, declared, relative)
            operations.append(operation)
            declarations[operation.label] = declaration(relative, declared.node, declared.path_item)
        else:
            reason = f"{full} does not lie under the API base {API_BASE}/"
            outside.append(Outside(f"GET {full}", reason))
    operations.sort(key=lambda op: op.path)
    twins = first_twins((op.label, declarations[op.label]) for op in operations)
    operations = [replace(op, twin_of=twins.get(op.label)) for op in operations]
    writes.sort(key=_write_order)
    twins = first_twins((op.label, declarations[op.label]) for op in writes)
    writes = [replace(op, twin_of=twins.get(op.label)) for op in writes]
    return Description(source, data, tuple(operations), tuple(outside), sha256, tuple(writes))


def _write_order(operation: Operation) -> tuple[int, int, str]:
    """POSTs by path (a collection before what lies below it), then PATCHes, then the actions
    on an item (an archive leaves its item unchangeable), then DELETEs of the deepest paths
    first (what lies below an item before the item)."""
    rank = WRITES.index(operation.method.lower()) * 2
    if operation.method == "POST" and operation.is_action:
        rank = 3
    depth = operation.path.count("/")
    return (rank, -depth if operation.method == "DELETE" else 0, operation.path)


def _server_path(data: dict[str, Any]) -> str:
    """The path of the first server's URL, without its trailing ``/`` (``""`` for ``/``)."""
    servers = data.get("servers")
    if not isinstance(servers, list) or not servers or not isinstance(servers[0], dict):
        return ""
    url = str(servers[0].get("url", "/"))
    return urlsplit(url).path.rstrip("/")
