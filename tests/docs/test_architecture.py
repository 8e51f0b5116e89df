"""docs/ARCHITECTURE.md stays true to the code: every file and folder it names exists, and its
table of parts names every part of the package."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_parts import PARTS

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "ARCHITECTURE.md"
TEXT = DOC.read_text(encoding="utf-8")
NAMED = sorted(set(re.findall(r"`((?:conformance|specs|tests|docs)/[\w./-]*)`", TEXT)))


def test_the_document_names_paths() -> None:
    assert len(NAMED) > 30


@pytest.mark.parametrize("path", NAMED)
def test_every_path_it_names_exists(path: str) -> None:
    assert (ROOT / path).exists(), f"docs/ARCHITECTURE.md names {path}, which does not exist"


def test_the_table_names_every_part() -> None:
    table = set(re.findall(r"^\| `conformance/(\w+)/` \|", TEXT, re.M))
    assert table == set(PARTS)


def test_it_is_one_page() -> None:
    assert len(TEXT.splitlines()) <= 100
