"""The OpenAPI linter: checks a description against the Plane conventions, rule by rule.

Every rule names the catalogue requirement(s) it protects and the operations it applies to.
May import: the standard library, PyYAML, jsonschema_rs, Jinja2, ``conformance.errors``,
``conformance.__version__``, ``conformance.openapi_ops`` (the list/detail decision it shares
with the suite) and ``conformance.catalogue.ids`` (the IDs its rules name, checked); never the
suite, the reference server or the HTTP layer. Entry points: ``conformance.lint.engine.lint_path``
and the ``lint`` sub-command (``conformance.lint.command``). This module stays import-light
because the CLI imports the command module to build ``--help``.
"""

from __future__ import annotations
