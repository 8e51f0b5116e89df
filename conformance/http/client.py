"""``build_client``: the only place an ``httpx.Client`` is made in plane-conformance."""

from __future__ import annotations

import httpx

from conformance import __version__
from conformance.errors import TargetError
from conformance.http.auth import ApiKeyAuth
from conformance.http.clock import SYSTEM_CLOCK, Clock
from conformance.http.network import Network, resolve_network
from conformance.http.pacing import PacingTransport
from conformance.http.recording import Recorder, RecordingTransport
from conformance.http.redaction import Redactor
from conformance.http.settings import ClientSettings, Keys, host_port, origin_of
from conformance.http.stats import RequestStats
from conformance.http.waiting import Waiter, WaitHook
from conformance.http.windows import RateWindows

_HEADERS = {
    # Ask for an uncompressed body, so the body cap measures what the target really sends.
    "Accept-Encoding": "identity",
    "User-Agent": f"plane-conformance/{__version__}",
}


class OriginGuard:
    """Request hook: refuses any request to an origin other than the target's."""

    def __init__(self, origin: tuple[str, str, int]) -> None:
        self._origin = origin

    def __call__(self, request: httpx.Request) -> None:
        origin = origin_of(request.url)
        if origin != self._origin:
            raise TargetError(
                f"refused to send a request to {_show(origin)}: "
                f"only the target {_show(self._origin)} may receive the key"
            )


def _show(origin: tuple[str, str, int]) -> str:
    scheme, host, port = origin
    return f"{scheme}://{host_port(host, port)}"


def build_client(
    settings: ClientSettings,
    keys: Keys,
    *,
    recorder: Recorder,
    stats: RequestStats,
    clock: Clock = SYSTEM_CLOCK,
    on_wait: WaitHook | None = None,
    waiter: Waiter | None = None,
    transport: httpx.BaseTransport | None = None,
    windows: RateWindows | None = None,
    network: Network | None = None,
) -> httpx.Client:
    """A client for the target: key in ``X-API-Key``, paced, recorded, never redirected.

    ``network`` is the run's TLS context and proxy (``resolve_network``, once per run); without
    it, the one ``settings`` give with no environment variables. ``transport`` replaces the
    network (tests pass an ``httpx.MockTransport``); pacing and recording always sit on top of
    it. ``clock`` tells the time of the exchanges and of the
    rate-limit windows. ``waiter``, when given, does the pacing's waiting (so a caller that also
    waits on purpose shares the run's wait budget); else one is made from ``clock.sleep``,
    ``on_wait`` and ``settings.max_wait_s``. ``windows``, when given, is the book of rate
    windows the pacing keeps (so a ``KeySpread`` can read it).
    """
    secrets = keys.secrets()
    if transport is None:
        transport = (network or resolve_network(settings, {})).transport()
    recording = RecordingTransport(
        transport,
        recorder,
        secrets,
        max_body_bytes=settings.max_body_bytes,
        deadline_s=settings.timeout,
        clock=clock.time,
    )
    pacing = PacingTransport(
        recording,
        stats,
        clock=clock.time,
        sleep=clock.sleep,
        on_wait=on_wait,
        max_wait_s=settings.max_wait_s,
        rate_window_s=settings.rate_window_s,
        max_retries_on_429=settings.max_retries_on_429,
        redact=Redactor(secrets).redact,
        waiter=waiter,
        windows=windows,
    )
    return httpx.Client(
        base_url=settings.base_url,
        auth=ApiKeyAuth(keys.primary),
        headers=_HEADERS,
        follow_redirects=False,
        # past the recording transport's deadline, which is the one that should fire
        timeout=settings.timeout + 1,
        transport=pacing,
        event_hooks={"request": [OriginGuard(settings.origin)]},
        # Environment proxies would get transports of their own, outside pacing and recording,
        # and could carry the key elsewhere: the network transport has the run's proxy instead.
        trust_env=False,
    )
