"""The public surface of conformance.report, pinned (the plugin and the CLI import these)."""

from __future__ import annotations

import subprocess
import sys

import conformance.report


def test_exported_members() -> None:
    assert sorted(conformance.report.__all__) == [
        "Evidence",
        "ExchangeRecord",
        "Gate",
        "RunInfo",
        "TestOutcome",
        "Waiver",
        "apply_baseline",
        "apply_waivers",
        "build_document",
        "gate_exit_code",
        "load_baseline",
        "load_gate",
        "load_waivers",
        "schema_errors",
        "write_reports",
    ]
    for name in conformance.report.__all__:
        assert getattr(conformance.report, name).__module__.startswith("conformance.report.")


def test_the_report_package_does_not_import_pytest_or_the_http_layer() -> None:
    code = (
        "import sys, conformance.report; "
        "print(sorted(m for m in ('pytest', 'httpx', 'conformance.http', 'conformance.plugin') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
