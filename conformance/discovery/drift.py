"""Documentation drift: what the target's description says, against what the target does.

Each check states one property of one answer and returns the problems it found (empty when the
description and the answer agree). A problem is a finding about the description, never a
conformance failure: it does not change the verdict. The answers come from requests the
description allows (a valid key, the parameters it requires, a well-formed id), so a
disagreement is the description's to explain:

- ``absent``: an operation declared without a parameter of its own answers 404 or 405;
- ``status``: an answer's status is not among those the operation declares (429 and 5xx
  aside: throttling is paced, and a crash is HTTP-07's failure, not the description's);
- ``schema``: a body breaks the schema declared for its status (``schemathesis_adapter``), or
  a 200 the description declares without a body has one;
- ``required-parameter``: a query parameter declared required is answered 2xx without it;
- ``per-page-bounds``: a ``per_page`` outside its declared bounds is answered 2xx;
- ``parameter-values``: a value a query parameter's declaration rules out (not of its type,
  outside its bounds, not an allowed member, not matching its pattern) is answered 2xx: the
  target ignores what the description promises it checks.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.discovery.operations import Operation
from conformance.openapi_ops import Body

CHECKS = (
    "absent", "status", "schema", "required-parameter", "per-page-bounds", "parameter-values",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Drift:
    """One disagreement between the description and an answer of the target."""

    operation: str
    check: str
    message: str


def absent_problems(operation: Operation, status: int) -> list[str]:
    """``absent``: the declared operation answers a valid key's GET with 404 or 405."""
    if status not in (404, 405):
        return []
    meaning = "is not there" if status == 404 else "does not allow GET"
    return [f"{operation.label} is declared, but answers {status}: the endpoint {meaning}"]


def status_problems(operation: Operation, status: int, what: str) -> list[str]:
    """``status``: the answer's status is one the operation declares."""
    if status == 429 or status >= 500 or operation.declares(status):
        return []
    declared = ", ".join(sorted(operation.statuses)) or "no status"
    return [f"{what} answered {status}, which {operation.label} does not declare ({declared})"]


def required_problems(operation: Operation, name: str, status: int) -> list[str]:
    """``required-parameter``: without the required ``name``, the answer is not a success."""
    if not 200 <= status < 300:
        return []
    return [
        f"{operation.label} declares the query parameter {name!r} required, but answers "
        f"{status} without it"
    ]


def per_page_problems(operation: Operation, value: int, status: int) -> list[str]:
    """``per-page-bounds``: a ``per_page`` outside the declared bounds is not answered 2xx."""
    declared = operation.parameter("per_page")
    if declared is None or not 200 <= status < 300:
        return []
    if declared.maximum is not None and value > declared.maximum:
        bound = f"at most {declared.maximum}"
    elif declared.minimum is not None and value < declared.minimum:
        bound = f"at least {declared.minimum}"
    else:
        return []
    return [f"per_page={value} is answered {status}, but {operation.label} declares {bound}"]


def parameter_value_problems(
    operation: Operation, name: str, value: str, kind: str, status: int
) -> list[str]:
    """``parameter-values``: a value the declaration of ``name`` rules out is not answered
    2xx (``kind`` says what the value stands for)."""
    if not 200 <= status < 300:
        return []
    shown = value if len(value) <= 40 else f"{value[:40]}..."
    return [
        f"{name}={shown!r} ({kind}) is answered {status}, but {operation.label} declares "
        f"values of {name} that rule it out"
    ]


def undeclared_body_problems(operation: Operation, status: int, has_body: bool) -> list[str]:
    """``schema``: a 200 declared without a JSON body has none."""
    declared_bare = operation.body is Body.NONE and "200" in operation.statuses
    if status != 200 or not has_body or not declared_bare:
        return []
    return [f"{operation.label} declares its 200 without a JSON body, but the answer has one"]
