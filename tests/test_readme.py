"""The README's quick start is what CI runs, and the CLI it documents exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def quick_start() -> list[str]:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line and not line.startswith("#")]


def test_quick_start_is_two_commands() -> None:
    main_job, tests = quick_start()
    assert main_job == "pip install . && plane-conformance run"
    assert tests.startswith('pip install -e ".[test]" && ')


def test_ci_runs_the_readme_test_command() -> None:
    _, tests = quick_start()
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = tests.split(" && ")
    assert 'pip install --quiet -e ".[test]"' in ci  # the first step, quietly
    for step in steps[1:]:
        assert re.search(rf"^{re.escape(step)}$", ci, re.M), f"{step!r} is not a line of .ci/run"
