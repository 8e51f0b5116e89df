"""Requirement IDs that cannot be mistyped: each ID the code names is checked against the catalogue.

A ``Checker`` checks each ID it is handed, a lint rule, a passive judge, a seeded fault and a
variation check theirs when they are built (at import), the plugin checks the suite's markers and
the IDs its modules name when it collects them. Each refuses an unknown ID with
``UnknownRequirement``, naming the closest ID the catalogue has. ``only_ids`` reads the IDs and
areas a targeted run (``--only``) names.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Sequence
from functools import cache
from itertools import takewhile

from conformance.catalogue.model import load_catalogue
from conformance.errors import ConfigError, UnknownRequirement


@cache
def known_ids() -> frozenset[str]:
    """Every ID of the shipped catalogue (retired ones too: they keep their number)."""
    return load_catalogue().ids


@cache
def _shape() -> re.Pattern[str]:
    areas = "|".join(re.escape(area) for area in load_catalogue().areas)
    return re.compile(rf"(?:{areas})-[0-9OoIl]{{1,3}}")


def looks_like_id(text: str) -> bool:
    """``text`` is written like a requirement ID (an area, a dash, a number, perhaps with a
    letter typed for a digit), known or not: what a scan of the code takes for one."""
    return _shape().fullmatch(text) is not None


# letters typed for the digits they look like: PAG-1O is PAG-10
LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})


def closest(requirement: str) -> str | None:
    """The known ID nearest to ``requirement`` in spelling, if any is near."""
    area, dash, number = requirement.strip().upper().partition("-")
    read = f"{area}{dash}{number.translate(LOOKALIKES)}"
    if read in known_ids():
        return read
    found = difflib.get_close_matches(read, sorted(known_ids()), n=1, cutoff=0.5)
    return found[0] if found else None


def unknown(requirement: object, where: str) -> UnknownRequirement:
    """The error for an ID the catalogue does not have, found in ``where``."""
    near = closest(requirement) if isinstance(requirement, str) else None
    hint = f" (the closest known: {near})" if near else ""
    return UnknownRequirement(
        f"unknown requirement ID {requirement!r} in {where}{hint}; the IDs are those of "
        "specs/requirements.yaml"
    )


def known(requirement: str, where: str) -> str:
    """``requirement`` when the catalogue has it; else ``UnknownRequirement``."""
    if requirement not in known_ids():
        raise unknown(requirement, where)
    return requirement


def check_ids(requirements: Iterable[str], where: str) -> tuple[str, ...]:
    """Every one of ``requirements``, checked; the first unknown one raises."""
    checked = tuple(requirements)
    for requirement in checked:
        known(requirement, where)
    return checked


def suggestion(value: str, valid: Iterable[str]) -> str:
    """`` (did you mean PAG-10?)`` for a near miss of ``value`` among ``valid``, else ''; of
    equally near ones, the one that begins alike for longest, then the first."""
    best, score = "", (0.6, 0)
    for candidate in valid:
        ratio = difflib.SequenceMatcher(None, value, candidate).ratio()
        pairs = zip(value, candidate, strict=False)
        alike = sum(1 for _ in takewhile(lambda pair: pair[0] == pair[1], pairs))
        if (ratio, alike) > score:
            best, score = candidate, (ratio, alike)
    return f" (did you mean {best}?)" if best else ""


def only_ids(tokens: Sequence[str]) -> frozenset[str]:
    """The requirement IDs ``--only`` names: IDs and areas of the catalogue, any case;
    ConfigError naming the first unknown value (and the closest valid one)."""
    catalogue = load_catalogue()
    live = [r for r in catalogue.requirements if not r.retired]
    areas = {r.area for r in live}
    chosen: set[str] = set()
    for token in tokens:
        name = token.strip().upper()
        if name in areas:
            chosen.update(r.id for r in live if r.area == name)
        elif name in {r.id for r in live}:
            chosen.add(name)
        else:
            hint = suggestion(name, [*sorted(areas), *(r.id for r in live)])
            raise ConfigError(
                f"--only {token}: no requirement or area of that name{hint}; "
                "`plane-conformance requirements` lists them"
            )
    return frozenset(chosen)
