"""Validation of a compliance document against ``specs/compliance.schema.json``, and of a
report's manifest against ``specs/manifest.schema.json``."""

from __future__ import annotations

import json
from collections.abc import Mapping
from importlib import resources
from typing import Any

import jsonschema

COMPLIANCE_SCHEMA = "compliance.schema.json"
MANIFEST_SCHEMA = "manifest.schema.json"


def load_schema(name: str = COMPLIANCE_SCHEMA) -> dict[str, Any]:
    """A shipped JSON Schema (2020-12): compliance.json's by default."""
    text = (resources.files("conformance") / "specs" / name).read_text(encoding="utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def schema_errors(document: Mapping[str, Any], name: str = COMPLIANCE_SCHEMA) -> list[str]:
    """One line per violation of the schema ``name``, in document order; empty when valid."""
    validator = jsonschema.Draft202012Validator(
        load_schema(name), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    return [
        f"{'/'.join(str(p) for p in e.absolute_path) or '(top level)'}: {e.message}" for e in errors
    ]
