"""The pytest plugin (``pytest11`` entry point ``plane_conformance``).

Cheap to import: it registers the options, the markers and the ``req`` enforcement; only when a
target is given (``--plane-target``) does it register the run machinery of
``conformance.plugin.session`` (fixtures, ordering, outcome collection, reports). State lives in
``config.stash`` and in that session object, never in module globals.
May import: pytest, hypothesis, httpx, the standard library, ``conformance.__version__``,
``conformance.errors``, ``conformance.settings`` (the table of run settings),
``conformance.catalogue``, ``conformance.http``, ``conformance.checks``, ``conformance.report``,
``conformance.evidence``, ``conformance.audit``, ``conformance.discovery``,
``conformance.surface`` and (only for ``--interop``) ``conformance.interop``; never the runner or
the reference server.
"""

from __future__ import annotations

from conformance.plugin.markers import pytest_pycollect_makeitem
from conformance.plugin.options import pytest_addoption, pytest_configure

__all__ = ["pytest_addoption", "pytest_configure", "pytest_pycollect_makeitem"]
