"""A targeted run in the report: the requirements it did not select are ``not selected``.

``not selected`` is neither a pass nor a skip: the verdict, the exit code and the baseline
comparison count only the selected requirements, and what a selected test said about another
requirement is dropped, so that it cannot move the verdict either. Every report says that the
run was partial, and what was selected (``selection`` in compliance.json).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

from conformance.report.model import Selection, TestOutcome

NOT_SELECTED = "not selected"


def restrict(outcome: TestOutcome, selected: frozenset[str]) -> TestOutcome | None:
    """What ``outcome`` says about the selected requirements only (None: nothing); evidence
    that names another requirement goes with it."""
    kept = tuple(rid for rid in outcome.requirements if rid in selected)
    evidence = tuple(
        e for e in outcome.evidence if e.requirement is None or e.requirement in selected
    )
    named = {e.requirement for e in evidence if e.requirement is not None}
    if not kept and not named:
        return None
    if len(evidence) == len(outcome.evidence) and kept == outcome.requirements:
        return outcome
    message = outcome.message
    if outcome.outcome == "failed" and evidence != outcome.evidence:
        message = "; ".join(dict.fromkeys(e.message for e in evidence)) or message
    return replace(outcome, requirements=kept, evidence=evidence, message=message)


def restricted(
    outcomes: Sequence[TestOutcome], selection: Selection | None
) -> tuple[TestOutcome, ...]:
    """The outcomes as the report counts them: all of them, unless the run was targeted."""
    if selection is None:
        return tuple(outcomes)
    found = (restrict(o, selection.requirements) for o in outcomes)
    return tuple(o for o in found if o is not None)


def options_text(only: Sequence[str], operations: Sequence[str], last_failed: bool) -> str:
    """The options that chose a selection, as the command line gives them."""
    parts = [f"--only {','.join(only)}"] if only else []
    parts += [f"--operation '{label}'" for label in operations]
    if last_failed:
        parts.append("--last-failed")
    return " ".join(parts)


def not_selected_reason(selection: Selection) -> str:
    """The reason a requirement the selection left out states."""
    chosen = options_text(selection.only, selection.operations, selection.last_failed)
    return f"not selected: the run was limited by {chosen}"


def selection_section(selection: Selection, live: Sequence[str]) -> dict[str, Any]:
    """The ``selection`` object of compliance.json (present only in a targeted run)."""
    chosen = [rid for rid in live if rid in selection.requirements]
    return {
        "only": list(selection.only),
        "operations": list(selection.operations),
        "last_failed": selection.last_failed,
        "requirements": chosen,
        "selected": len(chosen),
        "of": len(live),
    }


def partial_text(document: Mapping[str, Any]) -> str | None:
    """``12 of 44 requirements selected`` for a targeted run's document; None for a full one."""
    selection = document.get("selection")
    if not selection:
        return None
    return f"{selection['selected']} of {selection['of']} requirements selected"


def partial_fraction(document: Mapping[str, Any]) -> str | None:
    """``12/44`` for a targeted run's document (the badge's short form); None for a full one."""
    selection = document.get("selection")
    if not selection:
        return None
    return f"{selection['selected']}/{selection['of']}"
