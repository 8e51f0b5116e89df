"""badge.svg: the verdict, the catalogue version and the date, for a vendor's README.

Plain SVG 1.1, self-contained (no fonts, images or links fetched), shaped like the usual
two-part badges. Text widths are estimated from the characters, so no font metrics are needed.
A targeted run's badge says so: ``conformant (12/44)``, the requirements it selected.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any
from xml.sax.saxutils import escape

from conformance.report.selection import partial_fraction

LABEL = "Plane API"
COLOURS = MappingProxyType(
    {"conformant": "#2e7d32", "non-conformant": "#c62828", "incomplete": "#ef6c00"}
)
_NARROW = frozenset("ijlt.,:;!|' ()[]-1")
_HEIGHT = 20


def _width(text: str) -> int:
    """Rough width in pixels of ``text`` at 11 px in a sans-serif face."""
    return round(sum(3.5 if c in _NARROW else 7.0 for c in text)) + 12


def badge_text(document: Mapping[str, Any]) -> str:
    """The right-hand text: ``conformant | catalogue 1.0 | 2026-11-29``; a targeted run's
    ``conformant (12/44) | ...``."""
    version = document.get("catalogue", {}).get("version") or "?"
    date = str(document.get("started_at", ""))[:10]
    fraction = partial_fraction(document)
    verdict = f"{document['verdict']} ({fraction})" if fraction else document["verdict"]
    return f"{verdict} | catalogue {version} | {date}"


def render_badge(document: Mapping[str, Any]) -> str:
    label, value = LABEL, badge_text(document)
    left, right = _width(label), _width(value)
    total = left + right
    colour = COLOURS.get(document["verdict"], "#555")
    title = f"{label}: {value}"
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{total}" height="{_HEIGHT}" '
        f'role="img" aria-label="{escape(title)}">\n'
        f"  <title>{escape(title)}</title>\n"
        f'  <rect width="{left}" height="{_HEIGHT}" rx="3" fill="#555"/>\n'
        f'  <rect x="{left}" width="{right}" height="{_HEIGHT}" rx="3" fill="{colour}"/>\n'
        f'  <rect x="{left}" width="4" height="{_HEIGHT}" fill="{colour}"/>\n'
        '  <g fill="#fff" font-family="DejaVu Sans,Verdana,Geneva,sans-serif" font-size="11" '
        'text-anchor="middle">\n'
        f'    <text x="{left / 2:g}" y="14">{escape(label)}</text>\n'
        f'    <text x="{left + right / 2:g}" y="14">{escape(value)}</text>\n'
        "  </g>\n"
        "</svg>\n"
    )
