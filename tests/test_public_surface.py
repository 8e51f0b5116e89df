"""The public surface outside tools depend on: commands, options, plugin options, exit codes.

Names here are contracts (issues 2, 3, 5, 6): extend the expectations, never rename.
"""

from __future__ import annotations

import argparse

import pytest

import conformance
from conformance.cli import COMMANDS, build_parser

CONTRACT = {
    "run": {
        "--target",
        "--workspace",
        "--project",
        "--openapi",
        "--api-key-env",
        "--second-api-key-env",
        "--profile",
        "--read-only",
        "--report-dir",
        "--seed",
        "--rate-limit",
        "--rate-window",
        "--per-page-default",
        "--per-page-max",
        "--timeout",
        "--max-wait",
        "--baseline",
        "--waivers",
        "--sign-key",
        "--config",
        # networks (issue 15)
        "--ca-bundle",
        "--client-cert",
        "--client-key",
        "--client-key-passphrase-env",
        "--insecure",
        "--proxy",
        "--trust-env",
        "--allow-cleartext-proxy",
        "--interop",
        "--interop-gate",
        # targeted runs (issue 20)
        "--only",
        "--operation",
        "--last-failed",
    },
    "serve": {
        "--host",
        "--port",
        "--workspace",
        "--api-key",
        "--issues",
        "--rate-limit",
        "--rate-window",
        "--per-page-default",
        "--per-page-max",
        "--fault",
        "--list-faults",
        "--tls-cert",
        "--tls-key",
        "--tls-client-ca",
        "--variation",
        "--list-variations",
        "--preset",
        "--print-openapi",
    },
    "requirements": {"--format", "--area", "--level", "--where"},
    "lint": {"--format", "--output", "--fail-severity", "--ignore-file", "--strict"},
    # issue: evidence a certifier can check, audits that send no request
    "audit": {
        "--report-dir",
        "--api-key-env",
        "--second-api-key-env",
        "--rate-limit",
        "--rate-window",
        "--per-page-default",
        "--per-page-max",
    },
    "verify": {"--public-key"},
    # many targets at once, and an upgrade check (issue 23)
    "fleet": {"--report-dir", "--parallel", "--overwrite"},
    "merge": {"--report-dir", "--public-key", "--overwrite"},
    "diff": {"--format"},
}

PLUGIN_OPTIONS = {
    "--plane-target",
    "--plane-workspace",
    "--plane-project",
    "--plane-openapi",
    "--plane-api-key-env",
    "--plane-second-api-key-env",
    "--plane-profile",
    "--plane-read-only",
    "--plane-report-dir",
    "--plane-seed",
    "--plane-rate-limit",
    "--plane-rate-window",
    "--plane-per-page-default",
    "--plane-per-page-max",
    "--plane-timeout",
    "--plane-max-wait",
    "--plane-baseline",
    "--plane-waivers",
    "--plane-sign-key",
    "--plane-ca-bundle",
    "--plane-client-cert",
    "--plane-client-key",
    "--plane-client-key-passphrase-env",
    "--plane-insecure",
    "--plane-proxy",
    "--plane-trust-env",
    "--plane-allow-cleartext-proxy",
    "--plane-interop",
    "--plane-interop-gate",
    "--plane-only",
    "--plane-operation",
    "--plane-last-failed",
}


def _options(command: str) -> set[str]:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {o for a in sub.choices[command]._actions for o in a.option_strings}


def test_package_exports() -> None:
    assert conformance.__all__ == ["__version__"]
    assert conformance.__version__.count(".") == 2


def test_commands() -> None:
    assert [name for name, _, _ in COMMANDS] == [
        "run",
        "serve",
        "requirements",
        "lint",
        "audit",
        "verify",
        "fleet",
        "merge",
        "diff",
        "transcript",
    ]


@pytest.mark.parametrize("command", sorted(CONTRACT))
def test_command_options_keep_their_names(command: str) -> None:
    assert CONTRACT[command] <= _options(command)


#: ``lint --format`` names (extend, never rename): ``summary`` added with the audit (issue 7).
LINT_FORMATS = {"text", "summary", "json", "sarif", "junit", "html"}


def test_lint_formats_keep_their_names() -> None:
    parser = build_parser("lint")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    [format_option] = [a for a in sub.choices["lint"]._actions if "--format" in a.option_strings]
    assert set(format_option.choices or ()) >= LINT_FORMATS


def test_plugin_options_keep_their_names(pytestconfig: pytest.Config) -> None:
    known = {
        o for group in pytestconfig._parser._groups for opt in group.options for o in opt.names()
    }
    assert known >= PLUGIN_OPTIONS


def test_requirement_marker_is_declared(pytestconfig: pytest.Config) -> None:
    markers = pytestconfig.getini("markers")
    assert any(line.startswith("req(") for line in markers)


def test_run_exit_codes_are_documented() -> None:
    from conformance.report.baseline import gate_exit_code

    def doc(verdict: str) -> dict[str, object]:
        return {
            "verdict": verdict,
            "gate": {"baseline": None},
            "interrupted": False,
            "requirements": [],
        }

    assert [gate_exit_code(doc(v)) for v in ("conformant", "non-conformant", "incomplete")] == [
        0,
        1,
        3,
    ]


#: The files every run (and every audit) writes into its report directory: contracts too.
REPORT_FILES = {
    "compliance.json",
    "compliance.html",
    "junit.xml",
    "badge.svg",
    "exchanges.jsonl",
    "manifest.json",
}


#: The keys of manifest.json (issue 12): required by specs/manifest.schema.json, written by every
#: run and audit. Extend, never rename.
MANIFEST_KEYS = {
    "manifest", "version", "kind", "tool", "catalogue", "target", "source", "profile", "seed",
    "parameters", "started_at", "server_version", "description_sha256", "verdict",
    "requirements", "rejudged", "artifacts", "exchanges", "signature",
}  # fmt: skip


def test_the_manifest_keeps_its_keys() -> None:
    from conformance.report.schema import MANIFEST_SCHEMA, load_schema

    schema = load_schema(MANIFEST_SCHEMA)
    assert set(schema["required"]) >= MANIFEST_KEYS
    assert set(schema["properties"]) >= MANIFEST_KEYS
    assert set(schema["properties"]["exchanges"]["required"]) >= {"file", "count", "sha256"}
    assert set(schema["properties"]["artifacts"]["required"]) >= REPORT_FILES - {"manifest.json"}


def test_report_files_keep_their_names() -> None:
    from conformance.evidence import ARTIFACTS, MANIFEST_JSON, SIGNATURE_FILE
    from conformance.runner.invocation import REPORT_FILES as SHOWN

    assert {*ARTIFACTS, MANIFEST_JSON} >= REPORT_FILES
    assert set(SHOWN) >= REPORT_FILES
    assert SIGNATURE_FILE == "manifest.sig"


@pytest.mark.parametrize("command", ["audit", "verify", "fleet", "merge", "diff"])
def test_audit_and_verify_document_their_exit_codes(command: str) -> None:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    epilog = sub.choices[command].epilog or ""
    expected = {
        "audit": "0 conformant, 1 non-conformant, 2 the input cannot be read, 3 incomplete",
        "verify": "0 verified, 1 tampered, 2 unreadable",
        "fleet": "the worst target's, in the order 0 conformant, 3 incomplete, 2 could not start, "
        "1 non-conformant",
        "merge": "the worst target's, in the order 0 conformant, 3 incomplete, 1 non-conformant",
        "diff": "0 no change, 1 a change, 2 a report that cannot be read",
    }[command]
    assert expected in epilog


def test_the_fleet_document_keeps_its_keys() -> None:
    """fleet.json's keys (issue 23): extend, never rename."""
    from conformance.report.schema import load_schema

    schema = load_schema("fleet.schema.json")
    assert set(schema["required"]) >= {
        "schema_version", "kind", "verdict", "exit_code", "summary", "requirements", "targets",
    }  # fmt: skip
    assert set(schema["$defs"]["target"]["required"]) >= {
        "name", "base_url", "verdict", "exit_code", "reason", "report", "duration_s",
        "requests", "verified", "requirements",
    }  # fmt: skip
