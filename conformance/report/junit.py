"""junit.xml: one testcase per requirement, so CI dashboards list requirements, not test functions.

Mapping: pass -> plain testcase; fail of a MUST -> <failure type="failure">; fail of a SHOULD ->
<failure type="warning"> (still a failure element, so it is visible, but typed so a dashboard can
tell it apart); a waived fail -> <skipped type="waived"> with the observation in <system-out>;
error -> <error>; skip and untested -> <skipped> with the reason.

A targeted run's requirements that were not selected are left out: they are neither failures
nor skips, and a dashboard should count only what the run judged. Its suite then carries the
property ``selection`` ("12 of 44 requirements selected") beside the verdict.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from conformance.report.selection import NOT_SELECTED, partial_text

_NOT_XML = MappingProxyType(dict.fromkeys(c for c in range(32) if c not in (9, 10, 13)))


def render_junit(document: Mapping[str, Any]) -> str:
    """The junit.xml text of a compliance document."""
    requirements = [r for r in document["requirements"] if r["status"] != NOT_SELECTED]
    durations = {t["nodeid"]: t["duration_s"] for t in document["tests"]}
    counts = {"failures": 0, "errors": 0, "skipped": 0}
    suite = ET.Element("testsuite", name="plane-conformance")
    properties = ET.SubElement(suite, "properties")
    facts = [
        ("verdict", document["verdict"]),
        ("base_url", document["target"]["base_url"]),
        ("profile", document["profile"]),
        ("seed", str(document["seed"])),
        ("tool_version", document["tool"]["version"]),
    ]
    partial = partial_text(document)
    if partial is not None:
        facts.append(("selection", partial))
    for name, value in facts:
        ET.SubElement(properties, "property", name=name, value=_clean(value))
    for requirement in requirements:
        seconds = sum(durations.get(nodeid, 0.0) for nodeid in requirement["tests"])
        case = ET.SubElement(
            suite,
            "testcase",
            classname=requirement["area"],
            name=_clean(f"{requirement['id']} {requirement['title']}"),
            time=f"{seconds:.3f}",
        )
        kind = _add_outcome(case, requirement)
        if kind is not None:
            counts[kind] += 1
    suite.set("tests", str(len(requirements)))
    for key, value in counts.items():
        suite.set(key, str(value))
    suite.set("time", f"{document['duration_s']:.3f}")
    suite.set("timestamp", document["started_at"])
    root = ET.Element("testsuites", name="plane-conformance", tests=str(len(requirements)))
    for key, value in counts.items():
        root.set(key, str(value))
    root.append(suite)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _add_outcome(case: ET.Element, requirement: Mapping[str, Any]) -> str | None:
    status, reason = requirement["status"], _clean(requirement["reason"])
    details = _clean(_observation(requirement))
    if status == "fail" and requirement["waived"]:
        waiver = requirement.get("waiver") or {}
        message = _clean(f"waived: {waiver.get('reason', '')}")
        ET.SubElement(case, "skipped", type="waived", message=message)
        ET.SubElement(case, "system-out").text = details
        return "skipped"
    if status == "fail":
        element = ET.SubElement(case, "failure", type=requirement["severity"], message=reason)
        element.text = details
        return "failures"
    if status == "error":
        ET.SubElement(case, "error", type="error", message=reason).text = details
        return "errors"
    if status in {"skip", "untested"}:
        ET.SubElement(case, "skipped", type=status, message=reason)
        return "skipped"
    return None


def _observation(requirement: Mapping[str, Any]) -> str:
    lines = [f"{requirement['level']} {requirement['id']}: {requirement['text']}"]
    for evidence in requirement["evidence"]:
        lines.append("")
        lines.append(f"{evidence['test']}: {evidence['message']}")
        if evidence["expected"] is not None:
            lines.append(f"  expected: {evidence['expected']}")
        if evidence["observed"] is not None:
            lines.append(f"  observed: {evidence['observed']}")
        if evidence["example"] is not None:
            lines.append(
                f"  minimal failing example (seed {evidence['seed']}): {evidence['example']}"
            )
        for exchange in evidence["exchanges"]:
            lines.append(f"  reproduce with: {exchange['curl']}")
    return "\n".join(lines)


def _clean(text: str) -> str:
    """Drop control characters XML 1.0 cannot carry (a hostile body may contain them)."""
    return text.translate(_NOT_XML)
