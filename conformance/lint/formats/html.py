"""A self-contained HTML page (inline CSS, no scripts) rendered with Jinja2: per document, a
table of the rules with findings, then a section per rule with its first locations and the rest
folded in a ``<details>`` element, which needs no script to open."""

from __future__ import annotations

from collections.abc import Sequence

from conformance import __version__
from conformance.lint.findings import LintReport, Severity
from conformance.lint.formats.groups import groups, where
from conformance.lint.rule import Rule


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    import jinja2

    environment = jinja2.Environment(
        loader=jinja2.PackageLoader("conformance.lint", "templates"),
        autoescape=jinja2.select_autoescape(default=True, default_for_string=True),
        undefined=jinja2.StrictUndefined,
    )
    template = environment.get_template("report.html.j2")
    return template.render(
        reports=reports,
        rules=rules,
        fail_severity=fail_severity,
        version=__version__,
        severities=(Severity.ERROR, Severity.WARNING, Severity.INFO),
        groups=groups,
        where=where,
    )
