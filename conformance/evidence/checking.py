"""Reading a report directory back against its manifest: every artifact, every exchange and
every status, and the signature when a public key is given. What differs is named, one line
each; judging the exchanges again is the ``verify`` command's second step (the audit's judges).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.evidence.exchange_log import EXCHANGES_JSONL, KeyRoles, read_log, read_roles
from conformance.evidence.manifest import MANIFEST_JSON, SIGNATURE_FILE, file_hash, read_manifest
from conformance.evidence.sealing import ARTIFACTS
from conformance.evidence.signing import fingerprint, load_public_key, signature_holds
from conformance.http import Exchange
from conformance.report import MANIFEST_SCHEMA, schema_errors

SHOWN = 10  # differences of one kind listed one by one; the rest counted


@dataclass(slots=True)
class Reading:
    """What a report directory holds, and how it differs from its manifest."""

    manifest: dict[str, Any]
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    document: dict[str, Any] | None = None
    exchanges: list[Exchange] | None = None
    roles: KeyRoles = field(default_factory=KeyRoles)
    signature: str = "not signed"  # what the summary says of the signature


def read_report_dir(report_dir: Path, public_key: Path | None) -> Reading:
    """ConfigError when the directory holds no readable manifest (or the key is unreadable)."""
    manifest, data = read_manifest(report_dir)
    key = load_public_key(public_key) if public_key is not None else None
    reading = Reading(manifest)
    _signature(reading, report_dir, data, key)
    if _follows_schema(reading):  # else nothing in it can be relied on to check the rest
        _artifacts(reading, report_dir)
        _exchanges(reading, report_dir)
        _document(reading, report_dir)
    return reading


def _follows_schema(reading: Reading) -> bool:
    """A manifest of this format and version that is not of its schema was edited."""
    errors = schema_errors(reading.manifest, MANIFEST_SCHEMA)
    reading.differences += [
        f"{MANIFEST_JSON} does not follow specs/{MANIFEST_SCHEMA}: {error[:200]}"
        for error in errors[:SHOWN]
    ]
    return not errors


def _signature(reading: Reading, report_dir: Path, data: bytes, key: Any) -> None:
    path = report_dir / SIGNATURE_FILE
    stated = reading.manifest.get("signature")
    stated = stated if isinstance(stated, dict) else {} if stated is None else {"key_sha256": "?"}
    if not path.is_file():
        if stated:
            reading.differences.append(
                f"{SIGNATURE_FILE} is missing, though the manifest says the report was signed"
            )
        elif key is not None:
            reading.differences.append(
                f"the report is not signed (no {SIGNATURE_FILE}), but a public key was given"
            )
        return
    if key is None:
        reading.notes.append(
            f"the manifest is signed (key SHA-256 {(stated or {}).get('key_sha256')}); the "
            "signature was not checked: give --public-key"
        )
        reading.signature = "signed, the signature not checked"
        return
    signature = path.read_text(encoding="ascii", errors="replace").strip()
    if not signature_holds(key, data, signature):
        reading.differences.append(
            f"{SIGNATURE_FILE} does not verify with the public key (SHA-256 "
            f"{fingerprint(key)}): the manifest was changed, or signed with another key"
        )
        return
    reading.signature = "the signature holds"


def _artifacts(reading: Reading, report_dir: Path) -> None:
    listed = dict(reading.manifest["artifacts"])
    for name in ARTIFACTS:
        if name not in listed and (report_dir / name).is_file():
            reading.differences.append(f"{name} is not in the manifest: added after the seal")
    for name, expected in listed.items():
        path = report_dir / name
        if Path(name).name != name:
            reading.differences.append(f"the manifest names {name!r}, which is not a file here")
        elif not path.is_file():
            reading.differences.append(f"{name} is missing")
        elif file_hash(path) != expected:
            reading.differences.append(f"{name} was changed: its SHA-256 is not the manifest's")


def _listed(kind: str, numbers: list[int]) -> list[str]:
    shown = [f"exchange #{n} was {kind}" for n in numbers[:SHOWN]]
    if len(numbers) > SHOWN:
        shown.append(f"... and {len(numbers) - SHOWN} more exchanges were {kind}")
    return shown


def _exchanges(reading: Reading, report_dir: Path) -> None:
    listed = reading.manifest.get("exchanges") or {}
    expected: list[str] = list(listed.get("sha256") or [])
    path = report_dir / str(listed.get("file") or EXCHANGES_JSONL)
    if not path.is_file():
        reading.differences.append(f"{path.name} is missing: no exchange can be checked")
        return
    exchanges: list[Exchange] = []
    changed, added, seen = [], [], set()
    try:
        reading.roles = read_roles(path)
        for logged in read_log(path):
            seq = logged.exchange.seq
            exchanges.append(logged.exchange)
            if not 1 <= seq <= len(expected) or seq in seen:
                added.append(seq)
            elif expected[seq - 1] != logged.sha256:
                changed.append(seq)
            seen.add(seq)
    except ConfigError as exc:
        reading.differences.append(f"{exc}: the exchange log was changed")
        return
    removed = [n for n in range(1, len(expected) + 1) if n not in seen]
    for kind, numbers in (("changed", changed), ("removed", removed), ("added", added)):
        reading.differences += _listed(kind, numbers)
    reading.exchanges = exchanges


def _document(reading: Reading, report_dir: Path) -> None:
    try:
        document = json.loads((report_dir / "compliance.json").read_text(encoding="utf-8"))
        statuses = {r["id"]: r["status"] for r in document["requirements"]}
    except (OSError, ValueError, KeyError, TypeError):
        reading.differences.append("compliance.json cannot be read as a compliance document")
        return
    reading.document = document
    recorded = dict(reading.manifest.get("requirements") or {})
    for rid in sorted(set(recorded) | set(statuses)):
        if statuses.get(rid) != recorded.get(rid):
            reading.differences.append(
                f"{rid}: compliance.json says {statuses.get(rid)}, the manifest recorded "
                f"{recorded.get(rid)}"
            )
    if reading.exchanges is not None:
        _evidence(reading, document, {e.seq: e for e in reading.exchanges})


def _evidence(reading: Reading, document: dict[str, Any], log: dict[int, Exchange]) -> None:
    """Every exchange quoted as evidence is the log's exchange of that number."""
    for requirement in document["requirements"]:
        for evidence in requirement.get("evidence") or ():
            for record in evidence.get("exchanges") or ():
                seq = record.get("seq")
                if seq is None or seq not in log:
                    continue
                logged = log[seq]
                shown = {
                    "method": (record.get("method"), logged.method),
                    "url": (record.get("url"), logged.url),
                    "status": (record.get("status"), logged.status),
                    "response body": (record.get("response_body") or "", logged.response_body),
                    "request body": (record.get("request_body") or "", logged.request_body),
                }
                for name, (quoted, kept) in shown.items():
                    if quoted != kept:
                        reading.differences.append(
                            f"{requirement['id']}: its evidence shows exchange #{seq} with "
                            f"another {name} than the log ({str(quoted)[:60]}, the log "
                            f"{str(kept)[:60]})"
                        )
