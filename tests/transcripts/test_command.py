"""``plane-conformance transcript``: record's one-line refusals, compare's exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conformance.cli import main
from conformance.transcripts.command import BUNDLED
from tests.loopback import closed_port


def test_the_bundled_transcript_matches_itself(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["transcript", "compare", str(BUNDLED)]) == 0
    assert capsys.readouterr().out.startswith("0 differences in ")


def test_a_transcript_that_differs_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(BUNDLED.read_text(encoding="utf-8"))
    data["entries"][0]["status"] = 500
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(data), encoding="utf-8")
    assert main(["transcript", "compare", str(changed)]) == 1
    first = data["entries"][0]["name"]
    assert capsys.readouterr().out.startswith(f"{first}: status ")


def test_record_without_a_key_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("PLANE_API_KEY", raising=False)
    target = f"http://127.0.0.1:{closed_port()}/api/v1"
    args = ["--target", target, "--workspace", "w", "--out", str(tmp_path / "t.json")]
    assert main(["transcript", "record", *args]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "plane-conformance transcript: error: set $PLANE_API_KEY to the API key of the server "
        "to record"
    ]


def test_record_against_nothing_is_one_line(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PLANE_API_KEY", "plane_api_" + "9" * 32)
    target = f"http://127.0.0.1:{closed_port()}/api/v1"
    args = ["--target", target, "--workspace", "w", "--out", str(tmp_path / "t.json")]
    assert main(["transcript", "record", *args]) == 2
    (line,) = capsys.readouterr().err.splitlines()
    assert line.startswith("plane-conformance transcript: error: the recording stopped: ")
    assert "9999" not in line
    assert not (tmp_path / "t.json").exists()
