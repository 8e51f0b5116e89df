"""The last step of every report: the exchange log, then the manifest over everything written."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from conformance.evidence.exchange_log import EXCHANGES_JSONL
from conformance.evidence.manifest import RunFacts, write_manifest
from conformance.evidence.signing import Signer
from conformance.report.writers import BADGE_SVG, COMPLIANCE_HTML, COMPLIANCE_JSON, JUNIT_XML

# pytest-html's page, written by the run beside the reports (an audit has none)
PYTEST_REPORT = "pytest-report.html"
ARTIFACTS = (COMPLIANCE_JSON, COMPLIANCE_HTML, JUNIT_XML, BADGE_SVG, PYTEST_REPORT, EXCHANGES_JSONL)


def seal(
    document: Mapping[str, Any],
    report_dir: Path,
    exchange_hashes: Sequence[str],
    facts: RunFacts,
    signer: Signer | None = None,
) -> Path:
    """Write the manifest of ``report_dir`` (every artifact there, hashed) and sign it."""
    return write_manifest(document, report_dir, ARTIFACTS, exchange_hashes, facts, signer)
