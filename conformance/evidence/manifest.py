"""manifest.json: what a report directory holds, hashed, and the facts of the run it records.

Written last, after every other file of the report; ``manifest.sig`` (when the run was given a
signing key) is the Ed25519 signature of manifest.json's bytes exactly as written.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.evidence.exchange_log import EXCHANGES_JSONL
from conformance.evidence.signing import ALGORITHM, Signer
from conformance.http import Exchange

MANIFEST_JSON = "manifest.json"
SIGNATURE_FILE = "manifest.sig"
MANIFEST_FORMAT = "plane-conformance manifest"
MANIFEST_VERSION = 1
# Response headers through which a server may state its version, in the order they are asked.
VERSION_HEADERS = ("X-Plane-Version", "X-API-Version", "Server")
_CHUNK = 1 << 20


def file_hash(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as stream:
        while chunk := stream.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stated_version(exchanges: Iterable[Exchange]) -> dict[str, str] | None:
    """The first version a response states, as {header, value}, or None."""
    found: dict[str, str] = {}
    for exchange in exchanges:
        for name in VERSION_HEADERS:
            value = exchange.response_header(name)
            if value and name not in found:
                found[name] = value
        if VERSION_HEADERS[0] in found:
            break
    for name in VERSION_HEADERS:
        if name in found:
            return {"header": name, "value": found[name]}
    return None


@dataclass(frozen=True, slots=True)
class RunFacts:
    """What the manifest states beside the hashes (``kind``: run or audit)."""

    kind: str
    source: Mapping[str, Any] = field(default_factory=dict)
    server_version: Mapping[str, str] | None = None
    description_sha256: str | None = None
    rejudged: Mapping[str, str] = field(default_factory=dict)


def build_manifest(
    document: Mapping[str, Any],
    report_dir: Path,
    artifacts: Sequence[str],
    exchange_hashes: Sequence[str],
    facts: RunFacts,
    key_id: str | None = None,
) -> dict[str, Any]:
    """The manifest of ``report_dir``: the artifacts that exist there, hashed."""
    present = [name for name in artifacts if (report_dir / name).is_file()]
    return {
        "manifest": MANIFEST_FORMAT,
        "version": MANIFEST_VERSION,
        "kind": facts.kind,
        "tool": dict(document["tool"]),
        "catalogue": dict(document.get("catalogue", {})),
        "target": dict(document["target"]),
        "source": dict(facts.source),
        "profile": document["profile"],
        "seed": document["seed"],
        "parameters": dict(document["parameters"]),
        "started_at": document["started_at"],
        "server_version": dict(facts.server_version) if facts.server_version else None,
        "description_sha256": facts.description_sha256,
        "verdict": document["verdict"],
        "requirements": {r["id"]: r["status"] for r in document["requirements"]},
        "rejudged": dict(facts.rejudged),
        "artifacts": {name: file_hash(report_dir / name) for name in present},
        "exchanges": {
            "file": EXCHANGES_JSONL,
            "count": len(exchange_hashes),
            "sha256": list(exchange_hashes),
        },
        "signature": {"algorithm": ALGORITHM, "key_sha256": key_id} if key_id else None,
    }


def render_manifest(manifest: Mapping[str, Any]) -> bytes:
    return (json.dumps(manifest, indent=1, ensure_ascii=False) + "\n").encode("utf-8")


def write_manifest(
    document: Mapping[str, Any],
    report_dir: Path,
    artifacts: Sequence[str],
    exchange_hashes: Sequence[str],
    facts: RunFacts,
    signer: Signer | None = None,
) -> Path:
    """Write manifest.json (and manifest.sig with a signer; a stale one is removed)."""
    key_id = signer.key_id if signer is not None else None
    manifest = build_manifest(document, report_dir, artifacts, exchange_hashes, facts, key_id)
    data = render_manifest(manifest)
    path = report_dir / MANIFEST_JSON
    signature = report_dir / SIGNATURE_FILE
    try:
        path.write_bytes(data)
        if signer is not None:
            signature.write_text(signer.sign(data) + "\n", encoding="ascii")
        else:
            signature.unlink(missing_ok=True)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def read_manifest(report_dir: Path) -> tuple[dict[str, Any], bytes]:
    """The manifest and its bytes; ConfigError when it is missing or unreadable."""
    path = report_dir / MANIFEST_JSON
    try:
        data = path.read_bytes()
        manifest = json.loads(data)
    except FileNotFoundError:
        raise ConfigError(f"{report_dir} has no {MANIFEST_JSON}: not a report directory") from None
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError):
        raise ConfigError(f"{path} is not JSON") from None
    if not isinstance(manifest, dict) or manifest.get("manifest") != MANIFEST_FORMAT:
        raise ConfigError(f"{path} is not a manifest of plane-conformance")
    if manifest.get("version") != MANIFEST_VERSION:
        raise ConfigError(
            f"{path} is a manifest of version {str(manifest.get('version'))[:20]}; this "
            f"plane-conformance reads version {MANIFEST_VERSION}"
        )
    return manifest, data
