"""Validation of a compliance document against ``specs/compliance.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import jsonschema


def load_schema() -> dict[str, Any]:
    """The shipped JSON Schema (2020-12) of compliance.json."""
    text = (resources.files("conformance") / "specs" / "compliance.schema.json").read_text(
        encoding="utf-8"
    )
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_errors(document: Mapping[str, Any]) -> list[str]:
    """One line per violation of the schema, in document order; empty when valid."""
    validator = jsonschema.Draft202012Validator(
        load_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top level)'}: {e.message}" for e in errors
    ]
