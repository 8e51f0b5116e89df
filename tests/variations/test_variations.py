"""Legitimate variation, tested like faults: the suite run against the reference server with each
behaviour the documentation allows stays conformant, with nothing failed or errored. These are
tests for false failures, the complement of ``tests/faults``, which tests for missed faults.

And the plane preset, the model of the real Plane server: against it the suite gives, in both
modes, the status ``docs/REAL-PLANE.md`` records for every requirement; and the plane-0.23
preset, the model of Plane v0.23.1, the status ``docs/REAL-PLANE-0.23.md`` records.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conformance.reference.config import ServerConfig
from conformance.reference.presets import with_preset
from conformance.reference.variations import VARIATIONS, Variation
from tests.audit.agreement import NEVER_SHOWN, UNSHOWN_WHEN_CONFORMANT, audit_of_run, differences
from tests.real_plane_doc import MODES, expected_verdicts
from tests.suite_runs import read_run, run_suite, shared_run

OLDER_DOC = Path(__file__).resolve().parents[2] / "docs" / "REAL-PLANE-0.23.md"

pytestmark = pytest.mark.slow  # every test here is a whole run of the suite


def statuses(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: r["status"] for r in document["requirements"]}


def not_passed(document: dict[str, Any]) -> dict[str, str]:
    return {r["id"]: f"{r['status']}: {r['reason']}" for r in document["requirements"]
            if r["status"] != "pass"}  # fmt: skip


def single(tmp_path_factory: pytest.TempPathFactory, variation: str) -> Path:
    """The run against a server with the one variation, on the sampled description."""
    config = ServerConfig(variations=frozenset({variation}))
    return shared_run(tmp_path_factory, config, sample=True)


@pytest.mark.parametrize("variation", VARIATIONS, ids=lambda v: v.name)
def test_a_variation_stays_conformant(
    variation: Variation, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    run = single(tmp_path_factory, variation.name)
    document = read_run(run)
    assert not_passed(document) == {}
    assert document["verdict"] == "conformant"
    assert_audit_passes(document, run, tmp_path)


def assert_audit_passes(document: dict[str, Any], run: Path, tmp_path: Path) -> None:
    """The audit of the run's traffic (in ``run``, audited into ``tmp_path``) fails nothing and
    leaves untested only what a conformant server's recorded traffic never shows."""
    audited = audit_of_run(document, run, tmp_path)
    assert differences(document, audited) == {}
    untested = {r["id"] for r in audited["requirements"] if r["status"] == "untested"}
    assert untested <= NEVER_SHOWN | UNSHOWN_WHEN_CONFORMANT


def test_every_variation_at_once_stays_conformant(tmp_path: Path) -> None:
    everything = frozenset(v.name for v in VARIATIONS)
    document = run_suite(ServerConfig(variations=everything), tmp_path)
    assert not_passed(document) == {}
    assert_audit_passes(document, tmp_path, tmp_path)


@pytest.mark.parametrize("mode", MODES)
def test_the_plane_preset_gives_the_verdicts_measured_on_plane(mode: str, tmp_path: Path) -> None:
    config = with_preset(ServerConfig(), "plane")
    extra = ("--plane-read-only",) if mode == "read-only" else ()
    document = run_suite(config, tmp_path, *extra)
    recorded = expected_verdicts()[mode]
    got = statuses(document)
    assert {rid: (recorded[rid], got[rid]) for rid in got if got[rid] != recorded[rid]} == {}
    # the audit of that run's traffic decides nothing otherwise
    assert differences(document, audit_of_run(document, tmp_path)) == {}


@pytest.mark.parametrize("mode", MODES)
def test_the_plane_0_23_preset_gives_the_verdicts_measured_on_plane_0_23(
    mode: str, tmp_path: Path
) -> None:
    """Plane v0.23.1's model: the statuses docs/REAL-PLANE-0.23.md records, the 65 declared
    operations it lacks (28 GET) named as absent, and the bundled description named as what the run
    certified against (the release publishes none)."""
    config = with_preset(ServerConfig(), "plane-0.23")
    extra = ("--plane-read-only",) if mode == "read-only" else ()
    document = run_suite(config, tmp_path, *extra)
    recorded = expected_verdicts(OLDER_DOC)[mode]
    got = statuses(document)
    assert {rid: (recorded[rid], got[rid]) for rid in got if got[rid] != recorded[rid]} == {}
    assert differences(document, audit_of_run(document, tmp_path), config.faults) == {}
    operations = document["operations"]
    absent = {item["path"] for item in operations["items"] if item["absent"]}
    reads = {i["path"] for i in operations["items"] if i["absent"] and i["method"] == "GET"}
    # the 28 GET operations it lacks, and 37 writes (65 of 126, as on the release itself); a
    # read-only run asks no write
    assert (operations["absent"], len(reads)) == ((28, 28) if extra else (65, 28))
    assert {"users/me/", "workspaces/{slug}/projects/{project_id}/work-items/"} <= absent
    assert not any(item["exercised"] for item in operations["items"] if item["absent"])
    certified = document["certified_against"]
    assert (certified["source"], certified["location"]) == ("bundled", "specs/plane.openapi.yaml")
    assert "/api/schema/ answered 404" in certified["note"]


def test_an_endpoint_an_older_release_lacks_is_named_and_judged_by_nothing(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    """No verdict rests on an endpoint the target does not have; the report names it. (The run
    is the single variation's above: the suite asks for the project's members whatever the
    description declares.)"""
    document = read_run(single(tmp_path_factory, "no-members-endpoint"))
    assert not_passed(document) == {}
    absent = [note for note in document["notes"] if note.startswith("endpoint absent")]
    assert len(absent) == 1
    assert "/members/" in absent[0]
    assert "answered 404" in absent[0]
