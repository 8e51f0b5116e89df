"""What the search of declared query parameters did, for the report: the distinct parameters
the description declares, each value sent (on which operation, what it stands for, the status
it got), the parameters left untried with the reason, and the keyed requests it spent."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from conformance.report import ParameterSearch, TriedValue

SHOWN = 40  # characters of a value the report shows


def shown(value: str) -> str:
    """A value as the report shows it: escaped (a NUL as ``\\u0000``), cut after ``SHOWN``."""
    text = json.dumps(value, ensure_ascii=False)[1:-1]
    if len(text) <= SHOWN:
        return text
    return f"{text[:SHOWN]}... ({len(value)} characters)"


@dataclass(slots=True)
class ParameterLog:
    """One run's search. ``declared``: the distinct parameters (``name (type)``); ``tried``:
    operation label -> the values sent there; ``untried``: parameter -> why; ``budget`` and
    ``spent``: keyed requests allowed and sent (None: no search was made); ``judged``: the
    sequence numbers of the exchanges whose 5xx the search already charged to HTTP-07 (the
    after-all scan leaves them out, so no 5xx is reported twice)."""

    declared: tuple[str, ...] = ()
    tried: dict[str, list[TriedValue]] = field(default_factory=dict)
    tried_parameters: set[str] = field(default_factory=set)
    untried: dict[str, str] = field(default_factory=dict)
    budget: int | None = None
    spent: int = 0
    judged: set[int] = field(default_factory=set)

    def sent(
        self,
        operation: str,
        parameter: str,
        *,
        name: str,
        kind: str,
        value: str,
        status: int | None,
    ) -> None:
        """Note a value sent for ``parameter`` (its key) on ``operation`` (its label)."""
        tried = TriedValue(name, kind, shown(value), status)
        self.tried.setdefault(operation, []).append(tried)
        self.tried_parameters.add(parameter)
        self.untried.pop(parameter, None)

    def summary(self) -> ParameterSearch | None:
        if self.budget is None:
            return None
        untried = tuple(
            f"{name}: {self.untried.get(name, 'the budget ran out first')}"
            for name in self.declared
            if name not in self.tried_parameters
        )
        return ParameterSearch(
            declared=len(self.declared),
            tried=len(self.tried_parameters & set(self.declared)),
            requests=self.spent,
            budget=self.budget,
            untried=untried,
        )
