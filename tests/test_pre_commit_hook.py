"""The pre-commit hook works as a project uses it: a ``.pre-commit-config.yaml`` naming this
repository (a clone of it, at its HEAD) and the hook; ``pre-commit run`` passes a clean
description and fails a broken one, showing the finding.

pre-commit installs the hook's environment from the clone with pip, which needs the project's
dependencies from a package index or pip's cache; where neither is reachable the test is skipped
with that reason (the hook itself is not at fault). The install costs most of ten CPU seconds, so
it happens once per test session (``pre-commit install-hooks``, in a folder every worker shares):
each test then runs the hook in a copy of the project, from that store, as a project's second
commit does. (``pre-commit try-repo`` would install it afresh on every call.)
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.shared_folder import shared_folder

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "tests" / "lint" / "cases"
HOOK = "plane-conformance-lint"
NO_INDEX = "pre-commit could not install the hook's environment (no package index?)"

pytestmark = pytest.mark.slow


@dataclass(frozen=True, slots=True)
class Consumer:
    """A project that uses the hook: a git repository with descriptions in it."""

    folder: Path
    env: dict[str, str]

    def run(self, *files: str) -> subprocess.CompletedProcess[str]:
        return _pre_commit(self.folder, self.env, "run", HOOK, "--files", *files)


def _pre_commit(folder: Path, env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", *args],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def _git(folder: Path, *args: str) -> str:
    done = subprocess.run(["git", *args], cwd=folder, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _environment(shared: Path) -> dict[str, str]:
    return {**os.environ, "PRE_COMMIT_HOME": str(shared / "store"), "PRE_COMMIT_COLOR": "never"}


def _install(shared: Path) -> None:
    """A clone of this repository, a project whose config names it, and pre-commit's store with
    the hook's environment in it; or a file ``skip`` saying why there can be none."""
    clone = shared / "plane-conformance"
    _git(shared, "clone", "--quiet", str(ROOT), str(clone))
    if not (clone / ".pre-commit-hooks.yaml").is_file():
        (shared / "skip").write_text("the checked-out commit has no .pre-commit-hooks.yaml yet")
        return
    project = shared / "project"
    project.mkdir()
    _git(project, "init", "--quiet")
    config = {"repos": [{"repo": str(clone), "rev": _git(clone, "rev-parse", "HEAD"),
                         "hooks": [{"id": HOOK}]}]}  # fmt: skip
    (project / ".pre-commit-config.yaml").write_text(json.dumps(config))  # JSON is YAML
    shutil.copy(CASES / "base.yaml", project / "openapi.yaml")
    shutil.copy(CASES / "missing-404.yaml", project / "broken.openapi.yaml")
    (project / "notes.yaml").write_text("not: an OpenAPI description\n")
    _git(project, "add", "-A")
    installed = _pre_commit(project, _environment(shared), "install-hooks")
    output = installed.stdout + installed.stderr
    if installed.returncode == 3 and "pip" in output and "install" in output:
        (shared / "skip").write_text(NO_INDEX)
    else:
        assert installed.returncode == 0, output


@pytest.fixture
def consumer(tmp_path_factory: pytest.TempPathFactory, tmp_path: Path) -> Consumer:
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("needs git and a git checkout of this project")
    pytest.importorskip("pre_commit", reason="pre-commit is not installed (pip install pre-commit)")
    shared = shared_folder(tmp_path_factory, "pre-commit", _install)
    if (shared / "skip").exists():
        pytest.skip((shared / "skip").read_text())
    folder = Path(shutil.copytree(shared / "project", tmp_path / "project"))
    return Consumer(folder, _environment(shared))


def test_a_clean_description_passes(consumer: Consumer) -> None:
    result = consumer.run("openapi.yaml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "plane-conformance lint" in result.stdout
    assert "Passed" in result.stdout


def test_a_broken_description_fails_with_its_finding(consumer: Consumer) -> None:
    result = consumer.run("broken.openapi.yaml", "notes.yaml")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "PLN-HTTP-05 not-found-documented: 1 error finding" in result.stdout
    assert "broken.openapi.yaml:80:7:" in result.stdout
    assert "notes.yaml" not in result.stdout  # not a description: the hook's files: leaves it out
