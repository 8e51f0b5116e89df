"""The values a lint run produces: severities, findings and the report of one document."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import Any


class Severity(enum.Enum):
    """How much a finding matters; ordered so that ``a >= b`` means "at least as severe"."""

    INFO = "info"
    WARNING = "warning"
    ERROR = "error"

    @property
    def rank(self) -> int:
        return _RANKS[self.value]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_RANKS = {"info": 0, "warning": 1, "error": 2}


@dataclass(frozen=True, slots=True)
class Violation:
    """What a rule function yields: where (a JSON pointer into the document) and what."""

    pointer: str
    message: str


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation of one rule, with its location and the requirements it puts at risk."""

    rule: str
    requirements: tuple[str, ...]
    severity: Severity
    pointer: str
    message: str
    line: int | None = None
    column: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "requirement": list(self.requirements),
            "severity": self.severity.value,
            "path": self.pointer,
            "line": self.line,
            "column": self.column,
            "message": self.message,
        }


@dataclass(frozen=True, slots=True)
class LintReport:
    """The outcome of linting one document."""

    file: str
    findings: tuple[Finding, ...]
    rules_run: int
    suppressed: int = 0
    suppressions_ignored: int = 0
    strict: bool = False

    def at_or_above(self, threshold: Severity) -> tuple[Finding, ...]:
        return tuple(finding for finding in self.findings if finding.severity >= threshold)

    def count(self, severity: Severity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)
