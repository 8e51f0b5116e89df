"""Replaying the transcript corpus against a reference server, in-process: the server in a thread
with a limit too high to reach, the corpus through the one HTTP layer, as ``transcript record``
sends it to a real Plane."""

from __future__ import annotations

from dataclasses import replace

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.reference import ServerConfig, running_server
from conformance.reference.presets import with_preset
from conformance.transcripts import Transcript, read, record, valid, with_variants
from conformance.transcripts.command import BUNDLED

KEY = "plane_api_" + "7" * 32
BASE = ServerConfig(port=0, api_keys=(KEY,), rate_limit=1_000_000)
PLANE = with_preset(BASE, "plane")


def recorded() -> Transcript:
    """The bundled transcript of makeplane/plane 4ca6d6c."""
    return read(BUNDLED)


def replay(config: ServerConfig = BASE) -> Transcript:
    """The corpus's exchanges with a reference server of ``config`` (its port and key replaced)."""
    config = replace(config, port=0, api_keys=(KEY,), rate_limit=1_000_000)
    with running_server(config) as server:
        settings = ClientSettings(base_url=server.base_url)
        with build_client(
            settings, Keys(primary=KEY), recorder=Recorder(), stats=RequestStats()
        ) as client:
            entries = record(client, server.workspace, with_variants(valid()), token="RPLY")
    return Transcript("the reference server", entries)
