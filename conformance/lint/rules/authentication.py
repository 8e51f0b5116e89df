"""Rules for API key authentication: the X-API-Key scheme, where it applies, and 401."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import SECURED, LintContext, is_api_key_header_scheme
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule

SCHEMES = "#/components/securitySchemes"


def check_api_key_scheme(context: LintContext) -> Iterator[Violation]:
    """The document declares an apiKey scheme sent in the X-API-Key header."""
    if not context.api_key_scheme_names:
        yield Violation(SCHEMES, "no security scheme of type apiKey in the X-API-Key header")


def check_key_only_in_header(context: LintContext) -> Iterator[Violation]:
    """No security requirement in use accepts the key anywhere but X-API-Key."""
    used: set[str] = set()
    for alternatives in [context.data.get("security")] + [
        operation.node.get("security") for operation in context.operations
    ]:
        if isinstance(alternatives, list):
            for alternative in alternatives:
                if isinstance(alternative, dict):
                    used.update(str(name) for name in alternative)
    for name in sorted(used):
        scheme = context.security_schemes.get(name)
        if scheme is None or is_api_key_header_scheme(scheme):
            continue
        kind = scheme.get("type")
        where = scheme.get("in") or scheme.get("scheme") or ""
        yield Violation(
            locations.join(SCHEMES, name),
            f"security scheme {name!r} ({kind} {where}) accepts a credential "
            "outside the X-API-Key header",
        )


def check_operations_secured(context: LintContext) -> Iterator[Violation]:
    """Every operation requires the X-API-Key scheme (no anonymous alternative)."""
    for operation in context.operations:
        if context.is_secured_by_api_key(operation):
            continue
        own = "security" in operation.node
        pointer = locations.join(operation.pointer, "security") if own else operation.pointer
        yield Violation(pointer, f"{operation.label} is not secured by the X-API-Key scheme")


def check_unauthorized_documented(context: LintContext) -> Iterator[Violation]:
    """Every secured operation documents the 401 a missing or invalid key gets."""
    for operation in context.operations:
        if context.is_secured_by_api_key(operation) and not context.has_status(operation, "401"):
            yield Violation(
                locations.join(operation.pointer, "responses"),
                f"{operation.label} does not document 401 for a missing or invalid key",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-AUTH-01",
        "api-key-scheme",
        Severity.ERROR,
        ("AUTH-01", "AUTH-02", "AUTH-03"),
        "Plane authenticates with an API key in the X-API-Key header; clients and the suite "
        "need the scheme declared.",
        check_api_key_scheme,
        scope="the security schemes of the document",
    ),
    Rule(
        "PLN-AUTH-02",
        "key-only-in-header",
        Severity.WARNING,
        ("AUTH-05",),
        "The key is accepted only in X-API-Key; a bearer or query-parameter scheme "
        "documents a credential the API must refuse.",
        check_key_only_in_header,
        scope="the security schemes that security requirements use",
    ),
    Rule(
        "PLN-AUTH-03",
        "operations-secured",
        Severity.ERROR,
        ("AUTH-01", "AUTH-03"),
        "Every endpoint needs the key; an operation without it is documented as anonymous.",
        check_operations_secured,
        scope="every operation",
    ),
    Rule(
        "PLN-AUTH-04",
        "unauthorized-documented",
        Severity.ERROR,
        ("AUTH-01", "AUTH-02"),
        "A missing or invalid key gets 401 on every endpoint and method.",
        check_unauthorized_documented,
        scope=SECURED,
    ),
)
