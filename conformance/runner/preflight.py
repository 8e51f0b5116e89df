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
from conformance.plugin.settings import SuiteSettings

PROBE_PATH = "users/me/"


def check_target(
    settings: SuiteSettings, target: str, environ: Mapping[str, str]
) -> tuple[ClientSettings, Keys]:
    """The URL of ``--target`` and the keys its variables hold."""
    http = settings.client_settings(target)
    return http, resolve_keys(http, environ)


def check_files(settings: SuiteSettings) -> None:
    """Waivers and baseline readable and well-formed (the gate's own loading), the signing key
    readable, and the report directory creatable and writable."""
    import os

    from conformance.evidence import load_signer
    from conformance.report import load_gate

    load_gate(settings.waivers, settings.baseline)
    if settings.sign_key is not None:
        load_signer(settings.sign_key, os.environ)
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
