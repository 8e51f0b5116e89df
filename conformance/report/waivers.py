"""Waivers: known deviations of one target, as data (a YAML list of id, reason, expires).

A waived failure stays ``fail`` but is marked ``waived`` and no longer decides the verdict. A
waiver whose requirement passes is stale (delete it); one whose date has passed is expired and
not applied; one for a requirement that neither failed nor passed is listed as inapplicable
(among them those a targeted run did not select: their waivers are not stale, only unused).
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from conformance.errors import ConfigError
from conformance.report.verdict import refresh

_KEYS = frozenset({"id", "reason", "expires"})


@dataclass(frozen=True, slots=True)
class Waiver:
    """One accepted deviation, valid up to and including ``expires``."""

    id: str
    reason: str
    expires: dt.date


def load_waivers(path: Path, known_ids: Collection[str] | None = None) -> tuple[Waiver, ...]:
    """Parse a waiver file; ConfigError (one line) when malformed or naming an unknown ID.

    ``known_ids`` defaults to the catalogue's IDs.
    """
    try:
        entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read waivers {path}: {exc.strerror or exc}") from None
    except yaml.YAMLError as exc:
        where = getattr(exc, "problem_mark", None)
        line = f" line {where.line + 1}" if where is not None else ""
        raise ConfigError(f"waivers {path}{line} is not valid YAML") from None
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise ConfigError(f"waivers {path} must be a YAML list of {{id, reason, expires}}")
    if known_ids is None:
        from conformance.catalogue import load_catalogue

        known_ids = load_catalogue().ids
    waivers = tuple(
        _parse_entry(path, index, entry, known_ids) for index, entry in enumerate(entries)
    )
    seen: set[str] = set()
    for waiver in waivers:
        if waiver.id in seen:
            raise ConfigError(f"waivers {path}: {waiver.id} is waived twice")
        seen.add(waiver.id)
    return waivers


def _parse_entry(path: Path, index: int, entry: object, known_ids: Collection[str]) -> Waiver:
    where = f"waivers {path} entry {index + 1}"
    if not isinstance(entry, dict):
        raise ConfigError(f"{where} must be a mapping with id, reason, expires")
    keys = set(map(str, entry))
    if missing := sorted(_KEYS - keys):
        raise ConfigError(f"{where} lacks {', '.join(missing)}")
    if extra := sorted(keys - _KEYS):
        raise ConfigError(f"{where} has unknown keys {', '.join(extra)}")
    rid, reason, expires = entry["id"], entry["reason"], entry["expires"]
    if not isinstance(rid, str) or rid not in known_ids:
        raise ConfigError(f"{where} names unknown requirement {rid!r}")
    if not isinstance(reason, str) or not reason.strip():
        raise ConfigError(f"{where} ({rid}) needs a non-empty reason")
    if isinstance(expires, str):
        try:
            expires = dt.date.fromisoformat(expires)
        except ValueError:
            raise ConfigError(f"{where} ({rid}) expires is not YYYY-MM-DD") from None
    if isinstance(expires, dt.datetime) or not isinstance(expires, dt.date):
        raise ConfigError(f"{where} ({rid}) expires is not YYYY-MM-DD")
    return Waiver(rid, reason.strip(), expires)


def apply_waivers(
    document: Mapping[str, Any],
    waivers: Sequence[Waiver],
    today: dt.date,
    path: Path | str = "",
) -> dict[str, Any]:
    """A copy of ``document`` with the waivers applied, the verdict recomputed, gate.waivers set."""
    updated = copy.deepcopy(dict(document))
    by_id: dict[str, dict[str, Any]] = {r["id"]: r for r in updated["requirements"]}
    applied: list[str] = []
    stale: list[dict[str, str]] = []
    expired: list[dict[str, str]] = []
    inapplicable: list[dict[str, str]] = []
    for waiver in waivers:
        requirement = by_id.get(waiver.id)
        status = requirement["status"] if requirement is not None else "untested"
        if waiver.expires < today:
            expired.append(
                {"id": waiver.id, "reason": waiver.reason, "expires": waiver.expires.isoformat()}
            )
        elif requirement is not None and status == "fail":
            requirement["waived"] = True
            requirement["waiver"] = {"reason": waiver.reason, "expires": waiver.expires.isoformat()}
            applied.append(waiver.id)
        elif status == "pass":
            stale.append({"id": waiver.id, "reason": waiver.reason})
        else:
            inapplicable.append({"id": waiver.id, "reason": waiver.reason, "status": status})
    updated["gate"]["waivers"] = {
        "path": str(path),
        "applied": applied,
        "stale": stale,
        "expired": expired,
        "inapplicable": inapplicable,
    }
    return refresh(updated)
