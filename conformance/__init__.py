"""plane-conformance: a conformance suite, reference server and API linter for the Plane REST API.

Parts (each a sub-package; its ``__init__`` says what it may import):

- ``catalogue``  the requirement catalogue (``specs/requirements.yaml``)
- ``http``       the one HTTP layer: client, auth, pacing, recording with redaction
- ``plugin``     the pytest plugin (``pytest11`` entry point) and the ``req`` marker
- ``suite``      the conformance tests, one module per area
- ``report``     compliance.json, HTML, JUnit
- ``reference``  the in-memory reference Plane server (never imported by the suite)
- ``lint``       the OpenAPI linter
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
