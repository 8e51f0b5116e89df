"""HAR 1.2 files made from recorded exchanges, as a browser or a proxy would have saved them:
the keys written back in place of their placeholders, cookies added, written as a stream."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from conformance.http import Exchange


def _restore(text: str, keys: Mapping[str, str]) -> str:
    for placeholder in sorted(keys, key=len, reverse=True):
        text = text.replace(placeholder, keys[placeholder])
    return text


def _headers(pairs: Iterable[tuple[str, str]], keys: Mapping[str, str]) -> list[dict[str, str]]:
    return [{"name": name, "value": _restore(value, keys)} for name, value in pairs]


def har_entry(
    exchange: Exchange, keys: Mapping[str, str], cookie: str | None = None
) -> dict[str, Any]:
    """The exchange as a HAR entry; ``keys``: placeholder -> the key it stands for."""
    request_headers = _headers(exchange.request_headers, keys)
    response_headers = _headers(exchange.response_headers, keys)
    if cookie is not None:
        request_headers.append({"name": "Cookie", "value": f"sessionid={cookie}; theme=dark"})
        response_headers.append({"name": "Set-Cookie", "value": f"sessionid={cookie}; Path=/"})
    started = dt.datetime.fromtimestamp(exchange.started_at, dt.UTC)
    entry: dict[str, Any] = {
        "startedDateTime": started.isoformat().replace("+00:00", "Z"),
        "time": exchange.elapsed_ms,
        "request": {
            "method": exchange.method,
            "url": _restore(exchange.url, keys),
            "httpVersion": "HTTP/1.1",
            "headers": request_headers,
            "queryString": [],
            "cookies": [],
            "headersSize": -1,
            "bodySize": len(exchange.request_body),
        },
        "response": {
            "status": exchange.status or 0,
            "statusText": "",
            "httpVersion": "HTTP/1.1",
            "headers": response_headers,
            "cookies": [],
            "content": {
                # a body the recording cut at the evidence limit was larger than its text
                "size": len(exchange.response_body) + (1 if exchange.truncated else 0),
                "mimeType": exchange.response_header("Content-Type") or "",
                "text": _restore(exchange.response_body, keys),
            },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": len(exchange.response_body),
        },
        "cache": {},
        "timings": {"send": 0, "wait": exchange.elapsed_ms, "receive": 0},
    }
    if exchange.request_body:
        entry["request"]["postData"] = {
            "mimeType": exchange.request_header("Content-Type") or "",
            "text": _restore(exchange.request_body, keys),
        }
    return entry


def write_har(path: Path, entries: Iterable[Mapping[str, Any]]) -> Path:
    """Write a HAR file entry by entry (never the whole file in memory)."""
    with path.open("w", encoding="utf-8") as stream:
        stream.write('{"log": {"version": "1.2", "creator": {"name": "tests", "version": "1"},')
        stream.write('"pages": [], "entries": [')
        for index, entry in enumerate(entries):
            stream.write(("," if index else "") + json.dumps(entry))
        stream.write("]}}")
    return path
