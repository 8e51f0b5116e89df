"""plane-conformance: a conformance suite, reference server and API linter for the Plane REST API.

Parts (each a sub-package; its ``__init__`` says what it may import):

- ``catalogue``  the requirement catalogue (``specs/requirements.yaml``)
- ``http``       the one HTTP layer: client, auth, pacing, recording with redaction
- ``plugin``     the pytest plugin (``pytest11`` entry point), the ``req`` marker, the fixtures
- ``checks``     small named checks of one property each, and the soft-assertion ``Checker``
- ``judgements`` one judgement per requirement property, shared by the suite and the audit
- ``suite``      the conformance tests, one module per area
- ``discovery``  the operations a target's OpenAPI description declares, and documentation drift
- ``report``     compliance.json, HTML, JUnit, the badge, the CI gate
- ``evidence``   the exchange log and the manifest that hashes and signs a report
- ``audit``      judging recorded traffic (HAR, a report's log) without a request; verify
- ``runner``     ``plane-conformance run``: settings, preflight, the embedded target, pytest
- ``fleet``      many targets at once (``fleet``, ``merge``), and ``diff`` between two reports
- ``reference``  the in-memory reference Plane server (never imported by the suite)
- ``lint``       the OpenAPI linter
- ``interop``    Plane's official SDK run against a target (``run --interop``), an optional extra
- ``transcripts`` a corpus over the whole v1 surface, recorded from a server as the shapes of
                 its answers (``transcript record``), and compared with another's

Modules beside the parts: ``settings`` (the one table of run settings: the CLI's options, the
environment, the config file and the plugin's ``--plane-*`` options all derive from it),
``errors`` (the one error tree), ``surface`` (the API surface as data), ``openapi_ops`` (the
list/detail decision) and ``cli``.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
