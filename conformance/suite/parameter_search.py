"""The search of declared query parameters: each distinct parameter (name and type) tried on one
operation that declares it, with one value of each kind (``parameter_values``), round by round
within a budget of keyed requests; a value that got a 5xx is then tried on the parameter's
other operations (the only widening), and what is left of the budget goes on with the rounds.

A 5xx fails HTTP-07 with the request; a 4xx is the target refusing what it cannot take, as it
may; a 2xx to a value the declaration rules out is ``parameter-values`` drift. A fifth of the
budget is kept for the widening until the first rounds are sent.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from conformance.checks import Checker
from conformance.discovery import Operation
from conformance.discovery.drift import parameter_value_problems
from conformance.plugin.coverage import Coverage
from conformance.plugin.parameter_log import shown
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.operation_reads import record_drift
from conformance.suite.parameter_values import (
    DeclaredParameter,
    Trial,
    declared_parameters,
    ruled_out,
)
from conformance.suite.parameter_values import planned as planned_trials
from conformance.suite.resolve import main_params, read, resolve

PAGING = ("per_page", "cursor")
RESERVE = 0.2  # of the budget, kept for the widening until the first rounds are sent


@dataclass(slots=True)
class Search:
    """One run's search: where each parameter is tried, what broke, the budget left."""

    plane: Target
    subject: Subject
    coverage: Coverage
    check: Checker
    budget: int
    spent: Callable[[], int]
    places: dict[str, tuple[Operation, str] | None] = field(default_factory=dict)
    broke: list[tuple[DeclaredParameter, Trial, Operation]] = field(default_factory=list)

    def room(self, keep: int = 0) -> bool:
        return self.spent() + 1 <= self.budget - keep

    def place(self, parameter: DeclaredParameter) -> tuple[Operation, str] | None:
        """The operation ``parameter`` is tried on, and its path: the first that declares it
        whose read answered 200 (the operations of this run's tests first)."""
        if parameter.key not in self.places:
            self.places[parameter.key] = None
            why = "no operation that declares it was read"
            ranked = sorted(
                parameter.operations, key=lambda op: op.label not in self.coverage.tests
            )
            for operation in ranked:
                found, why = self.readable(operation)
                if found is not None:
                    self.places[parameter.key] = (operation, found)
                    break
            else:
                self.coverage.parameters.untried[parameter.key] = why
        return self.places[parameter.key]

    def readable(self, operation: Operation) -> tuple[str | None, str]:
        """The path of ``operation`` when its read (shared with its test) answered 200."""
        resolved = resolve(self.plane, self.subject, self.coverage, operation)
        if resolved.path is None:
            return None, resolved.missing or resolved.own_missing or "its path cannot be filled"
        reply = read(self.plane, resolved.path, operation)
        if reply.status != 200:
            return None, f"GET {resolved.path} answered {reply.status}"
        return resolved.path, ""

    def send(
        self, parameter: DeclaredParameter, trial: Trial, operation: Operation, path: str
    ) -> Reply:
        """GET ``path`` with the operation's first-read query and ``trial`` as the parameter,
        judged: HTTP-07 on a 5xx, ``parameter-values`` drift on a 2xx the declaration rules
        out."""
        params = {**main_params(operation), parameter.name: trial.value}
        if parameter.name not in PAGING and "per_page" in params and operation.parameter("cursor"):
            # the first page by its cursor: a page a filter narrowed is no fresh listing of the
            # collection, and the pages of the whole collection are judged without it
            params.setdefault("cursor", f"{params['per_page']}:0:0")
        reply = self.plane.get(path, params=params, auth=self.plane.any_key())
        status = reply.exchange.status
        self.coverage.parameters.sent(
            operation.label,
            parameter.key,
            name=parameter.name,
            kind=trial.kind,
            value=trial.value,
            status=status,
        )
        what = f"GET {path} with {parameter.name}='{shown(trial.value)}' ({trial.kind})"
        if status is not None and status >= 500:
            self.broke.append((parameter, trial, operation))
            self.coverage.parameters.judged.add(reply.exchange.seq)
            self.check.expect(
                "HTTP-07",
                [f"{what} got {status}"],
                expected="a 2xx or 4xx",
                exchange=reply.exchange,
            )
        elif status is not None:
            declared = operation.parameter(parameter.name)
            if declared is not None and ruled_out(declared, trial.value):
                problems = parameter_value_problems(
                    operation, parameter.name, trial.value, trial.kind, status
                )
                record_drift(self.coverage, operation, "parameter-values", problems, reply)
        return reply

    def widen(self) -> None:
        """Each value that broke an operation, tried on the parameter's other operations."""
        for parameter, trial, first in list(self.broke):
            for operation in parameter.operations:
                if operation.label == first.label or operation.parameter(parameter.name) is None:
                    continue
                if not self.room():
                    return
                path, _ = self.readable(operation)
                if path is not None and self.room():
                    self.send(parameter, trial, operation, path)


def run_search(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker, budget: int
) -> int:
    """Search the parameters ``coverage``'s description declares within ``budget`` keyed
    requests (the reads that place them included); the keyed requests it sent."""
    mark = plane.recorder.mark()
    valid = set(plane.placeholders)

    def spent() -> int:
        return sum(e.request_header("X-API-Key") in valid for e in plane.recorder.since(mark))

    declared = declared_parameters(coverage.description.operations)
    log = coverage.parameters
    log.declared = tuple(p.key for p in declared)
    log.budget = budget
    search = Search(plane, subject, coverage, check, budget, spent)
    pending = planned_trials(declared)
    keep = round(budget * RESERVE)
    widened = False
    while pending:
        if not search.room(0 if widened else keep):
            if widened:
                break
            search.widen()
            widened = True
            continue
        parameter, trial = pending.pop(0)
        place = search.place(parameter)
        if place is not None and search.room(0 if widened else keep):
            search.send(parameter, trial, *place)
    if not widened:
        search.widen()
    log.spent = spent()
    return log.spent
