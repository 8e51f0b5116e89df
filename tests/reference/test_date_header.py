"""The Date header comes from the server's clock, on every HTTP answer and nowhere else."""

from __future__ import annotations

import asyncio
from email.utils import parsedate_to_datetime

from starlette.types import Message, Receive, Scope, Send

from conformance.reference.date_header import DateHeader
from tests.clock import FakeClock


async def _answer(scope: Scope, receive: Receive, send: Send) -> None:
    await send({"type": "http.response.start", "status": 204, "headers": []})
    await send({"type": "http.response.body", "body": b""})


async def _receive() -> Message:
    return {"type": "http.request"}


def _sent(scope: Scope, clock: FakeClock) -> list[Message]:
    sent: list[Message] = []

    async def send(message: Message) -> None:
        sent.append(message)

    asyncio.run(DateHeader(_answer, clock.time)(scope, _receive, send))
    return sent


def test_an_http_answer_is_dated_by_the_clock() -> None:
    clock = FakeClock(1_700_000_000.7)
    start = _sent({"type": "http"}, clock)[0]
    dates = [v.decode() for k, v in start["headers"] if k.lower() == b"date"]
    assert [parsedate_to_datetime(d).timestamp() for d in dates] == [1_700_000_000]


def test_other_scopes_pass_untouched() -> None:
    start = _sent({"type": "lifespan"}, FakeClock())[0]
    assert start["headers"] == []
