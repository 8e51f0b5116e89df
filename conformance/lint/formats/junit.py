"""JUnit XML: a test suite per document, a test case per rule; findings at or above the
failing severity make the case fail, the rest go to its system-out."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from collections.abc import Sequence

from conformance.lint.findings import LintReport, Severity
from conformance.lint.formats.text import format_finding
from conformance.lint.rule import Rule


def render(reports: Sequence[LintReport], rules: Sequence[Rule], fail_severity: Severity) -> str:
    root = ElementTree.Element("testsuites", name="plane-conformance lint")
    total_failures = 0
    for report in reports:
        suite = ElementTree.SubElement(root, "testsuite", name=report.file)
        failures = 0
        for rule in rules:
            case = ElementTree.SubElement(
                suite, "testcase", classname=report.file, name=f"{rule.id} {rule.name}"
            )
            own = [finding for finding in report.findings if finding.rule == rule.id]
            failing = [finding for finding in own if finding.severity >= fail_severity]
            if failing:
                failures += 1
                failure = ElementTree.SubElement(
                    case,
                    "failure",
                    type=rule.severity.value,
                    message=f"{len(failing)} finding(s): {failing[0].message}",
                )
                failure.text = "\n".join(format_finding(report.file, f) for f in failing)
            rest = [finding for finding in own if finding not in failing]
            if rest:
                out = ElementTree.SubElement(case, "system-out")
                out.text = "\n".join(format_finding(report.file, f) for f in rest)
        suite.set("tests", str(len(rules)))
        suite.set("failures", str(failures))
        suite.set("errors", "0")
        total_failures += failures
    root.set("tests", str(len(rules) * len(reports)))
    root.set("failures", str(total_failures))
    ElementTree.indent(root)
    return ElementTree.tostring(root, encoding="unicode", xml_declaration=True) + "\n"
