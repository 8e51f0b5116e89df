"""Many targets at once: ``plane-conformance fleet`` (every target of a fleet file, each as a
child ``run``), ``merge`` (report directories made elsewhere, each verified first: the fan-in of
a CI matrix) and ``diff`` (what changed between two reports: an upgrade check).

They write ``fleet.json`` (``specs/fleet.schema.json``) and ``fleet.html``: the targets by the
requirements, each target's verdict, requests and duration, and the fleet's verdict, the worst.
May import: the standard library, rich, Jinja2, jsonschema, ``conformance.__version__``,
``conformance.errors``, ``conformance.settings`` (the one table of run settings),
``conformance.catalogue``, ``conformance.runner`` (the config file's reader and the settings it
gives, SIGTERM as Ctrl-C), ``conformance.report`` (the report directory's claim, the exit codes,
the schemas, whole-file writes), ``conformance.evidence`` (the public key ``merge`` checks) and
``conformance.audit`` (``verify``, for ``merge``); never the
suite, the plugin, the HTTP layer or the reference server: a target is reached only by its run.
"""

from __future__ import annotations

__all__: list[str] = []
