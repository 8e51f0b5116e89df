"""Everything checked before the suite starts, so a bad setting costs one line and writes nothing:
the target's URL, keys and network (TLS files, proxy), the waiver and baseline files, the report
directory, and one probe, whose TLS or proxy failure is the one line that names the fix.
"""

from __future__ import annotations

import tempfile
from collections.abc import Mapping
from pathlib import Path

import httpx

from conformance.errors import (
    ConfigError,
    ProxyFailure,
    TargetError,
    TargetUnreachable,
    TlsFailure,
)
from conformance.http import (
    ClientSettings,
    Keys,
    Network,
    Recorder,
    RequestStats,
    build_client,
    resolve_keys,
    resolve_network,
    unpaced,
)
from conformance.settings import SuiteSettings

PROBE_PATH = "users/me/"


def check_target(
    settings: SuiteSettings, target: str, environ: Mapping[str, str]
) -> tuple[ClientSettings, Keys, Network]:
    """The URL of ``--target``, the keys its variables hold and the network that reaches it (the
    TLS context built once for the run, the proxy chosen)."""
    http = settings.client_settings(target)
    keys = resolve_keys(http, environ)
    return http, keys, resolve_network(http, environ)


def check_files(settings: SuiteSettings) -> None:
    """Waivers and baseline readable and well-formed (the gate's own loading, which also refuses
    a baseline whose TLS was verified differently), the signing key readable, and the report
    directory creatable and writable, and holding no earlier reports unless they may go."""
    import os

    from conformance.evidence import load_signer
    from conformance.report import claim_report_dir, load_gate

    load_gate(settings.waivers, settings.baseline, tls_unverified=settings.tls_unverified)
    if settings.sign_key is not None:
        load_signer(settings.sign_key, os.environ)
    check_report_dir(settings.report_dir)
    # the reports of an earlier run stay unless --overwrite (the plugin says what it replaces)
    claim_report_dir(settings.report_dir, overwrite=settings.overwrite, rerun=settings.last_failed)


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


def probe_target(http: ClientSettings, keys: Keys, network: Network) -> None:
    """One GET without a key: any HTTP status means the target answers; no answer at all is
    TargetUnreachable, whose message is the failure's own line for TLS and the proxy."""
    url = f"{http.base_url}/{PROBE_PATH}"
    with build_client(
        http, keys, recorder=Recorder(), stats=RequestStats(), network=network
    ) as client:
        try:
            client.get(PROBE_PATH, auth=None, extensions=unpaced())
        except (TlsFailure, ProxyFailure) as exc:
            raise TargetUnreachable(str(exc)) from None
        except TargetError as exc:  # its message already names the request
            raise TargetUnreachable(f"target unreachable: {exc}") from None
        except httpx.HTTPError as exc:
            reason = str(exc) or type(exc).__name__
            raise TargetUnreachable(f"target unreachable: GET {url}: {reason}") from None
