"""FLD: what ``fields`` and ``expand`` answer, judged alike by the suite and the audit."""

from __future__ import annotations

from collections.abc import Sequence

from conformance.checks import Checker
from conformance.checks.bodies import refusal_problems, shared_refusal_problems
from conformance.http import Exchange
from conformance.judgements.answer import Answer


def names_refused(
    check: Checker,
    requirement: str,
    answer: Answer,
    what: str,
    names: Sequence[str],
    *,
    shared: bool = False,
) -> bool | None:
    """FLD-02 (unknown names in ``fields``) or FLD-04 (names ``expand`` cannot expand): 400
    with an error naming each of ``names``. Where other invalid inputs ride on the request
    (``shared``: one name), only an answer that decides it is judged
    (``shared_refusal_problems``): None when it does not, and the name is then asked alone."""
    if shared:
        problems = shared_refusal_problems(answer.response, what, names[0])
        if problems is None:
            return None
    else:
        problems = refusal_problems(answer.response, what, naming=list(names))
    shown = repr(names[0]) if len(names) == 1 else repr(list(names))
    return check.expect(
        requirement, problems, expected=f"400 naming {shown}", exchange=answer.exchange
    )


def expansion_judged(
    check: Checker,
    requirement: str,
    problems: Sequence[str],
    names: Sequence[str],
    exchange: Exchange,
) -> bool:
    """FLD-03 (or FLD-05 on a combination): each of ``names`` that has a value comes back as an
    object (or a list of objects); ``problems`` are what ``expanded_problems`` and
    ``hollow_problem`` found."""
    return check.expect(
        requirement, list(problems), expected=f"{list(names)} as objects", exchange=exchange
    )


def hollow_problem(name: str, item_id: object, value: object) -> str:
    """A relation expanded to ``{}`` though the item read without ``expand`` holds a value."""
    return f"{name!r} of {item_id} is expanded to {{}} though its value is {value!r}"
