"""Record every exchange with the target, secrets redacted at recording time.

The recording transport is also where a hostile target is contained: the response body is read
up to a cap, and the whole exchange (connect, headers, body) must finish within a deadline.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace

import httpx

from conformance.errors import TargetError
from conformance.http.redaction import Redactor

EVIDENCE_BYTES = 64 * 1024
_THREAD_NAME = "conformance-http-exchange"


@dataclass(frozen=True, slots=True)
class Exchange:
    """One request and what came back, as evidence. Secrets are already placeholders."""

    seq: int
    started_at: float
    method: str
    url: str
    request_headers: tuple[tuple[str, str], ...]
    request_body: str
    request_truncated: bool
    status: int | None
    response_headers: tuple[tuple[str, str], ...]
    response_body: str
    truncated: bool
    elapsed_ms: float
    error: str | None
    # The body's bytes were not text in its charset (UTF-8 when none is named): the recorded
    # ``response_body`` shows replacement characters where they were.
    undecodable: bool = False
    # The request never reached the server (its kept-alive connection was closed before
    # answering) and was sent again: the next exchange is the one the server saw.
    resent: bool = False

    def request_header(self, name: str) -> str | None:
        """The first request header called ``name`` (any case), or None."""
        return _first(self.request_headers, name)

    def response_header(self, name: str) -> str | None:
        """The first response header called ``name`` (any case), or None."""
        return _first(self.response_headers, name)


def _first(headers: tuple[tuple[str, str], ...], name: str) -> str | None:
    wanted = name.lower()
    return next((value for key, value in headers if key.lower() == wanted), None)


def _decodes(data: bytes, charset: str | None) -> bool:
    try:
        data.decode(charset or "utf-8")
    except LookupError:  # a charset Python does not know: judge it as UTF-8
        return _decodes(data, "utf-8") if charset else False
    except UnicodeDecodeError as exc:
        # A cut at the evidence cap may split a character; only an error before the end counts.
        return exc.start >= len(data) - 3 and exc.reason == "unexpected end of data"
    return True


class Recorder:
    """Thread-safe, ordered log of exchanges; ``mark``/``since`` pick out one test's exchanges."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._exchanges: list[Exchange] = []

    def add(self, exchange: Exchange) -> Exchange:
        """Store ``exchange`` under the next sequence number (from 1) and return it so numbered."""
        with self._lock:
            numbered = replace(exchange, seq=len(self._exchanges) + 1)
            self._exchanges.append(numbered)
            return numbered

    def mark(self) -> int:
        with self._lock:
            return len(self._exchanges)

    def since(self, mark: int) -> tuple[Exchange, ...]:
        with self._lock:
            return tuple(self._exchanges[mark:])

    @property
    def exchanges(self) -> tuple[Exchange, ...]:
        return self.since(0)

    def __len__(self) -> int:
        return self.mark()


def describe_size(n: int) -> str:
    for unit, size in (("MiB", 1024 * 1024), ("KiB", 1024)):
        if n >= size:
            return f"{n / size:g} {unit}"
    return f"{n} bytes"


def _closed_before_answering(error: Exception) -> bool:
    """The kept-alive connection was reset or closed before a byte came back, so the request
    never reached the server. A protocol error that comes from the HTTP parser (its chain
    leaves httpx and httpcore) means bytes did come back, as when an earlier response ran past
    its Content-Length: the server read the request, and sending it again would count twice."""
    if isinstance(error, httpx.ReadError | httpx.WriteError):
        return True
    if not isinstance(error, httpx.RemoteProtocolError):
        return False
    link: BaseException | None = error
    while link is not None:
        if type(link).__module__.split(".")[0] not in ("httpx", "httpcore"):
            return False
        link = link.__cause__ or link.__context__
    return True


class _StaleConnection(Exception):
    """Internal: the request failed before any response on a connection that was closed."""


class _Attempt:
    """One exchange run in a worker thread, so the caller can stop waiting at the deadline."""

    def __init__(self, inner: httpx.BaseTransport, request: httpx.Request, cap: int) -> None:
        self._inner = inner
        self._request = request
        self._cap = cap
        self._lock = threading.Lock()
        self._abandoned = threading.Event()
        self.done = threading.Event()
        self.response: httpx.Response | None = None
        self.error: Exception | None = None
        self.over_cap = False
        self._body = bytearray()

    def run(self) -> None:
        try:
            response = self._inner.handle_request(self._request)
            self.response = response
            try:
                self._read(response)
            finally:
                response.close()
        except Exception as exc:
            self.error = exc
        finally:
            self.done.set()

    def _read(self, response: httpx.Response) -> None:
        stream = response.stream
        if not isinstance(stream, httpx.SyncByteStream):
            raise TypeError("the inner transport returned an async stream")
        for chunk in stream:
            if self._abandoned.is_set():
                return
            with self._lock:
                room = self._cap - len(self._body)
                self._body += chunk[: max(room, 0)]
                if len(chunk) > room:
                    self.over_cap = True
                    return

    def abandon(self) -> None:
        self._abandoned.set()

    def body(self) -> bytes:
        with self._lock:
            return bytes(self._body)


class RecordingTransport(httpx.BaseTransport):
    """Sends through ``inner``, records the exchange, enforces the body cap and the deadline."""

    def __init__(
        self,
        inner: httpx.BaseTransport,
        recorder: Recorder,
        secrets: Mapping[str, str],
        *,
        max_body_bytes: int = 10 * 1024 * 1024,
        deadline_s: float = 10.0,
        evidence_bytes: int = EVIDENCE_BYTES,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self._inner = inner
        self._recorder = recorder
        self._redactor = Redactor(secrets)
        self._max_body_bytes = max_body_bytes
        self._deadline_s = deadline_s
        self._evidence_bytes = evidence_bytes
        self._clock = clock

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return self._handle(request)
        except _StaleConnection:
            # A kept-alive connection the server had already closed: the request never reached
            # it. Once more on a fresh connection; a server that resets every connection still
            # fails, as a TargetError.
            return self._handle(request, retry=False)

    def _handle(self, request: httpx.Request, retry: bool = True) -> httpx.Response:
        started_at = self._clock()
        started = time.perf_counter()
        attempt = _Attempt(self._inner, request, self._max_body_bytes)
        threading.Thread(target=attempt.run, name=_THREAD_NAME, daemon=True).start()
        finished = attempt.done.wait(self._deadline_s)
        elapsed_ms = (time.perf_counter() - started) * 1000
        raw = attempt.body()

        def record(
            response: httpx.Response | None, body: bytes, error: str | None, resent: bool = False
        ) -> None:
            exchange = self._exchange(request, response, body, error, started_at, elapsed_ms)
            self._recorder.add(replace(exchange, resent=resent))

        # The deadline is the one timer of an exchange: httpx's own timeouts are set past it,
        # but on a loaded machine either may fire first, and both mean the same thing.
        if not finished or isinstance(attempt.error, httpx.TimeoutException):
            attempt.abandon()
            reason = f"no complete response within {self._deadline_s:g} s"
            record(attempt.response, raw, reason)
            raise TargetError(f"{request.method} {self._url(request)}: {reason}")
        if attempt.error is not None:
            error = attempt.error
            reason = self._redactor.redact(f"{type(error).__name__}: {error}")
            stale = retry and attempt.response is None and _closed_before_answering(error)
            record(None, b"", reason, resent=stale)
            if stale:
                raise _StaleConnection
            if isinstance(error, httpx.TransportError):
                raise TargetError(f"{request.method} {self._url(request)}: {reason}") from None
            raise error
        assert attempt.response is not None  # run() sets it whenever it sets no error
        if attempt.over_cap:
            reason = f"response body exceeds {describe_size(self._max_body_bytes)}"
            record(attempt.response, raw, reason)
            raise TargetError(f"{request.method} {self._url(request)}: {reason}")
        try:
            response = httpx.Response(
                status_code=attempt.response.status_code,
                headers=attempt.response.headers.raw,
                content=raw,
                request=request,
                extensions=attempt.response.extensions,
            )
        except httpx.DecodingError as exc:
            reason = self._redactor.redact(f"response body cannot be decoded: {exc}")
            record(attempt.response, raw, reason)
            raise TargetError(f"{request.method} {self._url(request)}: {reason}") from None
        record(response, response.content, None)
        return response

    def close(self) -> None:
        self._inner.close()

    def _url(self, request: httpx.Request) -> str:
        return self._redactor.redact(str(request.url))

    def _exchange(
        self,
        request: httpx.Request,
        response: httpx.Response | None,
        body: bytes,
        error: str | None,
        started_at: float,
        elapsed_ms: float,
    ) -> Exchange:
        redact = self._redactor.redact
        try:
            request_bytes = request.content
        except httpx.RequestNotRead:
            request_bytes = b"<streamed request body, not recorded>"
        charset = response.charset_encoding if response is not None else None
        return Exchange(
            seq=0,
            started_at=started_at,
            method=request.method,
            url=self._url(request),
            request_headers=self._headers(request.headers),
            request_body=redact(self._text(request_bytes, None)),
            request_truncated=len(request_bytes) > self._evidence_bytes,
            status=response.status_code if response is not None else None,
            response_headers=self._headers(response.headers) if response is not None else (),
            response_body=redact(self._text(body, charset)),
            truncated=len(body) > self._evidence_bytes,
            elapsed_ms=elapsed_ms,
            error=error,
            undecodable=not _decodes(body[: self._evidence_bytes], charset),
        )

    def _headers(self, headers: httpx.Headers) -> tuple[tuple[str, str], ...]:
        redact = self._redactor.redact
        return tuple(
            (redact(k.decode("latin-1")), redact(v.decode("latin-1"))) for k, v in headers.raw
        )

    def _text(self, data: bytes, charset: str | None) -> str:
        kept = data[: self._evidence_bytes]
        try:
            return kept.decode(charset or "utf-8", errors="replace")
        except LookupError:  # a charset Python does not know
            return kept.decode("utf-8", errors="replace")
