"""Write every report of a run into the report directory, each file whole or not at all."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance.report.atomic import prepare_directory, write_text_atomically
from conformance.report.badge import render_badge
from conformance.report.html import render_html
from conformance.report.junit import render_junit

COMPLIANCE_JSON = "compliance.json"
COMPLIANCE_HTML = "compliance.html"
JUNIT_XML = "junit.xml"
BADGE_SVG = "badge.svg"


def render_json(document: Mapping[str, Any]) -> str:
    """compliance.json text: stable key order as built, two-space indent, UTF-8."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def write_reports(document: Mapping[str, Any], report_dir: Path) -> list[Path]:
    """Write compliance.json, compliance.html, junit.xml and badge.svg; ConfigError if the
    directory is unusable.

    Everything is rendered before the first file is written, so a rendering bug leaves the
    previous reports in place instead of a mixed set.
    """
    rendered = {
        COMPLIANCE_JSON: render_json(document),
        COMPLIANCE_HTML: render_html(document),
        JUNIT_XML: render_junit(document),
        BADGE_SVG: render_badge(document),
    }
    report_dir = Path(report_dir)
    prepare_directory(report_dir)
    return [write_text_atomically(report_dir / name, text) for name, text in rendered.items()]
