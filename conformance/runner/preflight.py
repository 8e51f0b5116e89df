"""Everything checked before the suite starts, so a bad setting costs one line and writes nothing:
the target's URL and keys, the waiver and baseline files, the report directory, and one probe.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import httpx

from conformance.errors import ConfigError, TargetError, TargetUnreachable
from conformance.http import (
    ClientSettings,
    Keys,
    Recorder,
    RequestStats,
    build_client,
    resolve_keys,
    unpaced,
)
from conformance.runner.settings import RunSettings

PROBE_PATH = "users/me/"


def client_settings(settings: RunSettings, base_url: str) -> ClientSettings:
    """The HTTP layer's settings for this run (ClientSettings checks the URL)."""
    return ClientSettings(
        base_url=base_url,
        api_key_env=settings.api_key_env,
        second_api_key_env=settings.second_api_key_env,
        timeout=settings.timeout,
        max_wait_s=settings.max_wait,
        rate_window_s=settings.rate_window,
    )


def check_target(settings: RunSettings, environ: Mapping[str, str]) -> tuple[ClientSettings, Keys]:
    """The URL of ``--target`` and the keys its variables hold."""
    assert settings.target is not None
    http = client_settings(settings, settings.target)
    return http, resolve_keys(http, environ)


def check_files(settings: RunSettings) -> None:
    """Waivers and baseline readable and well-formed (the report loaders' own checks), and the
    report directory creatable and writable."""
    from conformance.catalogue import load_catalogue
    from conformance.report import load_baseline, load_waivers

    if settings.waivers is not None:
        load_waivers(settings.waivers, load_catalogue().ids)
    if settings.baseline is not None:
        load_baseline(settings.baseline)
    check_report_dir(settings.report_dir)


def check_report_dir(directory: Path) -> None:
    """Create ``directory`` if needed, write and remove a probe file in it, and remove again the
    directories this check created: the reports themselves create it when they are written."""
    created: list[Path] = []
    for parent in (directory, *directory.parents):
        if parent.exists():
            break
        created.append(parent)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=directory, prefix=".plane-conformance-probe-"):
            pass
    except OSError as exc:
        raise ConfigError(
            f"report directory {directory} is not writable: {exc.strerror or exc}"
        ) from None
    finally:
        for path in created:  # deepest first
            try:
                path.rmdir()
            except OSError:
                break


def probe_target(http: ClientSettings, keys: Keys) -> None:
    """One GET without a key: any HTTP status means the target answers; no answer at all is
    TargetUnreachable."""
    url = f"{http.base_url}/{PROBE_PATH}"
    with build_client(http, keys, recorder=Recorder(), stats=RequestStats()) as client:
        try:
            client.get(PROBE_PATH, auth=None, extensions=unpaced())
        except (httpx.HTTPError, TargetError) as exc:
            reason = str(exc) or type(exc).__name__
            raise TargetUnreachable(f"target unreachable: GET {url}: {reason}") from None
