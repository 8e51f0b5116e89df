"""``plane-conformance run``: settings, checks before the run, the embedded target, and the
suite run in-process by ``pytest.main`` with a progress display.

The runner drives the suite only through its pytest options (``--plane-*``) and the progress
sink protocol of ``conformance.plugin.progress``.
May import: pytest, rich, httpx (through ``conformance.http`` only), the standard library,
``conformance.errors``, ``conformance.http``, ``conformance.report``, ``conformance.catalogue``,
``conformance.plugin.progress`` and, for the embedded target, ``conformance.reference``. Never the
suite's test modules.
"""
