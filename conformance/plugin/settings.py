"""The suite's settings, read once from the pytest options and checked."""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.errors import ConfigError


@dataclass(frozen=True, slots=True)
class SuiteSettings:
    """Everything a run of the suite needs to know; holds key variable NAMES, never keys."""

    target: str
    workspace: str
    project: str | None
    api_key_env: str
    second_api_key_env: str
    profile: str
    read_only: bool
    report_dir: Path
    seed: int
    rate_limit: int
    rate_window: int
    per_page_default: int
    per_page_max: int
    timeout: float
    max_wait: float
    embedded: bool
    baseline: Path | None
    waivers: Path | None

    @property
    def parameters(self) -> dict[str, int]:
        return {
            "per_page_default": self.per_page_default,
            "per_page_max": self.per_page_max,
            "rate_limit": self.rate_limit,
            "rate_window_s": self.rate_window,
        }

    @property
    def full(self) -> bool:
        return self.profile == "full"


def settings_from(config: pytest.Config) -> SuiteSettings:
    option = config.getoption
    workspace = option("plane_workspace")
    if not workspace:
        raise ConfigError("a workspace slug is required (--workspace)")
    if option("plane_read_only") and not option("plane_project"):
        raise ConfigError("--read-only needs --project: the suite reads an existing project")
    for name in (
        "plane_rate_limit",
        "plane_rate_window",
        "plane_per_page_default",
        "plane_per_page_max",
    ):
        if option(name) < 1:
            flag = "--" + name.removeprefix("plane_").replace("_", "-")
            raise ConfigError(f"{flag} must be a positive integer, not {option(name)}")
    seed = option("plane_seed")
    baseline, waivers = option("plane_baseline"), option("plane_waivers")
    return SuiteSettings(
        target=option("plane_target"),
        workspace=workspace,
        project=option("plane_project"),
        api_key_env=option("plane_api_key_env"),
        second_api_key_env=option("plane_second_api_key_env"),
        profile=option("plane_profile"),
        read_only=bool(option("plane_read_only")),
        report_dir=Path(option("plane_report_dir")),
        seed=seed if seed is not None else secrets.randbelow(2**32),
        rate_limit=option("plane_rate_limit"),
        rate_window=option("plane_rate_window"),
        per_page_default=option("plane_per_page_default"),
        per_page_max=option("plane_per_page_max"),
        timeout=option("plane_timeout"),
        max_wait=option("plane_max_wait"),
        embedded=bool(option("plane_embedded")),
        baseline=Path(baseline) if baseline else None,
        waivers=Path(waivers) if waivers else None,
    )
