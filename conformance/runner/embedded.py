"""The target of a run without ``--target``: the reference server, in-process, with two fresh keys
that go to the suite as objects (never through the environment)."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace

from conformance.http import Clock, Keys, Network
from conformance.settings import SuiteSettings

KEY_PREFIX = "plane_api_"
# keys of one user the embedded server accepts: the run uses as many as its estimate needs to
# spread its requests over (``conformance.plugin.session``), at most these
EMBEDDED_KEYS = 8


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """Where the suite goes: the base URL, the workspace, the project to read, the keys and the
    network that reaches it (None: the embedded server's, plain HTTP on loopback)."""

    base_url: str
    workspace: str
    project: str | None
    embedded: bool
    keys: Keys
    network: Network | None = None


def new_key() -> str:
    return KEY_PREFIX + secrets.token_hex(16)


@contextmanager
def embedded_target(settings: SuiteSettings, clock: Clock) -> Iterator[TargetInfo]:
    """Serve the reference API on 127.0.0.1 (a free port) with the run's rate limit and page
    sizes, ``EMBEDDED_KEYS`` generated keys of one user (each with a rate window of its own, so
    the requests that may go with any key are spread over them) and ``clock``, until the block
    ends. The keys are named after the run's key variables, so the reports show
    ``$PLANE_API_KEY``, ``$PLANE_API_KEY_2``, ``$PLANE_API_KEY_3`` ... where they went."""
    from conformance.reference import ServerConfig, running_server

    keys = Keys(
        primary=new_key(),
        secondary=new_key(),
        primary_env=settings.api_key_env,
        secondary_env=settings.second_api_key_env,
        more=tuple(
            (f"{settings.api_key_env}_{number}", new_key())
            for number in range(3, EMBEDDED_KEYS + 1)
        ),
    )
    config = ServerConfig(
        port=0,
        api_keys=(keys.primary,),
        shared_keys=keys.all()[1:],
        rate_limit=settings.rate_limit,
        rate_window=settings.rate_window,
        per_page_default=settings.per_page_default,
        per_page_max=settings.per_page_max,
    )
    if settings.workspace:
        config = replace(config, workspace=settings.workspace)
    with running_server(config, clock=clock.time) as server:
        yield TargetInfo(
            base_url=server.base_url,
            workspace=server.workspace,
            project=server.project_id,
            embedded=True,
            keys=keys,
        )
