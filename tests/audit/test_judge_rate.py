"""The passive RATE judges on traffic no suite run makes: a key that keeps sending through the
reset of the window it spent (as a browser or a gateway records it)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from conformance.audit.auditing import audit, read_traffic
from tests.audit.har_files import write_har

KEY = "plane_api_" + "5a" * 16
URL = "https://plane.example.com/api/v1/workspaces/acme/projects/"
START = 1_795_946_400.0  # a multiple of 60: a window starts here


def entry(moment: float, status: int, remaining: int, reset: float) -> dict[str, Any]:
    headers = [
        {"name": "Content-Type", "value": "application/json"},
        {"name": "X-RateLimit-Remaining", "value": str(remaining)},
        {"name": "X-RateLimit-Reset", "value": str(int(reset))},
    ]
    if status == 429:
        headers.append({"name": "Retry-After", "value": str(int(reset - moment))})
    body = '{"error": "slow down"}' if status == 429 else '{"id": "p1"}'
    return {
        "startedDateTime": dt.datetime.fromtimestamp(moment, dt.UTC).isoformat(),
        "time": 5,
        "request": {"method": "GET", "url": URL + "p1/", "headers": [
            {"name": "X-API-Key", "value": KEY}]},
        "response": {"status": status, "headers": headers, "content": {"text": body}},
    }  # fmt: skip


def traffic(after_reset: list[int]) -> list[dict[str, Any]]:
    """60 requests counted down in the first window, a 429, then requests at the reset, half a
    second apart, with the Remaining values ``after_reset``."""
    reset = START + 60
    spent = [entry(START + n * 0.5, 200, 59 - n, reset) for n in range(60)]
    throttled = entry(START + 30, 429, 0, reset)
    later = [
        entry(reset + n * 0.5, 200, remaining, reset + 60)
        for n, remaining in enumerate(after_reset)
    ]
    return [*spent, throttled, *later]


@pytest.mark.parametrize(
    ("after_reset", "rate_05", "rate_03"),
    [
        ([59, 58, 57, 56], "pass", "pass"),
        ([59, 58, 50, 49], "pass", "fail"),  # a miscount in the new window is RATE-03's alone
        ([58, 57, 56, 55], "fail", "pass"),  # the new window did not start whole
        ([0, 0, 0, 0], "fail", "pass"),  # 0 remaining at the reset: as good as still throttled
    ],
    ids=["counted-from-the-reset", "miscounted-later", "the-first-short", "nothing-left"],
)
def test_the_new_windows_first_success_has_remaining_whole(
    tmp_path: Path, after_reset: list[int], rate_05: str, rate_03: str
) -> None:
    """RATE-05 is judged on the new window's first success, though the traffic kept sending
    in the second the audit allows for the reset; a miscount after it is RATE-03's."""
    har = write_har(tmp_path / "t.har", traffic(after_reset))
    verdicts = judged(har, tmp_path)
    assert verdicts["RATE-05"]["status"] == rate_05, verdicts["RATE-05"]["reason"]
    assert verdicts["RATE-03"]["status"] == rate_03, verdicts["RATE-03"]["reason"]


def test_a_429_after_the_reset_fails(tmp_path: Path) -> None:
    reset = START + 60
    later = [entry(reset + n * 0.5, 429, 0, reset + 60) for n in range(4)]
    har = write_har(tmp_path / "t.har", [*traffic([])[:61], *later])
    verdict = judged(har, tmp_path)["RATE-05"]
    assert verdict["status"] == "fail"
    assert "got 429" in verdict["reason"]


def judged(har: Path, tmp_path: Path) -> dict[str, dict[str, Any]]:
    document = audit(read_traffic(har, {"$PLANE_API_KEY": KEY}, {}), tmp_path / "out")
    return {r["id"]: r for r in document["requirements"]}
