"""Renderers of lint reports: text, a one-line-per-rule summary, JSON, SARIF 2.1.0, JUnit XML
and self-contained HTML.

Each renderer is ``render(reports, rules, fail_severity) -> str``; ``FORMATS`` maps the
``--format`` names to the modules that hold them, imported only when chosen.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from types import MappingProxyType

from conformance.lint.findings import LintReport, Severity
from conformance.lint.rule import Rule

Renderer = Callable[[Sequence[LintReport], Sequence[Rule], Severity], str]

FORMATS = MappingProxyType(
    {
        "text": "conformance.lint.formats.text",
        "summary": "conformance.lint.formats.summary",
        "json": "conformance.lint.formats.json_document",
        "sarif": "conformance.lint.formats.sarif",
        "junit": "conformance.lint.formats.junit",
        "html": "conformance.lint.formats.html",
    }
)


def renderer(name: str) -> Renderer:
    module = importlib.import_module(FORMATS[name])
    render: Renderer = module.render
    return render
