"""Comparing a replay with a recorded transcript: the same status and the same field sets, on
every exchange the recording has."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from conformance.transcripts.entries import Entry
from conformance.transcripts.transcript import Transcript

ASPECTS = ("status", "kind", "fields", "items")


@dataclass(frozen=True, slots=True)
class Difference:
    """One exchange where the replay differs: in which aspect, the recorded and the replayed."""

    name: str
    aspect: str  # status, kind, fields, items, or "missing" (the replay has no such exchange)
    recorded: str
    replayed: str

    def __str__(self) -> str:
        return f"{self.name}: {self.aspect} {self.recorded} recorded, {self.replayed} replayed"


def compare(recorded: Transcript, replayed: Transcript) -> tuple[Difference, ...]:
    """Every difference of ``replayed`` from ``recorded``, in the recording's order."""
    theirs = replayed.by_name()
    return tuple(
        difference
        for ours in recorded.entries
        for difference in _differences(ours, theirs.get(ours.name))
    )


def _differences(ours: Entry, theirs: Entry | None) -> Iterator[Difference]:
    if theirs is None:
        yield Difference(ours.name, "missing", "sent", "not sent")
        return
    for aspect in ASPECTS:
        mine, yours = getattr(ours, aspect), getattr(theirs, aspect)
        if aspect == "fields" and ours.kind != theirs.kind:
            continue  # the kind already differs
        if mine != yours:
            yield Difference(ours.name, aspect, _show(mine, yours), _show(yours, mine))


def _show(value: object, other: object) -> str:
    """A field set as what it has that ``other`` has not (``+a -b``), else the value."""
    if isinstance(value, tuple) and isinstance(other, tuple):
        extra = sorted(set(value) - set(other))
        return "{" + ", ".join(extra) + "}" if extra else "{}"
    return str(value)
