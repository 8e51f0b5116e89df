"""Command-line options (one group, from the settings table) and the markers of the suite."""

from __future__ import annotations

import pytest

from conformance.settings import add_plugin_options

MARKERS = (
    "req(*ids): the requirement IDs (catalogue) this test verifies; several allowed",
    "writes: the test creates, changes or deletes data (skipped with --plane-read-only)",
    "after_all: a passive check over every exchange; runs after every other suite test",
    "operations: a test of each declared operation; runs after the areas' tests, before RATE",
    "budget(full, smoke, alone=False, at_most=False): keyed requests the test spends in each "
    "profile (for the estimate); alone: no keyless request rides along with them; at_most: "
    "the run's timing may spare some",
)


def pytest_addoption(parser: pytest.Parser) -> None:
    add_plugin_options(parser.getgroup("plane-conformance", "Plane API conformance"))


def pytest_configure(config: pytest.Config) -> None:
    for marker in MARKERS:
        config.addinivalue_line("markers", marker)
    if config.getoption("plane_target", None):
        from conformance.plugin.session import SessionPlugin

        config.pluginmanager.register(SessionPlugin(config), "plane-conformance-session")
