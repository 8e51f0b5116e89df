"""Shared fixtures of the linter tests: where the cases are, and a run of the CLI."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.cli import main

CASES = Path(__file__).parent / "cases"
DATA = Path(__file__).parent / "data"
SNAPSHOTS = Path(__file__).parent / "snapshots"
PROJECT_SPEC = Path(__file__).parents[2] / "conformance" / "specs" / "plane.openapi.yaml"


@dataclass(frozen=True, slots=True)
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def lint_cli(capsys: pytest.CaptureFixture[str]) -> Callable[..., CliResult]:
    """Run ``plane-conformance lint ARGS`` in-process; exits (argparse) become codes."""

    def run(*args: str | Path) -> CliResult:
        try:
            code = main(["lint", *map(str, args)])
        except SystemExit as exc:
            code = int(exc.code or 0)
        captured = capsys.readouterr()
        return CliResult(code, captured.out, captured.err)

    return run
