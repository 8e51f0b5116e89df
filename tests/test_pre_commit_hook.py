"""The pre-commit hook works from a clone: ``pre-commit try-repo`` passes a clean description and
fails a broken one, showing the finding.

pre-commit installs the hook's environment from the clone with pip, which needs the project's
dependencies from a package index or pip's cache; where neither is reachable the test is skipped
with that reason (the hook itself is not at fault). It takes about half a minute.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "lint" / "cases"
HOOK = "plane-conformance-lint"


@dataclass(frozen=True, slots=True)
class Consumer:
    """A project that uses the hook: a git repository with descriptions in it."""

    folder: Path
    hook_repository: Path
    env: dict[str, str]

    def try_repo(self, *files: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "pre_commit", "try-repo", str(self.hook_repository)]
        return subprocess.run(
            [*command, HOOK, "--files", *files],
            cwd=self.folder,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
        )


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True)


@pytest.fixture(scope="module")
def consumer(tmp_path_factory: pytest.TempPathFactory) -> Consumer:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of this project")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    base = tmp_path_factory.mktemp("pre-commit")
    clone = base / "plane-conformance"
    _git(base, "clone", "--quiet", str(ROOT), str(clone))
    if not (clone / ".pre-commit-hooks.yaml").is_file():
        pytest.skip("the checked-out commit has no .pre-commit-hooks.yaml yet (uncommitted?)")
    folder = base / "project"
    folder.mkdir()
    _git(folder, "init", "--quiet")
    shutil.copy(CASES / "base.yaml", folder / "openapi.yaml")
    shutil.copy(CASES / "missing-404.yaml", folder / "broken.openapi.yaml")
    (folder / "notes.yaml").write_text("not: an OpenAPI description\n")
    _git(folder, "add", "-A")
    env = {**os.environ, "PRE_COMMIT_HOME": str(base / "cache"), "PRE_COMMIT_COLOR": "never"}
    return Consumer(folder, clone, env)


def _skip_if_the_environment_could_not_be_installed(
    result: subprocess.CompletedProcess[str],
) -> None:
    output = result.stdout + result.stderr
    if result.returncode == 3 and "pip" in output and "install" in output:
        pytest.skip("pre-commit could not install the hook's environment (no package index?)")


def test_a_clean_description_passes(consumer: Consumer) -> None:
    result = consumer.try_repo("openapi.yaml")
    _skip_if_the_environment_could_not_be_installed(result)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plane-conformance lint" in result.stdout
    assert "Passed" in result.stdout


def test_a_broken_description_fails_with_its_finding(consumer: Consumer) -> None:
    result = consumer.try_repo("broken.openapi.yaml", "notes.yaml")
    _skip_if_the_environment_could_not_be_installed(result)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "PLN-HTTP-05 not-found-documented: 1 error finding" in result.stdout
    assert "broken.openapi.yaml:80:7:" in result.stdout
    assert "notes.yaml" not in result.stdout  # not a description: the hook's files: leaves it out
