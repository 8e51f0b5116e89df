"""One audit: read recorded traffic (a HAR file or a report's exchange log), judge it, and write
the same reports a run writes, sealed by a manifest. No request is sent."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from conformance.audit.document import audit_document
from conformance.audit.har import collect_secrets, read_har
from conformance.audit.judging import judge
from conformance.catalogue import load_catalogue
from conformance.errors import ConfigError
from conformance.evidence import (
    EXCHANGES_JSONL,
    KeyRoles,
    RunFacts,
    read_log,
    read_roles,
    seal,
    stated_version,
    write_log,
)
from conformance.evidence.manifest import file_hash
from conformance.http import Exchange
from conformance.report import write_reports

DOCUMENTED = {"per_page_default": 100, "per_page_max": 100, "rate_limit": 60, "rate_window_s": 60}


@dataclass(frozen=True, slots=True)
class Recorded:
    """What was read: the exchanges, who the keys were, the parameters, where it came from."""

    exchanges: list[Exchange]
    roles: KeyRoles
    parameters: dict[str, int]
    source: dict[str, Any]


def read_report(directory: Path, parameters: Mapping[str, int | None]) -> Recorded:
    """An earlier report's exchange log, with the parameters its run used (unless given)."""
    log = directory / EXCHANGES_JSONL
    if not log.is_file():
        raise ConfigError(
            f"{directory} has no {EXCHANGES_JSONL}: not a report directory, or one written "
            "before reports kept their exchanges"
        )
    roles = read_roles(log)
    used = dict(DOCUMENTED)
    try:
        earlier = json.loads((directory / "compliance.json").read_text(encoding="utf-8"))
        used |= {k: v for k, v in earlier.get("parameters", {}).items() if k in used}
        target = earlier.get("target", {})
    except (OSError, ValueError, AttributeError):
        target = {}
    used |= {k: v for k, v in parameters.items() if v is not None}
    exchanges = [logged.exchange for logged in read_log(log)]
    source = {
        "kind": "report",
        "path": str(directory),
        "sha256": file_hash(log),
        "base_url": target.get("base_url", ""),
        "workspace": target.get("workspace", ""),
    }
    return Recorded(exchanges, roles, used, source)


def read_traffic(
    path: Path, keys: Mapping[str, str], parameters: Mapping[str, int | None]
) -> Recorded:
    """A HAR file; ``keys``: placeholder -> key for the keys the auditor named."""
    secrets = collect_secrets(path, keys)
    exchanges = list(read_har(path, secrets))
    used = dict(DOCUMENTED) | {k: v for k, v in parameters.items() if v is not None}
    source = {"kind": "har", "path": str(path), "sha256": file_hash(path)}
    return Recorded(exchanges, secrets.roles, used, source)


def audit(recorded: Recorded, report_dir: Path) -> dict[str, Any]:
    """Judge ``recorded``, write the reports into ``report_dir``; the document."""
    live = [r.id for r in load_catalogue().requirements if not r.retired]
    verdicts = judge(recorded.exchanges, recorded.roles, recorded.parameters, live)
    placeholders = sorted(recorded.roles.valid)
    document = audit_document(
        verdicts, recorded.exchanges, recorded.parameters, recorded.source, placeholders
    )
    write_reports(document, report_dir)
    hashes = write_log(report_dir / EXCHANGES_JSONL, recorded.exchanges, recorded.roles)
    facts = RunFacts(
        kind="audit",
        source={k: recorded.source[k] for k in ("kind", "path", "sha256")},
        server_version=stated_version(recorded.exchanges),
        rejudged=verdicts.statuses(),
    )
    seal(document, report_dir, hashes, facts)
    return document
