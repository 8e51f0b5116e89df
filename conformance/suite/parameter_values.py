"""What the search of declared query parameters sends: one value of each kind a declaration
invites (its examples, a value of the wrong type, boundary numbers, an unknown member or
ordering field, an empty value, characters that break naive code), and the distinct parameters
of a description (by name and type) with the operations that declare each.

The values are fixed, not drawn: the search is keyed requests under a budget of one window, so
it sends one value of each kind, the kind likeliest to break a server first, and the same run
replays the same requests. (Hypothesis draws bodies, where a schema invites many; here a
declaration invites a handful of kinds, and one value stands for each.)
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from conformance.discovery import Operation, QueryParameter

# names under which a parameter names the field to order by
ORDERING = frozenset({"order_by", "ordering", "order", "sort", "sort_by"})
UNKNOWN = "zz"  # no field, relation or member of any description is called so
HUGE = "100000000000000000000"  # 10**20: above any 64-bit integer
LONG = "x" * 2048
NON_ASCII = "ünïcødé ✓ 漢字"
CONTROL = "\x1b[0m"
NUL = "\x00"
EXAMPLES = 2  # at most so many of a parameter's own examples
WRONG_TYPE = {
    "integer": "abc",
    "number": "abc",
    "boolean": "maybe",
    "uuid": "not-a-uuid",
    "date": "not-a-date",
    "date-time": "not-a-date",
}


@dataclass(frozen=True, slots=True)
class Trial:
    """One value to send for a parameter: ``kind`` says what it stands for; ``invalid``: the
    declaration rules it out (a 2xx to it ignores the declaration)."""

    kind: str
    value: str
    invalid: bool


@dataclass(frozen=True, slots=True)
class DeclaredParameter:
    """A distinct declared parameter (its name and type) and the operations declaring it, in
    the description's order, twins left out (their view is the first twin's)."""

    name: str
    type: str
    declared: QueryParameter
    operations: tuple[Operation, ...]

    @property
    def key(self) -> str:
        return f"{self.name} ({self.type})" if self.type else self.name


def type_of(parameter: QueryParameter) -> str:
    """What distinguishes two parameters of one name: the format, else the type."""
    return parameter.format or parameter.type


def declared_parameters(operations: Iterable[Operation]) -> tuple[DeclaredParameter, ...]:
    """Every distinct query parameter (name and type) of ``operations``, in order of first
    declaration."""
    found: dict[tuple[str, str], list[tuple[QueryParameter, Operation]]] = {}
    for operation in operations:
        if operation.twin_of is not None:
            continue
        for parameter in operation.query:
            key = (parameter.name, type_of(parameter))
            found.setdefault(key, []).append((parameter, operation))
    return tuple(
        DeclaredParameter(name, kind, pairs[0][0], tuple(op for _, op in pairs))
        for (name, kind), pairs in found.items()
    )


def trials(parameter: QueryParameter) -> tuple[Trial, ...]:
    """The values to send for ``parameter``, the likeliest to break a server first."""
    kind = type_of(parameter)
    found: list[Trial] = []
    if parameter.name in ORDERING:
        found.append(Trial("unknown ordering field", UNKNOWN, _ruled_out(parameter, UNKNOWN)))
    elif parameter.enum or parameter.pattern:
        found.append(Trial("unknown member", UNKNOWN, _ruled_out(parameter, UNKNOWN)))
    if parameter.type in ("integer", "number"):
        found += _numbers(parameter)
    elif kind in WRONG_TYPE:
        found.append(Trial("wrong type", WRONG_TYPE[kind], True))
    if parameter.type not in ("integer", "number", "boolean"):
        found += [
            Trial("NUL", NUL, _ruled_out(parameter, NUL)),
            Trial("non-ASCII", NON_ASCII, _ruled_out(parameter, NON_ASCII)),
            Trial("control character", CONTROL, _ruled_out(parameter, CONTROL)),
            Trial("long text", LONG, _ruled_out(parameter, LONG)),
        ]
    found.append(Trial("empty", "", False))  # often read as no value at all
    found += [Trial("example", value, False) for value in parameter.examples[:EXAMPLES]]
    return _distinct(found)


def ruled_out(parameter: QueryParameter, value: str) -> bool:
    """Whether ``parameter``'s own declaration rules ``value`` out, as its trials say: a value
    found breaking one operation is tried on others declaring the parameter by the same name and
    type, whose enum, pattern or bounds may allow it (a 2xx there is then no drift)."""
    return any(trial.invalid for trial in trials(parameter) if trial.value == value)


def _numbers(parameter: QueryParameter) -> list[Trial]:
    low, high = parameter.minimum, parameter.maximum
    found = [
        Trial("negative", "-1", low is not None and low > -1),
        Trial("wrong type", WRONG_TYPE[parameter.type], True),
        Trial("huge", HUGE, high is not None),
        Trial("zero", "0", low is not None and low > 0),
    ]
    if high is not None:
        found.append(Trial("above the maximum", str(high + 1), True))
    if low is not None:
        found.append(Trial("below the minimum", str(low - 1), True))
    return found


def _ruled_out(parameter: QueryParameter, value: str) -> bool:
    """Whether the declaration rules ``value`` out: not an allowed member, not matching the
    pattern, not of the declared type. Text of no declared shape is never ruled out."""
    if parameter.enum:
        return value not in parameter.enum
    if parameter.pattern:
        try:
            return re.search(parameter.pattern, value) is None
        except re.error:
            return False
    # no text of these kinds is a number, a boolean, a uuid or a date
    return parameter.type in ("integer", "number", "boolean") or type_of(parameter) in WRONG_TYPE


def _distinct(found: Sequence[Trial]) -> tuple[Trial, ...]:
    """Each value once, as its first kind."""
    seen: set[str] = set()
    kept = []
    for trial in found:
        if trial.value not in seen:
            seen.add(trial.value)
            kept.append(trial)
    return tuple(kept)


def planned(declared: Sequence[DeclaredParameter]) -> list[tuple[DeclaredParameter, Trial]]:
    """Every parameter's trials, round by round: the first of each, then the second of each,
    so a budget that ends early has tried every parameter's likeliest breakers first."""
    rows = [(parameter, trials(parameter.declared)) for parameter in declared]
    order: list[tuple[DeclaredParameter, Trial]] = []
    for depth in range(max((len(t) for _, t in rows), default=0)):
        order += [(parameter, found[depth]) for parameter, found in rows if depth < len(found)]
    return order
