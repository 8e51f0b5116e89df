"""The reports of a run: compliance.json (the contract), compliance.html, junit.xml, the CI gate.

The pytest plugin collects ``TestOutcome`` values (``model``), calls ``build_document``, applies
the gate of the run (``gate``: waivers, then a baseline) and calls ``write_reports``; the CLI
checks the gate's files before the run (``load_gate``) and asks ``gate_exit_code`` after it.
A targeted run's ``Selection`` (in ``RunInfo``) makes every requirement it left out ``not
selected`` (``selection``); ``read_failures`` reads what ``--last-failed`` re-runs (``previous``);
``claim_report_dir`` keeps the reports of an earlier run from being written over without
``--overwrite`` (``occupied``).
``pytest_html`` is a separate pytest plugin module, registered only when pytest-html is active.
May import: the standard library, Jinja2, jsonschema, PyYAML, ``conformance.errors`` and
``conformance.catalogue`` (and pytest with pytest-html, in ``pytest_html`` only). Never the
suite, the HTTP layer, the plugin or the reference server.
"""

from __future__ import annotations

from conformance.report.baseline import apply_baseline, gate_exit_code, load_baseline
from conformance.report.document import build_document
from conformance.report.gate import Gate, load_gate
from conformance.report.model import (
    CertifiedAgainst,
    Connection,
    DriftRecord,
    Evidence,
    ExchangeRecord,
    OperationRecord,
    ParameterSearch,
    RunInfo,
    Selection,
    TestOutcome,
    TriedValue,
)
from conformance.report.occupied import EarlierReport, claim_report_dir, earlier_report
from conformance.report.previous import Failures, read_failures
from conformance.report.schema import MANIFEST_SCHEMA, schema_errors
from conformance.report.waivers import Waiver, apply_waivers, load_waivers
from conformance.report.writers import write_reports

__all__ = [
    "MANIFEST_SCHEMA",
    "CertifiedAgainst",
    "Connection",
    "DriftRecord",
    "EarlierReport",
    "Evidence",
    "ExchangeRecord",
    "Failures",
    "Gate",
    "OperationRecord",
    "ParameterSearch",
    "RunInfo",
    "Selection",
    "TestOutcome",
    "TriedValue",
    "Waiver",
    "apply_baseline",
    "apply_waivers",
    "build_document",
    "claim_report_dir",
    "earlier_report",
    "gate_exit_code",
    "load_baseline",
    "load_gate",
    "load_waivers",
    "read_failures",
    "schema_errors",
    "write_reports",
]
