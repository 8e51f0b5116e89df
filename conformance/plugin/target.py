"""What a suite test holds: the target behind the one HTTP client, with request helpers."""

from __future__ import annotations

import json as jsonlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import httpx

from conformance.checks.bodies import parse_json
from conformance.errors import TargetError
from conformance.http import (
    SYSTEM_CLOCK,
    ApiKeyAuth,
    Clock,
    Exchange,
    Keys,
    KeySpread,
    Network,
    RateWindows,
    Recorder,
    Redactor,
    RequestStats,
    Waiter,
    unpaced,
)
from conformance.http.waiting import longest_wait_s
from conformance.settings import SuiteSettings
from conformance.surface import ME

INVALID_KEY = "plane_api_00000000000000000000000000000000"


class Default:
    """Marker: use the client's own auth (the primary key in X-API-Key)."""


DEFAULT = Default()
AuthChoice = httpx.Auth | None | Default


@dataclass(frozen=True, slots=True)
class Reply:
    """A response, fully read, and the recorded exchange that proves it."""

    response: httpx.Response
    exchange: Exchange
    # the body parsed once: (whether it is JSON, the value)
    parsed: tuple[bool, Any] = field(default=(False, None), compare=False, repr=False)

    @classmethod
    def of(cls, response: httpx.Response, exchange: Exchange) -> Reply:
        return cls(response, exchange, parse_json(response))

    @property
    def status(self) -> int:
        return self.response.status_code

    @property
    def body(self) -> Any:
        return self.parsed[1]

    @property
    def is_json(self) -> bool:
        return self.parsed[0]


class Target:
    """The target of a run as the suite sees it: paths, keys, requests, waiting, seeds."""

    def __init__(
        self,
        settings: SuiteSettings,
        keys: Keys,
        client: httpx.Client,
        recorder: Recorder,
        stats: RequestStats,
        waiter: Waiter,
        clock: Clock = SYSTEM_CLOCK,
        windows: RateWindows | None = None,
        network: Network | None = None,
    ) -> None:
        self.settings = settings
        self.keys = keys
        self.client = client
        self.recorder = recorder
        self.stats = stats
        self.waiter = waiter
        self.clock = clock
        self.network = network  # how the target is reached, for the report
        # endpoints the target does not have (a valid key got 404): path -> the evidence
        self.absent: dict[str, str] = {}
        # a route the target has, asked without a key (``conformance.suite.absent_routes``)
        self.keyless_baseline: Reply | None = None
        self.keyless_unknown: Reply | None = None  # a project with an unknown id, the same way
        # the pacing's book of windows; whether requests that may go with any key are spread
        # over the keys (set once every key is known to be the first one's user)
        self.windows = windows if windows is not None else RateWindows()
        self.spread_keys = False
        # users/me/ as each key (by placeholder) was answered: asked once per run
        self._me: dict[str, Reply] = {}
        # reads with the run's keys since its last write (``read_once``)
        self._reads: dict[tuple[str, tuple[tuple[str, str], ...]], Reply] = {}

    @property
    def primary_placeholder(self) -> str:
        return f"${self.keys.primary_env}"

    def path(self, template: str, **ids: str) -> str:
        """Fill a surface path template; ``{slug}`` is the workspace."""
        return template.format(slug=self.settings.workspace, **ids)

    def request(
        self,
        method: str,
        path: str,
        *,
        params: Mapping[str, str | int] | None = None,
        json: Any = None,
        content: bytes | None = None,
        headers: Mapping[str, str] | None = None,
        auth: AuthChoice = DEFAULT,
        paced: bool = True,
    ) -> Reply:
        """Send one request through the HTTP layer; the reply carries its recorded exchange."""
        if self.settings.read_only and method != "GET":
            raise TargetError(f"--read-only: refusing to send {method} {path}")
        if method != "GET":
            self._reads.clear()  # what was read may have changed
        send_headers = dict(headers or {})
        if json is not None:
            content = jsonlib.dumps(json).encode()
            send_headers.setdefault("Content-Type", "application/json")
        if isinstance(auth, Default) and self.spread_keys:
            auth = self.any_key()
        mark = self.recorder.mark()
        kwargs: dict[str, Any] = {}
        if not isinstance(auth, Default):
            kwargs["auth"] = auth
        try:
            response = self.client.request(
                method,
                path,
                params=params,
                content=content,
                headers=send_headers,
                extensions=None if paced else unpaced(),
                **kwargs,
            )
        except httpx.HTTPError as exc:
            # Transport failures arrive redacted from the recording layer; anything else httpx
            # raises may quote the URL, which can carry a key (AUTH-05's query parameter).
            message = Redactor(self.keys.secrets()).redact(f"{type(exc).__name__}: {exc}")
            raise TargetError(f"{method} {path}: {message}") from None
        exchanges = self.recorder.since(mark)
        if not exchanges:
            raise TargetError(f"{method} {path}: no exchange was recorded")
        return Reply.of(response, exchanges[-1])

    def get(self, path: str, **kwargs: Any) -> Reply:
        return self.request("GET", path, **kwargs)

    def read_once(self, path: str, params: Mapping[str, str | int] | None = None) -> Reply:
        """GET ``path`` with ``params`` and a key of the run (``any_key``), once until the run
        writes: a later ask gets the same answer, as a second read would decide nothing the
        first did not. Not for requests whose headers are the evidence (the rate tests ask
        anew), nor for a request without a valid key."""
        key = (path, tuple(sorted((name, str(value)) for name, value in (params or {}).items())))
        if key not in self._reads:
            self._reads[key] = self.get(path, params=dict(params or {}), auth=self.any_key())
        return self._reads[key]

    def me(self, key: str | None = None) -> Reply:
        """``users/me/`` as ``key`` (default the first) sees it, asked once per run."""
        key = key if key is not None else self.keys.primary
        placeholder = next(p for p, secret in self.keys.secrets().items() if secret == key)
        if placeholder not in self._me:
            self._me[placeholder] = self.get(ME, auth=self.key_auth(key))
            # the keys are one user's once the run spreads: any read of it is this one
            self._reads.setdefault((ME, ()), self._me[placeholder])
        return self._me[placeholder]

    def user_of(self, key: str) -> str | None:
        """The id ``users/me/`` names for ``key``, or None when it names none."""
        body = self.me(key).body
        return str(body["id"]) if isinstance(body, dict) and body.get("id") else None

    def key_auth(self, key: str, header: str = "X-API-Key") -> httpx.Auth:
        return ApiKeyAuth(key, header=header)

    def primary_auth(self) -> httpx.Auth:
        """The first key, whatever the spreading: for the requests whose window is watched."""
        return ApiKeyAuth(self.keys.primary)

    def any_key(self) -> AuthChoice:
        """The auth of a request that may go with any key of the run: the first key with room
        in its window when the run spreads its requests (``spread_keys``), else the first.
        A request with the default auth goes so too once the run spreads."""
        keys = self.keys.all()
        if not self.spread_keys or len(keys) < 2:
            return DEFAULT
        return KeySpread(keys, self.windows, self.clock.time)

    @property
    def placeholders(self) -> tuple[str, ...]:
        """``$VARIABLE`` of every valid key: how the recording shows them."""
        return tuple(self.keys.secrets())

    def invalid_key_auth(self) -> httpx.Auth:
        return ApiKeyAuth(INVALID_KEY)

    def wait_until(self, epoch: float, reason: str) -> float:
        """Sleep until ``epoch`` of the run's clock: at most one window ahead, within the run's
        wait budget."""
        delay = epoch - self.clock.time()
        bound = longest_wait_s(self.settings.rate_window)
        if delay > bound:
            raise TargetError(f"{reason}: {delay:.0f} s is longer than the window ({bound:g} s)")
        self.waiter.wait(delay, reason)
        return max(delay, 0.0)

    def examples(self, full: int, smoke: int) -> int:
        """Generated examples for a property: the profile's budget, written for the documented
        60 requests a window; the full profile adds one per further 60 the target allows (up to
        20), so a generous target gets a deeper search without a longer wait."""
        if not self.settings.full:
            return smoke
        return full + min(20, max(0, self.settings.rate_limit // 60 - 1))
