"""The pytest plugin (``pytest11`` entry point ``plane_conformance``).

Cheap to import: it registers the command-line options, the ``req`` marker and, only when a
target run is requested, the fixtures and hooks of ``conformance.plugin.session``. State lives in
``config.stash``. May import: pytest, ``conformance.catalogue``, ``conformance.http``,
``conformance.report``, ``conformance.checks``; never the reference server.
"""

from __future__ import annotations

from conformance.plugin.options import pytest_addoption, pytest_configure

__all__ = ["pytest_addoption", "pytest_configure"]
