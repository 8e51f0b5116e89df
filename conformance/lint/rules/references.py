"""Rules for ``$ref``: remote references are reported (never fetched), broken ones too."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from conformance.lint import locations
from conformance.lint.context import LintContext
from conformance.lint.findings import Severity, Violation
from conformance.lint.refs import RefProblem
from conformance.lint.rule import Rule

#: Keys whose values are literal data, where a "$ref" key is not a reference.
_LITERAL_KEYS = frozenset({"example", "enum", "default", "const"})


def references(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every ``$ref`` string of the document with the path to its mapping (iteratively)."""
    stack: list[tuple[Any, tuple[str | int, ...]]] = [(data, ())]
    while stack:
        node, path = stack.pop()
        if isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str):
                yield path, reference
            for key, value in node.items():
                if isinstance(value, dict | list) and key not in _LITERAL_KEYS:
                    stack.append((value, (*path, key)))
        elif isinstance(node, list):
            for index, value in enumerate(node):
                if isinstance(value, dict | list):
                    stack.append((value, (*path, index)))


def distinct_references(data: Any) -> set[str]:
    """The set of ``$ref`` strings; a walk without paths, cheap on large documents."""
    found: set[str] = set()
    stack: list[Any] = [data]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            reference = node.get("$ref")
            if isinstance(reference, str):
                found.add(reference)
            stack.extend(
                value
                for key, value in node.items()
                if key not in _LITERAL_KEYS and isinstance(value, dict | list)
            )
        else:
            stack.extend(value for value in node if isinstance(value, dict | list))
    return found


def _problems(context: LintContext) -> list[tuple[str, RefProblem]]:
    return context.memo("references", "#", lambda: list(_find_problems(context)))


def _find_problems(context: LintContext) -> Iterator[tuple[str, RefProblem]]:
    """Check each distinct reference once; walk again with paths only if one is broken."""
    verdicts: dict[str, RefProblem] = {}
    for reference in distinct_references(context.data):
        target = context.resolver.follow({"$ref": reference}, "#")
        if isinstance(target, RefProblem):
            verdicts[reference] = target
    if not verdicts:
        return
    for path, reference in references(context.data):
        if reference in verdicts:
            yield locations.join(locations.from_tokens(path), "$ref"), verdicts[reference]


def check_no_remote_references(context: LintContext) -> Iterator[Violation]:
    """``$ref`` stays inside the document or local files beside it."""
    for pointer, problem in _problems(context):
        if problem.kind in ("remote", "outside"):
            yield Violation(pointer, problem.message)


def check_references_resolve(context: LintContext) -> Iterator[Violation]:
    """Every local ``$ref`` leads somewhere, without a cycle."""
    for pointer, problem in _problems(context):
        if problem.kind in ("missing", "cycle"):
            yield Violation(pointer, problem.message)


RULES: tuple[Rule, ...] = (
    Rule(
        "PLN-REF-01",
        "no-remote-references",
        Severity.ERROR,
        (),
        "A remote $ref makes the description depend on the network; it is never fetched.",
        check_no_remote_references,
        scope="every $ref",
    ),
    Rule(
        "PLN-REF-02",
        "references-resolve",
        Severity.ERROR,
        (),
        "A $ref that leads nowhere (or round in a cycle) hides what the API does.",
        check_references_resolve,
        scope="every $ref",
    ),
)
