"""``fields`` and ``expand``: which keys an object shows, which of its ids become objects.

``fields=a,b`` keeps exactly those keys; ``expand=a,b`` replaces each named relation id (or list
of ids) with the object(s) it names. Empty segments are ignored; an unknown field, or a name that
is not an expandable relation of the resource, is a 400 that names every offender.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from conformance.reference.errors import ApiError
from conformance.reference.kinds import KINDS, Kind
from conformance.reference.presenting import PROJECTIONS, present
from conformance.reference.store import Record, Store


def _names(raw: str | None) -> tuple[str, ...]:
    if raw is None:
        return ()
    return tuple(dict.fromkeys(part.strip() for part in raw.split(",") if part.strip()))


@dataclass(frozen=True, slots=True)
class Selection:
    """The keys to keep (None: all) and the relations to expand, for one kind of resource."""

    kind: Kind
    fields: tuple[str, ...] | None = None
    expand: tuple[str, ...] = ()
    # what the server shows for a null relation it was asked to expand (a variation: {})
    null_expanded: Any = None
    # keys shown whatever ``fields`` says (a fault)
    always: tuple[str, ...] = ()

    @classmethod
    def parse(
        cls,
        kind: Kind,
        query: Mapping[str, str],
        faults: frozenset[str] = frozenset(),
        variations: frozenset[str] = frozenset(),
    ) -> Selection:
        fields = _names(query.get("fields"))
        unknown = [name for name in fields if name not in kind.fields]
        problems: dict[str, Any] = {}
        if unknown and "fields-empty-objects" in faults:
            fields = tuple(name for name in fields if name in kind.fields) or ("",)
        elif unknown and "unknown-fields-ignored" in faults:
            fields = tuple(name for name in fields if name in kind.fields)
        elif unknown:
            named = unknown[:1] if "fields-error-names-first-only" in faults else unknown
            problems["invalid_fields"] = named
            if "first-error-only" in variations:
                _refuse(problems)
        expand = _names(query.get("expand"))
        refused = [name for name in expand if name not in kind.relations]
        if refused and "unknown-expand-ignored" in faults:
            expand = tuple(name for name in expand if name in kind.relations)
        elif refused:
            problems["invalid_expand"] = refused
        if problems:
            _refuse(problems)
        if "fields-ignored" in faults:
            fields = ()
        if "expand-ignored" in faults or (fields and "fields-expand-conflict" in faults):
            expand = ()
        return cls(
            kind=kind,
            fields=fields or None,
            expand=expand,
            null_expanded=None if "null-expands-to-null" in variations else {},
            always=("members",) if "module-members-always" in faults else (),
        )

    def apply(self, store: Store, user_id: str, record: Record) -> Record:
        """`record` (already presented) cut to the selected fields, with relations expanded."""
        shown = (
            dict(record)
            if self.fields is None
            else {k: record[k] for k in (*self.fields, *self.always) if k in record}
        )
        for name in self.expand:
            if name in shown:
                expanded = _expand(store, user_id, self.kind.relations[name], shown[name])
                shown[name] = self.null_expanded if expanded is None else expanded
        return shown


def _expand(store: Store, user_id: str, target: str, value: Any) -> Any:
    if isinstance(value, list):
        return [_expand(store, user_id, target, item) for item in value]
    related = store.get(target, value)
    if related is None:
        return None
    whole = present(store, target, related, user_id) if target in KINDS else related
    projection = PROJECTIONS.get(target)
    return whole if projection is None else {k: whole[k] for k in projection}


def _refuse(problems: Mapping[str, list[str]]) -> None:
    """One 400 naming every invalid name of ``fields`` and of ``expand`` the request holds."""
    parts = []
    if "invalid_fields" in problems:
        parts.append(f"invalid fields: {', '.join(problems['invalid_fields'])}")
    if "invalid_expand" in problems:
        parts.append(f"cannot expand: {', '.join(problems['invalid_expand'])}")
    code = "invalid_fields" if "invalid_fields" in problems else "invalid_expand"
    details: dict[str, Any] = dict(problems)
    raise ApiError(400, "; ".join(parts), code=code, **details)
