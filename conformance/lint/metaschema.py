"""Is it OpenAPI? Validation against the official OpenAPI 3.0 / 3.1 meta-schemas.

The meta-schemas are vendored in ``schemas/`` (the published 2019-04-02 3.0 and 2022-10-07 3.1
schemas) and compiled with ``jsonschema_rs``, which checks GitHub's 13 MB description in about a
second where pure-Python ``jsonschema`` takes ten. Nothing is ever fetched: the retriever refuses.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from conformance.errors import SpecError
from conformance.lint import locations
from conformance.lint.loading import LoadedDocument

SCHEMA_FILES = {"3.0": "openapi-3.0.json", "3.1": "openapi-3.1.json"}


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


def validate_openapi(document: LoadedDocument) -> str:
    """Raise ``SpecError`` with the location of the first violation; return the minor version."""
    try:
        minor = openapi_minor_version(document.data)
    except SpecError as exc:
        raise SpecError(f"{document.path}: not OpenAPI: {exc}") from None
    try:
        error = next(iter(_validator(minor).iter_errors(document.data)), None)
    except (ValueError, TypeError, OverflowError) as exc:
        raise SpecError(f"{document.path}: cannot be checked as OpenAPI: {exc}") from None
    if error is None:
        return minor
    pointer = locations.from_tokens(error.instance_path)
    line = document.locator.line_of(pointer)
    where = f"{document.path}:{line}" if line is not None else str(document.path)
    raise SpecError(f"{where}: not valid OpenAPI {minor} at {pointer}: {_shorten(_explain(error))}")


def _explain(error: Any) -> str:
    """The most telling message: for a failed ``oneOf``/``anyOf``, the first alternative's own
    complaint, leaving out the "it is not a $ref either" alternatives."""
    alternatives = getattr(error.kind, "context", None)
    if not alternatives:
        return str(error.message)
    for alternative in alternatives:
        messages = [str(sub.message) for sub in alternative]
        if messages and not any('"$ref" is a required property' in m for m in messages):
            return messages[0]
    return str(error.message)


def _shorten(message: str, limit: int = 300) -> str:
    flat = " ".join(message.split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."
