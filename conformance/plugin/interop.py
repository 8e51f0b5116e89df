"""The interop part of a run (``--interop``): after the suite's tests, Plane's official SDK
makes its calls against the target through the run's HTTP layer, so they count in its request
budget and its waits; what it found is the report's ``interop`` section."""

from __future__ import annotations

import secrets
from typing import Any

from conformance.plugin.target import Target


def interop_section(target: Target, *, gate: bool) -> dict[str, Any]:
    """Run the SDK's calls (only reads with ``--read-only``, on its ``--project``; else on a
    scratch project of their own, deleted at the end) and answer the report's section."""
    from conformance.interop import run_interop

    settings = target.settings
    result = run_interop(
        target.client,
        target.recorder,
        workspace=settings.workspace,
        prefix="pc" + secrets.token_hex(3),
        project=settings.project,
        read_only=settings.read_only,
        gate=gate,
    )
    return result.to_json(tuple(target.keys.secrets()))
