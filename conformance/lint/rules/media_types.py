"""Rules for content types: JSON request and response bodies everywhere."""

from __future__ import annotations

from collections.abc import Iterator

from conformance.lint import locations
from conformance.lint.context import LintContext, is_json_media_type
from conformance.lint.findings import Severity, Violation
from conformance.lint.rule import Rule

_BODYLESS = frozenset({"204", "304"})


def check_json_responses(context: LintContext) -> Iterator[Violation]:
    """Responses are JSON: no other media type, and every 2xx but 204 has a JSON body."""
    reported: set[str] = set()
    for operation in context.operations:
        for status, response in context.responses(operation).items():
            content = response.node.get("content")
            media_types = [str(media) for media in content] if isinstance(content, dict) else []
            for media in media_types:
                pointer = locations.join(response.target, "content", media)
                if not is_json_media_type(media) and pointer not in reported:
                    reported.add(pointer)
                    yield Violation(
                        pointer,
                        f"{operation.label}: {status} is served as {media}, not application/json",
                    )
            needs_body = (
                status.startswith("2") and status not in _BODYLESS and operation.method != "head"
            )
            has_json = any(is_json_media_type(media) for media in media_types)
            if needs_body and not has_json and response.target not in reported:
                reported.add(response.target)
                yield Violation(
                    response.target, f"{operation.label}: {status} has no application/json body"
                )


def check_json_request_bodies(context: LintContext) -> Iterator[Violation]:
    """Request bodies are accepted as application/json."""
    for operation in context.operations:
        body = context.request_body(operation)
        if body is None:
            continue
        node, pointer = body
        content = node.get("content")
        media_types = [str(media) for media in content] if isinstance(content, dict) else []
        if not any(is_json_media_type(media) for media in media_types):
            offered = ", ".join(media_types) or "nothing"
            yield Violation(
                locations.join(pointer, "content"),
                f"{operation.label}: the request body accepts {offered}, not application/json",
            )


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-FMT-01",
        "json-responses",
        Severity.ERROR,
        ("FMT-01", "HTTP-01"),
        "Every response body except a 204's is JSON with Content-Type application/json.",
        check_json_responses,
        scope="every response",
    ),
    Rule(
        "PLN-FMT-02",
        "json-request-bodies",
        Severity.ERROR,
        ("FMT-02",),
        "POST and PATCH bodies are sent as application/json.",
        check_json_request_bodies,
        scope="every request body",
    ),
)
