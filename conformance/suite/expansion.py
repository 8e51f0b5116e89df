"""Selection on one list page or resource: ``fields`` keeps exactly the names asked for
(``expect_exactly``, FLD-01), ``expand`` turns each named relation into an object (FLD-03)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from conformance.checks import Checker
from conformance.checks.pagination import items_of
from conformance.checks.selection import (
    exact_fields_problems,
    expanded_problems,
    has_relation_values,
)
from conformance.http import Exchange
from conformance.judgements.selection import expansion_judged, hollow_problem
from conformance.plugin.target import DEFAULT, AuthChoice, Target

PAGE: Mapping[str, str | int] = {"per_page": 5}


def expect_exactly(
    check: Checker, rid: str, items: list[Any], requested: list[str], exchange: Exchange
) -> None:
    """Each item of a page carries exactly the ``requested`` fields."""
    for index, entry in enumerate(items):
        check.expect(
            rid,
            exact_fields_problems(entry, requested, f"item {index}"),
            expected=f"exactly {requested}",
            exchange=exchange,
        )


def _hollow(items: list[Any], names: list[str]) -> list[tuple[str, str]]:
    """(item id, relation) for each relation expanded to an empty object."""
    return [
        (str(item.get("id")), name)
        for item in items
        if isinstance(item, dict)
        for name in names
        if item.get(name) == {}
    ]


def judge_expand(
    plane: Target,
    path: str,
    names: list[str],
    check: Checker,
    params: Mapping[str, str | int] = PAGE,
    auth: AuthChoice = DEFAULT,
) -> None:
    """FLD-03 on ``path`` read with ``params``: every relation with a value is an object. A
    relation expanded to ``{}`` must have had nothing to expand: the page is read again without
    ``expand`` to see its value (one request, only when an empty object shows up)."""
    reply = plane.get(path, params={**params, "expand": ",".join(names)}, auth=auth)
    if not check.that(
        "FLD-03",
        reply.status == 200,
        f"GET {path}?expand={','.join(names)} got {reply.status}",
        exchange=reply.exchange,
    ):
        return
    items = items_of(reply.body)
    judged = [n for n in names if has_relation_values(items, [n])]
    for index, entry in enumerate(items):
        problems = expanded_problems(entry, judged, f"item {index}")
        expansion_judged(check, "FLD-03", problems, judged, reply.exchange)
    hollow = _hollow(items, names)
    if hollow:
        plain = plane.get(path, params=params, auth=auth)
        unexpanded = {str(i.get("id")): i for i in items_of(plain.body) if isinstance(i, dict)}
        for item_id, name in hollow:
            value = unexpanded.get(item_id, {}).get(name)
            check.that(
                "FLD-03",
                value in (None, "", []),
                hollow_problem(name, item_id, value),
                expected=f"{name} as the object {value!r} names",
                observed="{}",
                exchange=reply.exchange,
            )
    elif not judged:
        check.skip("FLD-03", f"no item of {path} has a value for {names} to expand")
