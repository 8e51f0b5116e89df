"""The one adapter to schemathesis: request cases generated from ``specs/plane.openapi.yaml``.

Schemathesis only generates; the suite sends each case through its own HTTP layer (pacing,
redaction, recording) and judges the answer itself. Its API moves between minor versions, so
every use of it stays in this module.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from hypothesis import strategies as st

API_PREFIX = "/api/v1/"


@dataclass(frozen=True, slots=True)
class GeneratedCase:
    """One generated request, relative to the API base URL."""

    method: str
    path: str
    body: bytes | None
    content_type: str | None
    body_invalid: bool


@cache
def _schema() -> Any:
    import schemathesis

    path = resources.files("conformance") / "specs" / "plane.openapi.yaml"
    return schemathesis.openapi.from_path(str(path))


def _body_is_negative(case: Any) -> bool:
    from schemathesis import GenerationMode
    from schemathesis.core.parameters import ParameterLocation

    components = getattr(getattr(case, "meta", None), "components", None) or {}
    info = components.get(ParameterLocation.BODY)
    return info is not None and info.mode == GenerationMode.NEGATIVE


def _to_case(case: Any) -> GeneratedCase:
    body = case.body
    encoded: bytes | None
    if body is None or type(body).__name__ == "NotSet":
        encoded = None
    elif isinstance(body, bytes):
        encoded = body
    else:
        encoded = json.dumps(body).encode()
    return GeneratedCase(
        method=case.method.upper(),
        path=case.formatted_path.removeprefix(API_PREFIX),
        body=encoded,
        content_type=case.media_type or ("application/json" if encoded is not None else None),
        body_invalid=_body_is_negative(case),
    )


def invalid_bodies(
    method: str, template: str, path_parameters: dict[str, str]
) -> st.SearchStrategy[GeneratedCase]:
    """Cases for one operation whose body breaks the documented schema (the rest is valid)."""
    from schemathesis import GenerationMode

    operation = _schema()[API_PREFIX + template][method]
    strategy = operation.as_strategy(
        generation_mode=GenerationMode.NEGATIVE, path_parameters=path_parameters
    )
    cases: st.SearchStrategy[GeneratedCase] = strategy.map(_to_case)
    return cases.filter(lambda case: case.body_invalid)
