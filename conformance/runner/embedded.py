"""The target of a run without ``--target``: the reference server, in-process, with two fresh keys
placed in this process's environment (under the run's key variable names) for the run only."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, replace

from conformance.runner.settings import RunSettings

KEY_PREFIX = "plane_api_"


@dataclass(frozen=True, slots=True)
class TargetInfo:
    """Where the suite goes: the base URL, the workspace and the project to read."""

    base_url: str
    workspace: str
    project: str | None
    embedded: bool


def new_key() -> str:
    return KEY_PREFIX + secrets.token_hex(16)


@contextmanager
def environment_values(values: Mapping[str, str]) -> Iterator[None]:
    """Set variables in ``os.environ`` for the block, then put back what was there."""
    previous = {name: os.environ.get(name) for name in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for name, value in previous.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


@contextmanager
def embedded_target(settings: RunSettings) -> Iterator[TargetInfo]:
    """Serve the reference API on 127.0.0.1 (a free port) with the run's rate limit and page
    sizes, and two generated keys in the key variables, until the block ends."""
    from conformance.reference import ServerConfig, running_server

    keys = (new_key(), new_key())
    config = ServerConfig(
        port=0,
        api_keys=keys,
        rate_limit=settings.rate_limit,
        rate_window=settings.rate_window,
        per_page_default=settings.per_page_default,
        per_page_max=settings.per_page_max,
    )
    if settings.workspace:
        config = replace(config, workspace=settings.workspace)
    variables = {settings.api_key_env: keys[0], settings.second_api_key_env: keys[1]}
    with environment_values(variables), running_server(config) as server:
        yield TargetInfo(
            base_url=server.base_url,
            workspace=server.workspace,
            project=server.project_id,
            embedded=True,
        )
