"""FLD, judged where a recorded request asked for ``fields`` or ``expand``."""

from __future__ import annotations

import uuid
from typing import Any

from conformance.audit.scope import Scope
from conformance.audit.traffic import Call, detail_of, list_of
from conformance.checks.pagination import items_of, positive_int
from conformance.checks.selection import (
    exact_fields_problems,
    expanded_problems,
    has_relation_values,
    missing_fields_problems,
)
from conformance.judgements.selection import expansion_judged, hollow_problem, names_refused


def _names(call: Call, parameter: str) -> list[str]:
    value = call.param(parameter)
    return [n for n in value.split(",") if n] if value else []


def _carried(items: list[Any], name: str) -> bool:
    return any(isinstance(item, dict) and name in item for item in items)


def _related(items: list[Any], name: str) -> bool:
    return any(
        isinstance(item, dict) and name in item and _relation_value(item[name]) for item in items
    )


def _relation_value(value: Any) -> bool:
    if value is None or isinstance(value, dict | list):
        return True
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return True


def _expanded_alone(scope: Scope) -> set[tuple[str, str]]:
    """(path, relation) for each relation that ``expand`` alone (without ``fields``) turned into
    objects on that path: where a combined request that did not expand it fails FLD-05 (where
    ``expand`` alone fails too, that is FLD-03's deviation, judged on that request)."""
    found: set[tuple[str, str]] = set()
    for call in scope.keyed():
        fields, expand = _names(call, "fields"), _names(call, "expand")
        if call.method != "GET" or fields or not expand or call.status != 200 or not call.whole:
            continue
        items = items_of(call.body)
        for name in expand:
            broken = any(expanded_problems(item, [name], "") for item in items)
            if has_relation_values(items, [name]) and not broken:
                found.add((call.path, name))
    return found


def judge_fields(scope: Scope) -> None:
    check = scope.check
    plain: dict[str, dict[str, Any]] = {}  # item id -> the item as last read without expand
    expanded_alone = _expanded_alone(scope)
    for call in scope.keyed():
        collection = list_of(call.path) or detail_of(call.path)
        if call.method != "GET" or collection is None:
            continue
        fields, expand = _names(call, "fields"), _names(call, "expand")
        if not call.whole:
            continue  # an answer cut at the evidence limit shows no item whole
        items = items_of(call.body) if call.status == 200 else []
        if not fields and not expand:
            plain.update({str(i["id"]): i for i in items if isinstance(i, dict) and "id" in i})
            continue
        what = f"GET {call.exchange.url}"
        # The surface names a few fields and relations of each collection, not all: a name the
        # answer's items carry is a field the server has, and one they carry as a relation (an
        # object, a list, null, or an id the server failed to expand: FLD-03's to judge) is a
        # relation, whatever the surface lists.
        unknown = [n for n in fields if n not in collection.fields and not _carried(items, n)]
        unexpandable = [
            n for n in expand if n not in collection.relations and not _related(items, n)
        ]
        if unknown or unexpandable:
            _judge_refusal(scope, call, fields, unknown, unexpandable)
            continue
        requirement = "FLD-05" if fields and expand else "FLD-01" if fields else "FLD-03"
        if not check.that(
            requirement, call.status == 200, f"{what} got {call.status}", exchange=call.exchange
        ):
            continue
        missing: list[str] = []
        for index, item in enumerate(items):
            where = f"item {index}"
            if fields:
                exact = exact_fields_problems(item, fields, where)
                check.expect("FLD-01", exact, expected=f"exactly {fields}", exchange=call.exchange)
                # an extra field is FLD-01's deviation; a missing one breaks the combination too
                missing += missing_fields_problems(item, fields, where)
        if not expand:
            continue
        if not fields:
            _judge_expansion(scope, call, items, expand, "FLD-03", plain)
            continue
        if missing:
            check.expect("FLD-05", missing, exchange=call.exchange)
        alone = [n for n in expand if (call.path, n) in expanded_alone]
        if _expansion_problems(items, expand, plain):
            # the combination's deviation where expand alone expands; else FLD-03's, judged
            # on expand alone (FLD-05 is left undecided)
            if alone:
                _judge_expansion(scope, call, items, alone, "FLD-05", plain)
        else:
            for requirement in ("FLD-03", *(() if missing else ("FLD-05",))):
                _judge_expansion(scope, call, items, expand, requirement, plain)


def _judge_refusal(
    scope: Scope, call: Call, fields: list[str], unknown: list[str], unexpandable: list[str]
) -> None:
    """FLD-02 on unknown names in ``fields``, FLD-04 on names ``expand`` cannot expand; where a
    request holds both, or ``per_page`` above the maximum beside them, each is judged only
    where the answer decides it (``shared_refusal_problems``)."""
    size = positive_int(call.param("per_page") or "")
    above = size is not None and size > scope.traffic.parameters["per_page_max"]
    both = (bool(unknown) and bool(unexpandable)) or above
    cases = [("FLD-02", f"fields={','.join(fields)}", name) for name in unknown] + [
        ("FLD-04", f"expand={name}", name) for name in unexpandable
    ]
    for rid, what, name in cases:
        names_refused(scope.check, rid, call, what, [name], shared=both)


def _expansion_problems(
    items: list[Any], names: list[str], plain: dict[str, dict[str, Any]]
) -> list[str]:
    """Each relation with a value is an object; one expanded to ``{}`` must have had nothing
    to expand, as the item read without expand shows (where the traffic has it)."""
    judged = [n for n in names if has_relation_values(items, [n])]
    problems: list[str] = []
    for index, item in enumerate(items):
        problems += expanded_problems(item, judged, f"item {index}")
        if not isinstance(item, dict):
            continue
        before = plain.get(str(item.get("id")), {})
        for name in names:
            if item.get(name) == {} and name in before and before[name] not in (None, "", []):
                problems.append(hollow_problem(name, item.get("id"), before[name]))
    return problems


def _judge_expansion(
    scope: Scope,
    call: Call,
    items: list[Any],
    names: list[str],
    requirement: str,
    plain: dict[str, dict[str, Any]],
) -> None:
    """``requirement`` on the expansion of ``names`` (``_expansion_problems``), where an item
    has a value to expand or a problem shows."""
    problems = _expansion_problems(items, names, plain)
    if problems or any(has_relation_values(items, [n]) for n in names):
        judged = [n for n in names if has_relation_values(items, [n])]
        expansion_judged(scope.check, requirement, problems, judged, call.exchange)
