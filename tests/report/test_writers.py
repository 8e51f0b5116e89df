"""write_reports: all three files, atomically, and a one-line ConfigError for a bad directory."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.report import write_reports
from conformance.report import writers as writers_module
from tests.report.samples import rich_document

NAMES = ["compliance.json", "compliance.html", "junit.xml", "badge.svg"]


def test_writes_the_four_reports_into_a_new_directory(tmp_path: Path) -> None:
    target = tmp_path / "deep" / "reports"
    written = write_reports(rich_document(), target)
    assert [p.name for p in written] == NAMES
    assert sorted(os.listdir(target)) == sorted(NAMES)  # no temporary files left behind
    assert json.loads((target / "compliance.json").read_text("utf-8")) == rich_document()


def test_rewriting_replaces_whole_files(tmp_path: Path) -> None:
    write_reports(rich_document(), tmp_path)
    document = rich_document()
    document["seed"] = 99
    write_reports(document, tmp_path)
    assert json.loads((tmp_path / "compliance.json").read_text("utf-8"))["seed"] == 99
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_a_failed_rename_keeps_the_old_file_and_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_reports(rich_document(), tmp_path)
    before = (tmp_path / "compliance.json").read_bytes()

    def refuse(src: str, dst: str) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", refuse)
    document = rich_document()
    document["seed"] = 99
    with pytest.raises(ConfigError, match="No space left on device"):
        write_reports(document, tmp_path)
    assert (tmp_path / "compliance.json").read_bytes() == before
    assert sorted(os.listdir(tmp_path)) == sorted(NAMES)


def test_a_rendering_error_writes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(document: object) -> str:
        raise RuntimeError("template bug")

    monkeypatch.setattr(writers_module, "render_junit", broken)
    with pytest.raises(RuntimeError, match="template bug"):
        write_reports(rich_document(), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_a_directory_that_cannot_be_created_is_a_one_line_config_error(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    with pytest.raises(ConfigError) as caught:
        write_reports(rich_document(), blocker / "reports")
    message = str(caught.value)
    assert "cannot create report directory" in message
    assert "\n" not in message


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores directory permissions")
def test_a_read_only_directory_is_a_config_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="not writable"):
            write_reports(rich_document(), tmp_path)
    finally:
        tmp_path.chmod(0o700)
