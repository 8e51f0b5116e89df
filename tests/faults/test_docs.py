"""docs/FAULTS.md is the fault matrix generated from the catalogue, and is up to date."""

from __future__ import annotations

from pathlib import Path

from tests.faults.fault_docs import fault_matrix_markdown

DOC = Path(__file__).resolve().parents[2] / "docs" / "FAULTS.md"


def test_fault_docs_are_generated_from_the_catalogue() -> None:
    assert DOC.read_text(encoding="utf-8") == fault_matrix_markdown(), (
        "regenerate: python -m tests.faults.fault_docs > docs/FAULTS.md"
    )


def test_every_requirement_has_a_fault() -> None:
    assert "**none**" not in fault_matrix_markdown()
