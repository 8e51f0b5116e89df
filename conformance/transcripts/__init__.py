"""Transcripts: a corpus of requests over Plane's whole v1 surface, recorded from a server as the
shapes of its answers (statuses and field sets, no ids, values or keys), and compared with
another server's.

The corpus is recipes (path templates filled from what the run creates), so the same corpus runs
against the real Plane (``plane-conformance transcript record``) and the reference server (the
replay in ``tests/transcripts``). May import: httpx, the standard library, ``conformance.errors``
and the one HTTP layer (``conformance.http``); never the suite, the plugin or the reference
server, which it meets only over HTTP.
"""

from __future__ import annotations

from conformance.transcripts.comparison import Difference, compare
from conformance.transcripts.corpus import valid
from conformance.transcripts.entries import Entry
from conformance.transcripts.recording import record
from conformance.transcripts.transcript import Transcript, read, write
from conformance.transcripts.variants import with_variants

__all__ = [
    "Difference",
    "Entry",
    "Transcript",
    "compare",
    "read",
    "record",
    "valid",
    "with_variants",
    "write",
]
