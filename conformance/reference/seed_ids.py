"""The seed's ids and times: uuid5 over fixed names and instants after a fixed epoch, so two
servers with the same configuration hold the same records."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta

from conformance.reference.store import timestamp

NAMESPACE = uuid.UUID("7d7c3f4e-2b0a-5c55-9a3e-8f1f0c1e5a11")
EPOCH = datetime(2026, 1, 5, 9, 0, tzinfo=UTC)


def seed_id(name: str) -> str:
    return str(uuid.uuid5(NAMESPACE, name))


def seed_project_id() -> str:
    """The id of the seeded project ("Reference", REF), the same on every server."""
    return seed_id("project-REF")


def stamp(step: int) -> str:
    """The timestamp ``step`` seconds after the seed's epoch."""
    return timestamp(EPOCH + timedelta(seconds=step))
