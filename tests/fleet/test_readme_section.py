"""The README's fleet section stays true: its synopses name the options the parsers have, its
fleet file reads, and its workflow runs the commands as the CLI parses them."""

from __future__ import annotations

import argparse
import re
import shlex
from pathlib import Path

import pytest
import yaml

from conformance.cli import build_parser
from conformance.fleet.fleet_file import read_fleet_file

ROOT = Path(__file__).resolve().parents[2]
TEXT = (ROOT / "README.md").read_text(encoding="utf-8")
SECTION = TEXT.split("### `plane-conformance fleet`", 1)[1].split("\n## ", 1)[0]


def options(command: str) -> set[str]:
    parser = build_parser(command)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return {o for a in sub.choices[command]._actions for o in a.option_strings}


def synopses() -> dict[str, str]:
    [block] = re.findall(r"```\n(plane-conformance fleet .*?)```", SECTION, re.S)
    return {line.split()[1]: line for line in block.splitlines() if line}


@pytest.mark.parametrize("command", ["fleet", "merge", "diff"])
def test_each_synopsis_names_exactly_the_commands_options(command: str) -> None:
    named = set(re.findall(r"--[a-z-]+", synopses()[command]))
    assert named == options(command) - {"-h", "--help"}


def test_the_fleet_file_example_reads(tmp_path: Path) -> None:
    [example] = re.findall(r"```toml\n(.*?)```", SECTION, re.S)
    path = tmp_path / "fleet.toml"
    path.write_text(example)
    staging, eu = read_fleet_file(path, {}, tmp_path / "reports")
    assert (staging.name, eu.name) == ("staging", "eu-1")
    assert staging.settings.profile == eu.settings.profile == "smoke"
    assert eu.settings.read_only


def test_the_workflow_certifies_each_target_then_merges_and_uploads() -> None:
    [block] = re.findall(r"```yaml\n(name: Plane fleet.*?)```", SECTION, re.S)
    workflow = yaml.safe_load(block)
    certify, dashboard = workflow["jobs"]["certify"], workflow["jobs"]["dashboard"]
    assert certify["strategy"]["fail-fast"] is False
    assert dashboard["needs"] == "certify"
    assert dashboard["if"] == "always()"
    [run] = [s["run"] for s in certify["steps"] if str(s.get("run", "")).startswith("plane-")]
    # what the runner puts for ${{ matrix.name }}
    run = re.sub(r"\$\{\{ matrix\.(\w+) \}\}", r"matrix-\1", run)
    parsed = build_parser("run").parse_args(shlex.split(run)[1:])
    assert (parsed.target, parsed.report_dir) == ("matrix-url", "matrix-name")
    [merge] = [s["run"] for s in dashboard["steps"] if str(s.get("run", "")).startswith("plane-")]
    parsed = build_parser("merge").parse_args(shlex.split(merge)[1:])
    assert (parsed.report_dirs, parsed.report_dir) == (["reports/*"], "reports")
    [download] = [s for s in dashboard["steps"] if "download-artifact" in s.get("uses", "")]
    assert download["with"]["path"] == "reports"
    uploads = [s for s in dashboard["steps"] if "upload-artifact" in s.get("uses", "")]
    assert [u["with"]["path"] for u in uploads] == ["reports"]
