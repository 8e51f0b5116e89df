"""Soft assertions per requirement: collect every violation of a test, then raise them together."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conformance.catalogue.ids import known
from conformance.http import Exchange


@dataclass(frozen=True, slots=True)
class Finding:
    """One violation of one requirement, with what was expected, what was seen and the proof."""

    requirement: str
    message: str
    expected: str | None = None
    observed: str | None = None
    exchanges: tuple[Exchange, ...] = ()

    def line(self) -> str:
        return f"{self.requirement}: {self.message}"


@dataclass(frozen=True, slots=True)
class Judged:
    """One recorded exchange a check over many looked at: whether the property held there, and
    what was seen. A suite test turns each into ``Checker.that``; the passive audit alike."""

    exchange: Exchange
    holds: bool
    message: str
    observed: str | None = None  # what was seen, where the status does not say it


class Violations(AssertionError):
    """Every finding of one test (or one property example); its message lists them."""

    def __init__(
        self,
        findings: Sequence[Finding],
        evaluated: Iterable[str] = (),
        cut_short: BaseException | None = None,
    ) -> None:
        self.findings = tuple(findings)
        self.evaluated = frozenset(evaluated)
        self.cut_short = cut_short
        super().__init__("\n".join(f.line() for f in self.findings))


class Checker:
    """Collects findings for one test; remembers which requirements it evaluated and which it
    could not decide here (``skip``, with the reason). An ID the catalogue does not have is
    refused at once (``UnknownRequirement``, naming the closest), never counted as a skip.

    A property test makes one ``child`` per example: the child's findings are its own (raised at
    the end of the example), while what it evaluated or skipped counts for the whole test.
    """

    def __init__(self, parent: Checker | None = None) -> None:
        self.findings: list[Finding] = []
        self.evaluated: set[str] = set()
        self.skipped: dict[str, str] = {}
        self._parent = parent

    def child(self) -> Checker:
        """A checker for one example of a property: its evaluations count for this one too."""
        return Checker(parent=self)

    def _evaluate(self, requirement: str) -> None:
        self.evaluated.add(requirement)
        if self._parent is not None:
            self._parent._evaluate(requirement)

    def skip(self, requirement: str, reason: str) -> None:
        """``requirement`` cannot be decided by this test (the first reason given is kept); it
        counts as skipped unless the test evaluates it elsewhere."""
        known(requirement, "check.skip")
        self.skipped.setdefault(requirement, reason)
        if self._parent is not None:
            self._parent.skip(requirement, reason)

    def expect(
        self,
        requirement: str,
        problems: Iterable[str],
        *,
        expected: str | None = None,
        exchange: Exchange | None = None,
    ) -> bool:
        """Record each problem as a finding for ``requirement``; True when there was none."""
        self._evaluate(known(requirement, "check.expect"))
        found = list(problems)
        exchanges = (exchange,) if exchange is not None else ()
        for problem in found:
            self.findings.append(
                Finding(
                    requirement, problem, expected=expected, observed=problem, exchanges=exchanges
                )
            )
        return not found

    def that(
        self,
        requirement: str,
        holds: bool,
        message: str,
        *,
        expected: str | None = None,
        observed: str | None = None,
        exchange: Exchange | None = None,
    ) -> bool:
        """Record one finding when ``holds`` is false; returns ``holds``."""
        self._evaluate(known(requirement, "check.that"))
        if not holds:
            exchanges = (exchange,) if exchange is not None else ()
            self.findings.append(Finding(requirement, message, expected, observed, exchanges))
        return holds

    def judged(
        self, requirement: str, judged: Iterable[Judged], *, expected: str | None = None
    ) -> None:
        """Record each exchange a check over many looked at (see ``Judged``)."""
        for each in judged:
            self.that(
                requirement,
                each.holds,
                each.message,
                expected=expected,
                observed=each.observed or str(each.exchange.status),
                exchange=each.exchange,
            )

    def status(
        self, requirement: str, got: int | None, wanted: int, what: str, exchange: Exchange
    ) -> bool:
        """The answer to ``what`` had status ``wanted``."""
        return self.that(
            requirement,
            got == wanted,
            f"{what} got {got}",
            expected=str(wanted),
            observed=str(got),
            exchange=exchange,
        )

    def failed(self, requirement: str) -> bool:
        known(requirement, "check.failed")
        return any(f.requirement == requirement for f in self.findings)

    def raise_if_failed(self) -> None:
        if self.findings:
            findings, self.findings = self.findings, []
            raise Violations(findings, self.evaluated)
