"""Command-line options (one group) and the markers of the suite."""

from __future__ import annotations

import argparse

import pytest

MARKERS = (
    "req(*ids): the requirement IDs (catalogue) this test verifies; several allowed",
    "writes: the test creates, changes or deletes data (skipped with --plane-read-only)",
    "after_all: a passive check over every exchange; runs after every other suite test",
    "budget(full, smoke): keyed requests the test spends in each profile (for the estimate)",
)

PROFILES = ("full", "smoke")


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("plane-conformance", "Plane API conformance")
    add = group.addoption
    add("--plane-target", metavar="BASE_URL", help="API base URL, ending in /api/v1")
    add("--plane-workspace", metavar="SLUG", help="workspace slug the key belongs to")
    add(
        "--plane-project",
        metavar="ID",
        help="an existing project (for reads; required with --plane-read-only)",
    )
    add(
        "--plane-api-key-env",
        metavar="NAME",
        default="PLANE_API_KEY",
        help="environment variable holding the API key (default PLANE_API_KEY)",
    )
    add(
        "--plane-second-api-key-env",
        metavar="NAME",
        default="PLANE_API_KEY_2",
        help="environment variable holding a second key, for RATE-07 (default PLANE_API_KEY_2)",
    )
    add("--plane-profile", choices=PROFILES, default="full", help="example budget (default full)")
    add("--plane-read-only", action="store_true", help="send only GET requests")
    add("--plane-report-dir", metavar="DIR", default="reports", help="where reports go")
    add("--plane-seed", metavar="N", type=int, help="seed of the property tests (replays a run)")
    add("--plane-rate-limit", metavar="N", type=int, default=60, help="requests per window")
    add("--plane-rate-window", metavar="S", type=int, default=60, help="window in seconds")
    add("--plane-per-page-default", metavar="N", type=int, default=100, help="default page size")
    add("--plane-per-page-max", metavar="N", type=int, default=100, help="maximum page size")
    add("--plane-timeout", metavar="S", type=float, default=10.0, help="per-request deadline")
    add(
        "--plane-max-wait",
        metavar="S",
        type=float,
        default=180.0,
        help="seconds the whole run may spend waiting for rate-limit windows",
    )
    add("--plane-embedded", action="store_true", help=argparse.SUPPRESS)
    add("--plane-baseline", metavar="PATH", help="an earlier compliance.json: gate on regressions")
    add("--plane-waivers", metavar="FILE", help="YAML waivers: id, reason, expires")


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if config.getoption("plane_target", None):
        from conformance.plugin.session import SessionPlugin

        config.pluginmanager.register(SessionPlugin(config), "plane-conformance-session")
