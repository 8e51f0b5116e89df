"""A run means the same in every time zone: the embedded run, in this process on a fake clock,
under UTC and under Sydney's daylight saving time (the fake clock's November is summer there)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from conformance.catalogue import load_catalogue
from tests.clock import FakeClock
from tests.runner.conftest import read_document, run_on, statuses


@pytest.fixture(params=["UTC", "Australia/Sydney"])
def time_zone(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """This process in the zone, for the test (``time.tzset`` reads ``TZ``)."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


@pytest.mark.slow
def test_the_suite_passes_in_every_time_zone(time_zone: str, tmp_path: Path) -> None:
    assert time.localtime(FakeClock().now).tm_isdst == (time_zone == "Australia/Sydney")
    report_dir = tmp_path / "reports"
    result = run_on(FakeClock(), profile="smoke", seed=3, report_dir=str(report_dir))
    assert result.code == 0, result.err
    document = read_document(report_dir)
    assert statuses(document) == dict.fromkeys(load_catalogue().ids, "pass")
    assert document["started_at"].endswith("+00:00")
