"""The ``plane-conformance`` command as a shell sees it: what each command was asked for on
stdout, progress and diagnostics on stderr; a reader that goes away ends it quietly."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conformance.cli import EXIT_BROKEN_PIPE, build_parser

ROOT = Path(__file__).resolve().parents[1]
GUARD_S = 120.0  # only stops a broken command from hanging the test run


def environment() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("PLANE_")}


def cli(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "conformance", *args],
        capture_output=True,
        text=True,
        env=environment(),
        cwd=cwd,
        timeout=GUARD_S,
        check=False,
    )


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(("requirements",), id="requirements"),
        pytest.param(("requirements", "--format", "json"), id="requirements-json"),
        pytest.param(("lint", "--list-rules"), id="lint-list-rules"),
        pytest.param(("serve", "--list-faults"), id="serve-list-faults"),
        pytest.param(("serve", "--list-variations"), id="serve-list-variations"),
        pytest.param(("serve", "--print-openapi"), id="serve-print-openapi"),
    ],
)
def test_a_reader_that_closes_the_pipe_ends_a_listing_quietly(
    tmp_path: Path, args: tuple[str, ...]
) -> None:
    """``plane-conformance requirements | head -3``: the reader is gone before the first write
    (the worst case), and the command ends with 141, as SIGPIPE ends ``cat``, and no word."""
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        finished = subprocess.run(
            [sys.executable, "-m", "conformance", *args],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            env=environment(),
            cwd=tmp_path,
            timeout=GUARD_S,
            check=False,
        )
    finally:
        os.close(write_end)
    assert (finished.returncode, finished.stderr) == (EXIT_BROKEN_PIPE, "")


def test_lint_findings_go_to_stdout_and_an_unreadable_file_to_stderr(tmp_path: Path) -> None:
    """Every file is linted; each unreadable one is one line on stderr; the exit code is the
    worst of the files' (2 for a file that cannot be linted)."""
    (tmp_path / "binary.yaml").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "broken.yaml").write_text("a: [1\n")
    spec = str(ROOT / "specs" / "plane.openapi.yaml")
    finished = cli(tmp_path, "lint", "binary.yaml", spec, "broken.yaml", "--format", "summary")
    assert finished.returncode == 2
    assert finished.stderr.splitlines() == [
        "plane-conformance lint: error: binary.yaml: a binary file, not YAML or JSON text",
        "plane-conformance lint: error: broken.yaml:2:1: not valid YAML: did not find expected "
        "',' or ']'",
    ]
    assert "PLN-OAS-01" in finished.stdout  # the readable file was linted
    alone = cli(tmp_path, "lint", spec, "--format", "summary")
    assert (alone.stdout, alone.stderr) == (finished.stdout, "")


@pytest.mark.slow  # a (targeted) run of the suite on the real clock, then its audit and verify
def test_results_go_to_stdout_progress_to_stderr_and_no_report_is_lost(tmp_path: Path) -> None:
    run = cli(tmp_path, "run", "--only", "AUTH-01", "--report-dir", "first")
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("verdict: conformant"), run.stdout
    assert "report: first/manifest.json" in run.stdout.splitlines()
    assert "seed " in run.stderr
    assert "tests; estimate:" in run.stderr
    assert "verdict" not in run.stderr
    assert "report:" not in run.stderr
    assert "deleting the scratch project pc" in run.stderr

    # a second run into the same directory refuses, one line, and the first report stays
    manifest = (tmp_path / "first" / "manifest.json").read_bytes()
    again = cli(tmp_path, "run", "--only", "AUTH-01", "--report-dir", "first")
    assert again.returncode == 2
    assert again.stdout == ""
    assert again.stderr.startswith(
        "plane-conformance run: error: first holds the reports of a run of "
    )
    assert again.stderr.rstrip().endswith("or give --overwrite to replace them")
    assert (tmp_path / "first" / "manifest.json").read_bytes() == manifest

    # an audit's verdict is a result; into the run's own directory it may not write at all
    audit = cli(tmp_path, "audit", "first", "--report-dir", "audited")
    assert audit.returncode == 3, audit.stderr
    assert audit.stdout.startswith("verdict: incomplete (an audit")
    assert audit.stderr == ""
    assert cli(tmp_path, "audit", "first", "--report-dir", "first").returncode == 2
    har_like = cli(tmp_path, "audit", "first", "--report-dir", "audited")
    assert har_like.returncode == 2
    assert "audited holds the reports of an audit of " in har_like.stderr
    replaced = cli(tmp_path, "audit", "first", "--report-dir", "audited", "--overwrite")
    assert replaced.returncode == 3
    assert "audited holds the reports of an audit" in replaced.stderr
    assert "replaced, as --overwrite asks" in replaced.stderr
    assert "replaced" not in replaced.stdout

    verify = cli(tmp_path, "verify", "first")
    assert verify.returncode == 0, verify.stdout
    assert verify.stdout.startswith("verified: ")
    assert verify.stderr == ""

    requirements = cli(tmp_path, "requirements")
    assert requirements.stdout.rstrip().endswith("44 requirements")
    assert requirements.stderr == ""


def test_serve_prints_where_it_listens_on_stdout(
    tmp_path: Path,
) -> None:
    with (tmp_path / "out").open("wb") as out, (tmp_path / "err").open("wb") as err:
        process = subprocess.Popen(
            [sys.executable, "-m", "conformance", "serve", "--port", "0"],
            stdout=out,
            stderr=err,
            env=environment(),
            cwd=tmp_path,
        )
    try:
        deadline = time.monotonic() + GUARD_S
        while "Press Ctrl-C to stop." not in (tmp_path / "out").read_text():
            assert process.poll() is None, (tmp_path / "err").read_text()
            assert time.monotonic() < deadline, "serve never announced itself"
            time.sleep(0.05)
    finally:
        process.terminate()
        process.wait(timeout=GUARD_S)
    printed = (tmp_path / "out").read_text()
    assert printed.startswith("base URL:   http://127.0.0.1:")
    assert "API key:    plane_api_" in printed
    assert "base URL" not in (tmp_path / "err").read_text()


def test_serve_help_shows_its_defaults() -> None:
    text = _help("serve")
    for option, default in [
        ("--host", "default 127.0.0.1"),
        ("--port", "default 8000"),
        ("--workspace", "default plane-conformance"),
        ("--rate-limit", "default 60"),
        ("--rate-window", "default 60"),
        ("--per-page-default", "default 100"),
        ("--per-page-max", "default 100"),
    ]:
        entry = text.split(f"\n  {option} ", 1)[1].split("\n  --", 1)[0]
        # argparse wraps at a hyphen too: compared without white space
        assert default.replace(" ", "") in "".join(entry.split()), (option, entry)


def test_run_help_describes_the_profile_and_the_no_forms() -> None:
    text = " ".join(_help("run").split())
    assert "--profile {full,smoke} which checks run: full = every GET operation" in text
    assert "Each on/off option has a --no- form (--no-read-only)" in text
    assert "example budget" not in text


def _help(command: str) -> str:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    help_text: str = sub.choices[command].format_help()
    return help_text
