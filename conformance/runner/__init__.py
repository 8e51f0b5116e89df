"""``plane-conformance run``: settings, checks before the run, the embedded target, and the
suite run in-process by ``pytest.main`` with a progress display.

The runner drives the suite only through the ``--plane-*`` options of the settings table
(``conformance.settings``), a ``RunInputs`` object (``conformance.plugin.inputs``: the keys
and the clock) and the progress sink protocol (``conformance.plugin.progress``).
May import: pytest, rich, httpx (its errors: clients only through ``conformance.http``), the
standard library, ``conformance.errors``, ``conformance.http``, ``conformance.report``,
``conformance.evidence`` (the signing key, checked before the run),
``conformance.catalogue``, ``conformance.settings``, ``conformance.plugin.inputs``,
``conformance.plugin.progress``, ``conformance.plugin.selection`` (a ``--last-failed`` run
with nothing to re-run ends before it starts) and, for the embedded target,
``conformance.reference``; never the suite's test modules.
"""
