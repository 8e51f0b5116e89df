"""The one adapter to schemathesis: request cases generated from ``specs/plane.openapi.yaml``,
and answers validated against the response schemas a description declares.

Schemathesis only generates and validates; the suite sends each case through its own HTTP layer
(pacing, redaction, recording) and judges the answer itself. Its API moves between minor
versions, so every use of it stays in this module.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import httpx
from hypothesis import strategies as st

API_PREFIX = "/api/v1/"
# a validation error's message is shortened to this many characters
MESSAGE_CHARS = 300


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


class ResponseSchemas:
    """The response schemas of one description: ``problems`` says how an answer departs from
    the schema its operation declares for the answer's status (schemathesis's response schema
    check: OpenAPI 3.0's ``nullable`` and 3.1's JSON Schema alike). The description is read by
    schemathesis once, at the first answer."""

    def __init__(self, document: dict[str, Any]) -> None:
        # schemathesis may annotate what it reads: it gets its own copy
        self._text = json.dumps(document)
        self._schema: Any = None

    def _loaded(self) -> Any:
        if self._schema is None:
            import schemathesis

            self._schema = schemathesis.openapi.from_dict(json.loads(self._text))
        return self._schema

    def problems(self, declared_path: str, method: str, response: httpx.Response) -> list[str]:
        """One line per way ``response`` breaks the declared schema; [] when it keeps it, or
        when nothing is declared for its status."""
        from schemathesis.core.failures import Failure, FailureGroup

        operation = self._loaded()[declared_path][method.upper()]
        # the recording layer builds its responses whole: they never ran a clock
        answer = httpx.Response(
            response.status_code,
            headers=response.headers,
            content=response.content,
            request=response.request,
        )
        answer.elapsed = datetime.timedelta(0)
        try:
            operation.validate_response(answer)
        except FailureGroup as group:
            return [_line(failure) for failure in group.exceptions]
        except Failure as failure:
            return [_line(failure)]
        return []


def _line(failure: Any) -> str:
    """A failure in one line: the validator's message and where in the body it applies."""
    where = getattr(failure, "instance_path", None)
    if where is not None:
        pointer = "/" + "/".join(str(part) for part in where)
        text = f"{failure.validation_message} at {pointer}"
    else:
        first = str(failure.message).strip().splitlines()
        text = f"{failure.title}: {first[0]}" if first else str(failure.title)
    return text if len(text) <= MESSAGE_CHARS else text[: MESSAGE_CHARS - 1] + "…"
