"""The catalogue of seeded faults: realistic mistakes the reference server can be switched to make.

Each fault lives at the seam where the behaviour it breaks is implemented (the auth middleware,
the paginator, the selection code, the rate limiter, the handlers); ``breaks`` lists the
requirement IDs the suite must report failing, ``may_also_break`` the accepted consequences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Fault:
    name: str
    summary: str
    breaks: tuple[str, ...]
    may_also_break: tuple[str, ...] = ()


FAULTS: tuple[Fault, ...] = ()

FAULT_NAMES: frozenset[str] = frozenset(fault.name for fault in FAULTS)


def check_fault_names(names: Iterable[str]) -> None:
    """ConfigError naming the first fault that is not in the catalogue."""
    for name in sorted(names):
        if name not in FAULT_NAMES:
            raise ConfigError(f"unknown fault {name!r} (see serve --list-faults)")


def describe_faults() -> str:
    """The catalogue as text: one line per fault, name, requirement IDs, summary."""
    width = max((len(fault.name) for fault in FAULTS), default=0)
    return "\n".join(
        f"{fault.name:<{width}}  {','.join(fault.breaks):<24}  {fault.summary}"
        for fault in FAULTS)
