"""What a rule is: a named check function with its severity, rationale and requirements."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from conformance.catalogue.ids import check_ids
from conformance.lint.context import LintContext
from conformance.lint.findings import Severity, Violation

Check = Callable[[LintContext], Iterable[Violation]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One lint rule. ``id`` is stable (``PLN-AREA-NN``); ``name`` is a short kebab label;
    ``scope`` says exactly which parts of a document (which operations) it looks at. Its
    ``requirements`` are catalogue IDs, checked when the rule is built (an unknown one fails the
    import of the rule's module)."""

    id: str
    name: str
    severity: Severity
    requirements: tuple[str, ...]
    rationale: str
    check: Check
    scope: str

    def __post_init__(self) -> None:
        check_ids(self.requirements, f"the lint rule {self.id}")
