"""Property budgets follow the profile and grow with a generous rate limit."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from conformance.plugin.target import Target
from conformance.settings import SuiteSettings

BASE = SuiteSettings(
    target="http://127.0.0.1:1/api/v1", workspace="w", project=None, api_key_env="K",
    second_api_key_env="K2", profile="full", read_only=False, report_dir=Path("r"), seed=1,
    rate_limit=60, rate_window=60, per_page_default=100, per_page_max=100, timeout=1.0,
    max_wait=1.0, baseline=None, waivers=None,
)  # fmt: skip


@pytest.mark.parametrize(
    ("profile", "limit", "expected"),
    [("full", 60, 1), ("smoke", 60, 0), ("full", 600, 10), ("smoke", 600, 0), ("full", 10**6, 21)],
)
def test_generated_examples(profile: str, limit: int, expected: int) -> None:
    settings = dataclasses.replace(BASE, profile=profile, rate_limit=limit)
    target = Target.__new__(Target)
    target.settings = settings
    assert target.examples(full=1, smoke=0) == expected
