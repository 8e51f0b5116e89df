"""From the end of a run to the exit code: the verdict, the baseline gate, an interrupt."""

from __future__ import annotations

import io
from typing import Any

import pytest

from conformance.errors import HarnessError
from conformance.runner.display import RunDisplay
from conformance.runner.execution import run_exit_code
from conformance.settings import SuiteSettings


def finished(verdict: str, *, interrupted: bool = False, gate: Any = None) -> RunDisplay:
    display = RunDisplay(io.StringIO(), live=False)
    display.document = {
        "verdict": verdict,
        "interrupted": interrupted,
        "summary": {"pass": 1, "fail": 0},
        "requests": {"total": 1, "keyed": 1, "throttled": 0, "waited_s": 0.0},
        "duration_s": 1.0,
        "requirements": [
            {"id": "PAG-04", "level": "MUST", "status": "fail", "waived": False, "reason": "r"}
        ],
        "gate": {"baseline": gate, "waivers": None},
    }
    return display


@pytest.mark.parametrize(
    ("verdict", "code"),
    [("conformant", 0), ("non-conformant", 1), ("incomplete", 3)],
)
def test_the_verdict_decides_without_a_baseline(verdict: str, code: int) -> None:
    assert run_exit_code(SuiteSettings(), finished(verdict), 0) == code


def test_with_a_baseline_the_gate_decides() -> None:
    # still non-conformant, but nothing regressed against the baseline: the gate passes
    gate = {"path": "b.json", "regressions": [], "lost": [], "fixed": []}
    assert run_exit_code(SuiteSettings(), finished("non-conformant", gate=gate), 1) == 0
    regressed = {"path": "b.json", "regressions": ["PAG-04"], "lost": [], "fixed": []}
    assert run_exit_code(SuiteSettings(), finished("non-conformant", gate=regressed), 1) == 1


def test_an_interrupt_is_130_with_or_without_a_report() -> None:
    display = finished("incomplete", interrupted=True)
    display.interrupted = True
    assert run_exit_code(SuiteSettings(), display, 2) == 130
    empty = RunDisplay(io.StringIO(), live=False)
    empty.interrupted = True
    assert run_exit_code(SuiteSettings(), empty, 2) == 130


def test_no_report_without_an_interrupt_is_a_harness_error() -> None:
    with pytest.raises(HarnessError, match="pytest exit code 3"):
        run_exit_code(SuiteSettings(), RunDisplay(io.StringIO(), live=False), 3)


def test_a_usage_error_of_the_plugin_is_exit_2() -> None:
    """pytest has shown its one line (a bad --operation, --openapi): nothing to add."""
    assert run_exit_code(SuiteSettings(), RunDisplay(io.StringIO(), live=False), 4) == 2
