"""FLEET.toml: the targets of a fleet run, each a ``[[target]]`` table of run settings.

A target table holds ``name`` and the settings of one ``plane-conformance run``, keyed as in
``plane-conformance.toml`` (the long option names, ``${VAR}`` expanded), read by the same reader
against the one table of settings. Keys at the top of the file are settings every target
shares; a target's own table overrides them. The file is the whole description of each run:
``PLANE_CONFORMANCE_*`` variables and ``plane-conformance.toml`` do not reach its targets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.runner.config_file import config_table, read_toml
from conformance.runner.settings import table_settings
from conformance.settings import SETTING_NAMES, SETTINGS, SuiteSettings

TARGETS_KEY = "target"
NAME_KEY = "name"
# a directory name on every system: no separators, no leading dot
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$")
# the fleet's own files in the report directory (``document.FLEET_JSON``, ``FLEET_HTML``; the
# document's module reads this one's, so it cannot be imported here): no target may take them
FLEET_JSON, FLEET_HTML = "fleet.json", "fleet.html"
_FLEET_FILES = frozenset({FLEET_JSON, FLEET_HTML})
# settings the fleet decides for every target
_FLEET_DECIDES = frozenset({"report_dir", "overwrite"})


@dataclass(frozen=True, slots=True)
class FleetTarget:
    """One target of the fleet: its name (the directory of its reports) and its run's settings."""

    name: str
    settings: SuiteSettings


def read_fleet_file(
    path: Path, environ: Mapping[str, str], report_dir: Path, *, overwrite: bool = False
) -> tuple[FleetTarget, ...]:
    """The targets of ``path``, each with its settings checked and its reports going to
    ``report_dir/<name>``; ConfigError (one line) for anything wrong in the file, before any
    target runs."""
    raw = read_toml(path, "fleet file")
    tables = raw.pop(TARGETS_KEY, None)
    if not isinstance(tables, list) or not tables or not all(isinstance(t, dict) for t in tables):
        raise ConfigError(f"fleet file {path} has no [[target]] tables")
    shared = _settings_keys(raw, f"fleet file {path}")
    lists = frozenset(s.name for s in SETTINGS if s.kind is tuple)
    known = SETTING_NAMES - _FLEET_DECIDES
    # the shared keys checked once, their errors naming the file
    config_table(dict(shared.values()), path, known, environ, lists)
    targets: list[FleetTarget] = []
    for number, table in enumerate(tables, 1):
        name = table.get(NAME_KEY)
        if not isinstance(name, str) or not _NAME.match(name) or name in _FLEET_FILES:
            raise ConfigError(
                f"fleet file {path}: target #{number} needs a name of letters, digits, '.', '_' "
                f"and '-', not {FLEET_JSON} or {FLEET_HTML} (it names the directory of its "
                f"reports), not {name!r}"
            )
        if name in {t.name for t in targets}:
            raise ConfigError(f"fleet file {path}: two targets are named {name!r}")
        where = f"fleet file {path}, target {name!r}"
        own = _settings_keys({k: v for k, v in table.items() if k != NAME_KEY}, where)
        values = dict((shared | own).values())
        if not own.get("target", ("", ""))[1]:  # the top's "target" is the list of tables
            raise ConfigError(f"{where}: no target (the API base URL ending in /api/v1)")
        # the reader's messages name this path: the file and the target's table
        table_path = path.with_name(f"{path.name}, target {name!r}")
        file = config_table(values, table_path, known, environ, lists)
        try:
            settings = table_settings(file, report_dir=report_dir / name, overwrite=overwrite)
        except ConfigError as exc:
            raise ConfigError(f"{where}: {exc}") from None
        targets.append(FleetTarget(name=name, settings=settings))
    return tuple(targets)


def _settings_keys(table: Mapping[str, Any], where: str) -> dict[str, tuple[str, Any]]:
    """``table`` by field name, each with the key as written; a key the fleet decides is
    refused."""
    values: dict[str, tuple[str, Any]] = {}
    for key, value in table.items():
        name = key.replace("-", "_")
        if name in _FLEET_DECIDES:
            raise ConfigError(
                f"{where}: {key!r} is the fleet's to decide (fleet --report-dir DIR writes "
                "DIR/<name>; fleet --overwrite)"
            )
        if name in values:
            raise ConfigError(f"{where}: {key!r} is set twice")
        values[name] = (key, value)
    return values
