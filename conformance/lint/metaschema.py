"""Is it OpenAPI? The version check, and every structural error against the official meta-schemas.

The meta-schemas are vendored in ``schemas/`` (the published 2019-04-02 3.0 and 2022-10-07 3.1
schemas) and compiled with ``jsonschema_rs``, which checks GitHub's 13 MB description in about a
second where pure-Python ``jsonschema`` takes ten. Nothing is ever fetched: the retriever refuses.

A document without a usable ``openapi`` version is not linted at all (``SpecError``). Anything
else the meta-schema refuses is a ``StructuralError``, reported like any finding, at the deepest
node that fails: a failed ``oneOf`` ("a Response or a Reference") is followed into the
alternative the document evidently meant, so the pointer names the wrong node, not its parent.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from conformance.errors import SpecError
from conformance.lint import locations

SCHEMA_FILES = {"3.0": "openapi-3.0.json", "3.1": "openapi-3.1.json"}
#: Kinds of error that show an alternative of a ``oneOf`` was not the one the author meant.
_DISCRIMINATING_KINDS = frozenset({"Type", "Enum", "Constant"})
_CAMEL_WORD = re.compile(r"[A-Z]?[a-z0-9]+|[A-Z]+(?![a-z])")
#: Helper definitions of the 3.0 meta-schema, named for the object they are part of (or for
#: none, when several objects share them).
_HELPERS = {"ParameterLocation": "Parameter", "SchemaXORContent": "", "ExampleXORExamples": ""}


@dataclass(frozen=True, slots=True)
class StructuralError:
    """One place where the document breaks the OpenAPI meta-schema."""

    pointer: str
    message: str


def openapi_minor_version(data: Any) -> str:
    """``"3.0"`` or ``"3.1"``; anything else is not a document this linter reads."""
    if not isinstance(data, dict):
        raise SpecError("the document is not a mapping, so not an OpenAPI description")
    declared = data.get("openapi")
    if declared is None:
        hint = " (Swagger 2.0 is not supported)" if "swagger" in data else ""
        raise SpecError(f"no 'openapi' field at the top level{hint}")
    version = str(declared)
    for minor in SCHEMA_FILES:
        if version == minor or version.startswith(minor + "."):
            return minor
    raise SpecError(f"'openapi: {version}' is not OpenAPI 3.0 or 3.1")


def _refuse_retrieval(uri: str) -> Any:
    raise ValueError(f"remote schema {uri} is not fetched")


@cache
def _validator(minor: str) -> Any:
    import jsonschema_rs

    text = (resources.files("conformance.lint") / "schemas" / SCHEMA_FILES[minor]).read_text(
        encoding="utf-8"
    )
    return jsonschema_rs.validator_for(json.loads(text), retriever=_refuse_retrieval)


def structural_errors(data: Any, minor: str) -> list[StructuralError]:
    """Every violation of the meta-schema, each at its deepest failing node, in document order
    of discovery; raises ``SpecError`` when the document cannot be checked at all."""
    try:
        top_level = list(_validator(minor).iter_errors(data))
    except (ValueError, TypeError, OverflowError) as exc:
        raise SpecError(f"cannot be checked as OpenAPI {minor}: {exc}") from None
    found: dict[tuple[str, str], StructuralError] = {}
    for error in top_level:
        for leaf in _leaves(error):
            pointer = locations.from_tokens(leaf.instance_path)
            message = _describe(leaf, minor)
            found.setdefault((pointer, message), StructuralError(pointer, message))
    return list(found.values())


def _leaves(error: Any) -> Iterator[Any]:
    """The errors that say what is wrong: a failed ``oneOf``/``anyOf`` is replaced by the
    errors of its most plausible alternative, recursively."""
    alternatives: Sequence[Sequence[Any]] = getattr(error.kind, "context", None) or ()
    meant = [alt for alt in alternatives if alt and not _is_reference_alternative(alt)]
    if not meant:
        yield error
        return
    depth = len(error.instance_path)
    best = min(meant, key=lambda alternative: _implausibility(alternative, depth))
    for sub in best:
        yield from _leaves(sub)


def _is_reference_alternative(alternative: Sequence[Any]) -> bool:
    """The "or a Reference Object" branch: it only ever complains that ``$ref`` is missing."""
    return all(_kind(sub) == "Required" and '"$ref"' in str(sub.message) for sub in alternative)


def _implausibility(alternative: Sequence[Any], depth: int) -> tuple[int, int, int]:
    """Lower is likelier meant: few wrong types or discriminator values at or just below the
    node (an ``in: query`` parameter is not the ``in: path`` alternative), then the deepest
    complaint (the alternative that matched furthest), then the fewest complaints."""
    discriminating = sum(
        1
        for sub in alternative
        if _kind(sub) in _DISCRIMINATING_KINDS and len(sub.instance_path) <= depth + 1
    )
    deepest = max(len(sub.instance_path) for sub in alternative)
    return discriminating, -deepest, len(alternative)


def _kind(error: Any) -> str:
    return type(error.kind).__name__


def _describe(error: Any, minor: str) -> str:
    """``... is a required property (OpenAPI 3.0, Response Object)``."""
    definition = _definition(error.schema_path)
    where = f"OpenAPI {minor}, {definition} Object" if definition else f"OpenAPI {minor}"
    return f"{_shorten(str(error.message))} ({where})"


def _definition(schema_path: Sequence[Any]) -> str | None:
    """The specification's name of the meta-schema definition the error was found in: 3.0's
    ``PathItem`` and 3.1's ``path-item`` are both the "Path Item" Object."""
    tokens = [str(token) for token in schema_path]
    for index in range(len(tokens) - 2, -1, -1):
        if tokens[index] in ("definitions", "$defs"):
            name = tokens[index + 1].removesuffix("-or-reference")
            name = _HELPERS.get(name, name)
            words = name.split("-") if "-" in name else _CAMEL_WORD.findall(name)
            return " ".join(word[:1].upper() + word[1:] for word in words) or None
    return None


def _shorten(message: str, limit: int = 200) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
