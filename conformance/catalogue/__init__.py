"""The requirement catalogue: every normative statement of the Plane API docs, with a stable ID.

Loaded from ``specs/requirements.yaml`` and validated against ``specs/requirements.schema.json``.
``ids`` refuses an ID the catalogue does not have wherever the code names one; ``places`` finds,
in the package's source, every place that judges an ID (``requirements --where ID``).
May import: the standard library, PyYAML, jsonschema and ``conformance.errors``.
"""

from __future__ import annotations

from conformance.catalogue.model import Catalogue, Requirement, load_catalogue

__all__ = ["Catalogue", "Requirement", "load_catalogue"]
