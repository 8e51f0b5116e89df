"""FLD, judged where a recorded request asked for ``fields`` or ``expand``."""

from __future__ import annotations

import uuid
from typing import Any

from conformance.audit.scope import Scope
from conformance.audit.traffic import Call, detail_of, list_of
from conformance.checks.bodies import refusal_problems
from conformance.checks.pagination import items_of
from conformance.checks.selection import (
    exact_fields_problems,
    expanded_problems,
    has_relation_values,
    missing_fields_problems,
)


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


def judge_fields(scope: Scope) -> None:
    check = scope.check
    plain: dict[str, dict[str, Any]] = {}  # item id -> the item as last read without expand
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
        if unknown:
            check.expect(
                "FLD-02",
                refusal_problems(call.response, f"fields={','.join(fields)}", naming=unknown),
                expected=f"400 naming {unknown}",
                exchange=call.exchange,
            )
            continue
        if unexpandable:
            for name in unexpandable:
                check.expect(
                    "FLD-04",
                    refusal_problems(call.response, f"expand={name}", naming=[name]),
                    expected=f"400 naming {name!r}",
                    exchange=call.exchange,
                )
            continue
        requirement = "FLD-05" if fields and expand else "FLD-01" if fields else "FLD-03"
        if not check.that(
            requirement, call.status == 200, f"{what} got {call.status}", exchange=call.exchange
        ):
            continue
        for index, item in enumerate(items):
            where = f"item {index}"
            if fields:
                exact = exact_fields_problems(item, fields, where)
                check.expect("FLD-01", exact, expected=f"exactly {fields}", exchange=call.exchange)
                if expand:  # an extra field is FLD-01's deviation; a missing one breaks both
                    check.expect(
                        "FLD-05",
                        missing_fields_problems(item, fields, where),
                        exchange=call.exchange,
                    )
        if expand:
            _judge_expansion(scope, call, items, expand, requirement, plain)


def _judge_expansion(
    scope: Scope,
    call: Call,
    items: list[Any],
    names: list[str],
    requirement: str,
    plain: dict[str, dict[str, Any]],
) -> None:
    """Each relation with a value is an object; one expanded to ``{}`` must have had nothing
    to expand, as the item read without expand shows (where the traffic has it)."""
    judged = [n for n in names if has_relation_values(items, [n])]
    for index, item in enumerate(items):
        scope.check.expect(
            requirement,
            expanded_problems(item, judged, f"item {index}"),
            expected=f"{judged} as objects",
            exchange=call.exchange,
        )
        if not isinstance(item, dict):
            continue
        before = plain.get(str(item.get("id")), {})
        for name in names:
            if item.get(name) == {} and name in before:
                scope.check.that(
                    requirement,
                    before[name] in (None, "", []),
                    f"{name!r} of {item.get('id')} is expanded to {{}} though its value is "
                    f"{before[name]!r}",
                    observed="{}",
                    exchange=call.exchange,
                )
