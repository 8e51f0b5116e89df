"""The reference Plane server: a faithful in-memory Plane REST API with switchable seeded faults.

It is the default target of the conformance suite and meets the suite only over HTTP.
May import: Starlette, uvicorn (and its h11), PyYAML (the OpenAPI description it serves), the
standard library, ``conformance.errors`` and ``conformance.catalogue.ids`` (only to check the
requirement IDs its faults and variations name); never the suite, the HTTP layer, the rest of
the catalogue or the reports. Run it with ``plane-conformance serve`` or embed it with
``running_server(ServerConfig(...))``; ``faults.FAULTS`` lists the mistakes it can make.
"""

from __future__ import annotations

from conformance.reference.config import ServerConfig
from conformance.reference.server import RunningServer, running_server

__all__ = ["RunningServer", "ServerConfig", "running_server"]
