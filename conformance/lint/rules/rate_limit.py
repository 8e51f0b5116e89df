"""Rules for rate limiting: 429 documented, rate headers on responses, Retry-After on 429."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import SECURED, LintContext, Response, schema_types
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule

REMAINING = "X-RateLimit-Remaining"
RESET = "X-RateLimit-Reset"
RETRY_AFTER = "Retry-After"
#: Statuses without the window headers: 401 is not an authenticated request, 429 has its own rule.
_EXEMPT = frozenset({"401", "429"})


def _header_problems(context: LintContext, response: Response, names: tuple[str, ...]) -> list[str]:
    headers = context.headers(response)
    problems: list[str] = []
    for name in names:
        header = headers.get(name.lower())
        if header is None:
            problems.append(f"no {name}")
            continue
        schema, _ = context.resolve_dict(header.get("schema", {}), response.target)
        if "integer" not in schema_types(schema):
            problems.append(f"{name} is not an integer")
        if header.get("required") is not True:
            problems.append(f"{name} is not required")
    return problems


def check_rate_limit_headers(context: LintContext) -> Iterator[Violation]:
    """Responses to authenticated requests (but 401 and 429) carry the two window headers."""
    reported: set[str] = set()
    for operation in context.operations:
        if not context.is_secured_by_api_key(operation):
            continue
        for status, response in context.responses(operation).items():
            if status in _EXEMPT or response.target in reported:
                continue
            problems = _header_problems(context, response, (REMAINING, RESET))
            if problems:
                reported.add(response.target)
                yield Violation(
                    locations.join(response.target, "headers"),
                    f"{operation.label}: {status}: {'; '.join(problems)}",
                )


def check_too_many_requests_documented(context: LintContext) -> Iterator[Violation]:
    """Every authenticated operation documents 429."""
    for operation in context.operations:
        if context.is_secured_by_api_key(operation) and not context.has_status(operation, "429"):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} does not document 429",
            )


def check_retry_after(context: LintContext) -> Iterator[Violation]:
    """A 429 carries Retry-After and the window headers."""
    reported: set[str] = set()
    for operation in context.operations:
        throttled = context.responses(operation).get("429")
        if throttled is None or throttled.target in reported:
            continue
        reported.add(throttled.target)
        problems = _header_problems(context, throttled, (RETRY_AFTER, REMAINING, RESET))
        if problems:
            yield Violation(
                locations.join(throttled.target, "headers"),
                f"{operation.label}: 429: {'; '.join(problems)}",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-RATE-01",
        "rate-limit-headers",
        Severity.ERROR,
        ("RATE-01",),
        "Every authenticated non-429 response carries X-RateLimit-Remaining and X-RateLimit-Reset.",
        check_rate_limit_headers,
        scope="responses, but 401 and 429, of operations secured by the X-API-Key scheme",
    ),
    Rule(
        "PLN-RATE-02",
        "too-many-requests-documented",
        Severity.ERROR,
        ("RATE-04",),
        "Past 60 requests in a window a key gets 429 on any endpoint.",
        check_too_many_requests_documented,
        scope=SECURED,
    ),
    Rule(
        "PLN-RATE-03",
        "retry-after",
        Severity.WARNING,
        ("RATE-06",),
        "A 429 tells the client when to retry (Retry-After, RFC 6585) and the window state.",
        check_retry_after,
        scope="every documented 429 response",
    ),
)
