"""Evidence a certifier can check: the run's exchange log, the manifest that hashes every
artifact and every exchange, and its optional Ed25519 signature.

``exchanges.jsonl`` and ``manifest.json`` are written with every report (``seal``);
``check_report`` reads a report directory back and names every file, exchange or status that
no longer matches what the manifest recorded. Judging the exchanges again is the audit's part.
May import: the standard library, cryptography, ``conformance.errors``, ``conformance.http``
and ``conformance.report``; never the suite, the plugin or the reference server.
"""

from __future__ import annotations

from conformance.evidence.exchange_log import (
    EXCHANGES_JSONL,
    KeyRoles,
    LogWriter,
    exchange_record,
    read_log,
    read_roles,
    write_log,
)
from conformance.evidence.manifest import (
    MANIFEST_JSON,
    SIGNATURE_FILE,
    RunFacts,
    read_manifest,
    stated_version,
)
from conformance.evidence.sealing import ARTIFACTS, seal
from conformance.evidence.signing import Signer, load_public_key, load_signer

__all__ = [
    "ARTIFACTS",
    "EXCHANGES_JSONL",
    "MANIFEST_JSON",
    "SIGNATURE_FILE",
    "KeyRoles",
    "LogWriter",
    "RunFacts",
    "Signer",
    "exchange_record",
    "load_public_key",
    "load_signer",
    "read_log",
    "read_manifest",
    "read_roles",
    "seal",
    "stated_version",
    "write_log",
]
