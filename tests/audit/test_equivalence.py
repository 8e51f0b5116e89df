"""A HAR recorded from the reference server under a fault gives, for each requirement the
traffic shows, the verdict ``run`` gave; so does the run's own report directory, audited."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.cli import main
from conformance.evidence import read_log
from conformance.reference import ServerConfig
from tests.audit.har_files import har_entry, write_har
from tests.suite_runs import KEYS, run_suite

PLACEHOLDERS = {"$PLANE_API_KEY": KEYS[0], "$PLANE_API_KEY_2": KEYS[1]}
# One fault or more for each area, and the clean server.
FAULTS = [
    "",
    "invalid-key-403",
    "auth-error-plaintext",
    "bearer-accepted",
    "create-returns-200",
    "delete-not-gone",
    "unknown-id-403",
    "drf-error-shapes",
    "default-page-1000",
    "count-is-total",
    "cursor-offset-is-items",
    "off-by-one-repeat",
    "prev-cursor-wrong-page",
    "cursor-lenient",
    "reset-seconds-until",
    "remaining-constant",
    "no-retry-after",
    "window-never-resets",
    "shared-limit",
    "fields-ignored",
    "unknown-expand-ignored",
]


# Where the audit keeps evidence apart and the suite's tests do not: the combine test fails
# FLD-05 on the extra fields FLD-01 already fails for; the audit leaves them to FLD-01 alone.
APART = {"fields-ignored": {"FLD-05"}}


def statuses(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in document["requirements"]}


def audited(source: Path, out: Path) -> dict[str, Any]:
    code = main(["audit", str(source), "--report-dir", str(out)])
    document: dict[str, Any] = json.loads((out / "compliance.json").read_text())
    assert code == {"conformant": 0, "non-conformant": 1, "incomplete": 3}[document["verdict"]]
    return document


def differences(run: dict[str, Any], audit: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """Requirements the audit decided otherwise than the run (untested ones are not decided)."""
    ran, seen = statuses(run), statuses(audit)
    return {
        rid: (ran[rid], status)
        for rid, status in seen.items()
        if status != "untested" and status != ran[rid]
    }


@pytest.mark.parametrize("fault", FAULTS, ids=[f or "clean" for f in FAULTS])
def test_a_har_of_a_run_is_judged_as_the_run_judged_it(
    fault: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = run_suite(ServerConfig(faults=frozenset({fault} - {""})), tmp_path)
    report = tmp_path / "report"
    exchanges = [logged.exchange for logged in read_log(report / "exchanges.jsonl")]
    har = write_har(tmp_path / "traffic.har", (har_entry(e, PLACEHOLDERS) for e in exchanges))
    monkeypatch.setenv("PLANE_API_KEY", KEYS[0])
    monkeypatch.setenv("PLANE_API_KEY_2", KEYS[1])
    from_har = audited(har, tmp_path / "from-har")
    assert set(differences(run, from_har)) == APART.get(fault, set())
    assert sum(s != "untested" for s in statuses(from_har).values()) >= 30
    failing = {rid for rid, status in statuses(run).items() if status == "fail"}
    failing -= APART.get(fault, set())
    assert failing <= {r for r, s in statuses(from_har).items() if s in ("fail", "untested")}
    # the run's own exchange log, audited again, judges alike
    from_report = audited(report, tmp_path / "from-report")
    assert statuses(from_report) == statuses(from_har)


def test_untested_requirements_say_why(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_suite(ServerConfig(), tmp_path)
    document = audited(tmp_path / "report", tmp_path / "audit")
    reasons = {r["id"]: r["reason"] for r in document["requirements"] if r["status"] == "untested"}
    assert reasons["AUTH-04"] == "not shown by the traffic"
    assert set(reasons) <= {"AUTH-04", "HTTP-06", "PAG-02"}  # PAG-02: its page was cut
    assert "schema" in reasons["HTTP-06"]
    assert document["profile"] == "audit"
    assert document["source"]["kind"] == "report"
    assert "no request was sent" in document["notes"][0]
