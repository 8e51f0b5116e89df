"""badge.svg: the verdict, the catalogue version and the date, plain and self-contained."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from conformance.report.badge import COLOURS, render_badge

SNAPSHOT = Path(__file__).parent / "snapshots" / "badge.svg"
DOCUMENT = {
    "verdict": "non-conformant",
    "started_at": "2026-11-28T14:00:00+00:00",
    "catalogue": {"version": "1.0", "requirements": 44},
}


def test_the_badge_is_the_snapshot() -> None:
    assert render_badge(DOCUMENT) == SNAPSHOT.read_text(encoding="utf-8")


@pytest.mark.parametrize("verdict", sorted(COLOURS))
def test_each_verdict_has_its_colour_and_words(verdict: str) -> None:
    svg = render_badge({**DOCUMENT, "verdict": verdict})
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter("{http://www.w3.org/2000/svg}text")]
    assert texts == ["Plane API", f"{verdict} | catalogue 1.0 | 2026-11-28"]
    assert f'fill="{COLOURS[verdict]}"' in svg


def test_it_fetches_nothing() -> None:
    svg = render_badge(DOCUMENT)
    assert "href" not in svg
    assert "url(" not in svg
    assert "<image" not in svg
    assert svg.count("http") == 1  # the SVG namespace, never fetched
