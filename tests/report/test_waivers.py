"""Waiver files: parsing, one-line errors, and applied / stale / expired waivers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.report import apply_waivers, load_waivers, schema_errors
from conformance.report.waivers import Waiver
from tests.report.samples import catalogue, rich_document

KNOWN = catalogue().ids
TODAY = dt.date(2026, 11, 28)


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "waivers.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_load_a_valid_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        (
            "- id: PAG-04\n  reason: vendor ticket 12\n  expires: 2027-01-31\n"
            "- {id: AUTH-04, reason: ' known ', expires: '2026-12-01'}\n"
        ),
    )
    assert load_waivers(path, KNOWN) == (
        Waiver("PAG-04", "vendor ticket 12", dt.date(2027, 1, 31)),
        Waiver("AUTH-04", "known", dt.date(2026, 12, 1)),
    )


def test_an_empty_file_waives_nothing(tmp_path: Path) -> None:
    assert load_waivers(write(tmp_path, ""), KNOWN) == ()


def test_default_known_ids_come_from_the_real_catalogue(tmp_path: Path) -> None:
    path = write(tmp_path, "- {id: PAG-04, reason: r, expires: 2027-01-01}\n")
    assert load_waivers(path)[0].id == "PAG-04"
    with pytest.raises(ConfigError, match="unknown requirement 'PAG-99'"):
        load_waivers(write(tmp_path, "- {id: PAG-99, reason: r, expires: 2027-01-01}\n"))


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("- id: [unclosed\n", "is not valid YAML", id="bad-yaml"),
        pytest.param("id: PAG-04\n", "must be a YAML list", id="not-a-list"),
        pytest.param("- PAG-04\n", "must be a mapping", id="entry-not-mapping"),
        pytest.param("- {id: PAG-04, reason: r}\n", "lacks expires", id="no-expiry"),
        pytest.param(
            "- {id: PAG-04, reason: r, expires: 2027-01-01, by: me}\n",
            "unknown keys by",
            id="extra-key",
        ),
        pytest.param(
            "- {id: XYZ-01, reason: r, expires: 2027-01-01}\n",
            "unknown requirement 'XYZ-01'",
            id="unknown-id",
        ),
        pytest.param(
            "- {id: PAG-04, reason: '', expires: 2027-01-01}\n",
            "needs a non-empty reason",
            id="empty-reason",
        ),
        pytest.param("- {id: PAG-04, reason: r, expires: soon}\n", "not YYYY-MM-DD", id="bad-date"),
        pytest.param(
            "- {id: PAG-04, reason: r, expires: 2027-01-01}\n"
            "- {id: PAG-04, reason: s, expires: 2027-01-01}\n",
            "waived twice",
            id="duplicate",
        ),
    ],
)
def test_malformed_file_is_a_one_line_config_error(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        load_waivers(write(tmp_path, text), KNOWN)
    assert "\n" not in str(caught.value)


def test_missing_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read waivers"):
        load_waivers(tmp_path / "absent.yaml", KNOWN)


def test_waiving_the_only_must_failure_makes_the_verdict_incomplete_not_failed() -> None:
    document = apply_waivers(
        rich_document(), [Waiver("PAG-04", "ticket 12", dt.date(2027, 1, 1))], TODAY, "w.yaml"
    )
    pag04 = next(r for r in document["requirements"] if r["id"] == "PAG-04")
    assert (pag04["status"], pag04["waived"]) == ("fail", True)
    assert pag04["waiver"] == {"reason": "ticket 12", "expires": "2027-01-01"}
    # HTTP-07 errored and PAG-02 was skipped: still unverified MUST requirements.
    assert document["verdict"] == "incomplete"
    assert document["summary"]["waived"] == 1
    assert document["summary"]["fail"] == 2
    assert document["gate"]["waivers"]["applied"] == ["PAG-04"]
    assert schema_errors(document) == []


def test_stale_expired_and_inapplicable_waivers_are_reported_not_applied() -> None:
    waivers = [
        Waiver("AUTH-01", "was broken", dt.date(2027, 1, 1)),  # passes now: stale
        Waiver("PAG-04", "ticket 12", dt.date(2026, 11, 27)),  # yesterday: expired
        Waiver("PAG-02", "no data", dt.date(2027, 1, 1)),  # skipped: inapplicable
        Waiver("AUTH-04", "last day", TODAY),  # expires today: still valid
    ]
    document = apply_waivers(rich_document(), waivers, TODAY, "w.yaml")
    gate = document["gate"]["waivers"]
    assert gate["applied"] == ["AUTH-04"]
    assert gate["stale"] == [{"id": "AUTH-01", "reason": "was broken"}]
    assert gate["expired"] == [{"id": "PAG-04", "reason": "ticket 12", "expires": "2026-11-27"}]
    assert gate["inapplicable"] == [{"id": "PAG-02", "reason": "no data", "status": "skip"}]
    assert document["verdict"] == "non-conformant"  # the expired waiver did not hide PAG-04
    assert schema_errors(document) == []


def test_apply_waivers_does_not_mutate_its_input() -> None:
    document = rich_document()
    apply_waivers(document, [Waiver("PAG-04", "r", dt.date(2027, 1, 1))], TODAY)
    assert all(not r["waived"] for r in document["requirements"])
