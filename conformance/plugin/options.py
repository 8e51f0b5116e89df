"""Command-line options and the ``req`` marker."""

from __future__ import annotations

import pytest

MARKER = "req(*ids): the requirement IDs (catalogue) this test verifies; several allowed"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("plane-conformance", "Plane API conformance")
    group.addoption("--plane-target", metavar="BASE_URL", help="API base URL ending in /api/v1")


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", MARKER)
