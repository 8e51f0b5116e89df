"""A body that is not text in its charset is flagged, so FMT-01 can judge the bytes that came."""

from __future__ import annotations

import httpx
import pytest

from conformance.http import Recorder, RecordingTransport


@pytest.mark.parametrize(
    ("content", "content_type", "undecodable"),
    [
        (b'{"a": "\xc3\xa9"}', "application/json", False),
        (b'{"a": "\xff\xfe"}', "application/json", True),
        (b'{"a": "\xe9"}', "application/json; charset=latin-1", False),
        (b"", "application/json", False),
    ],
)
def test_undecodable_bodies_are_flagged(
    content: bytes, content_type: str, undecodable: bool
) -> None:
    def answer(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"Content-Type": content_type}, content=content)

    recorder = Recorder()
    transport = RecordingTransport(httpx.MockTransport(answer), recorder, {})
    transport.handle_request(httpx.Request("GET", "http://127.0.0.1:1/api/v1/"))
    assert recorder.exchanges[-1].undecodable is undecodable
