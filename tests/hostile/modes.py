"""The hostile server's modes: one misbehaviour each, on the requests it selects.

Most modes pick one endpoint so the rest of the run stays realistic: the undefined path of
HTTP-10 (one request in a run) for broken transports and bodies, the issues collection for
pagination abuse, every keyed request where the whole target is hostile.
"""

from __future__ import annotations

import asyncio
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass

from tests.hostile.wire import Behaviour, Conversation, Request, Response, head, unframed

MIB = 1024 * 1024
HUGE_BYTES = 300 * MIB
DEEP = 5000  # far past any JSON parser's nesting limit
# issue 24: 64 KiB of it is what the evidence keeps of each answer
NESTED_EVERYWHERE = b"[" * 200_000 + b"]" * 200_000
JSON = "application/json"
_ISSUES = re.compile(r"/projects/[^/]+/issues/$")
_PROJECT = re.compile(r"/workspaces/[^/]+/projects/[^/]+/$")


@dataclass(frozen=True, slots=True)
class Mode:
    """A misbehaviour: which requests it takes over and how it answers them."""

    name: str
    selects: Callable[[Request], bool]
    behaviour: Behaviour


def undefined_path(request: Request) -> bool:
    """HTTP-10's request for a path the API does not define."""
    return request.path.endswith("/no-such-endpoint/")


def issues_list(request: Request) -> bool:
    return request.method == "GET" and _ISSUES.search(request.path) is not None


def project_deleted(request: Request) -> bool:
    """The cleanup's DELETE of the scratch project (not the DELETE of an unknown id that the
    tests send)."""
    return (
        request.method == "DELETE"
        and _PROJECT.search(request.path) is not None
        and not request.path.endswith("dead/")
    )


def keyed(request: Request) -> bool:
    return request.header("x-api-key") is not None


# transports --------------------------------------------------------------------------------


async def reset_mid_response(conversation: Conversation) -> bool:
    """Headers and half the body, then a TCP reset."""
    answer = await conversation.reference()
    headers = (*unframed(answer), ("Content-Length", str(len(answer.body) + 100)))
    await conversation.write(head(answer.status, headers) + answer.body[: len(answer.body) // 2])
    await conversation.flushed()
    await asyncio.sleep(0.2)  # the client has read the headers and waits for the rest
    conversation.reset()
    return False


async def never_answer(conversation: Conversation) -> bool:
    return await conversation.hold()


async def stall_mid_body(conversation: Conversation) -> bool:
    """Headers and half the body at once, then nothing more."""
    answer = await conversation.reference()
    headers = (*unframed(answer), ("Content-Length", str(len(answer.body))))
    await conversation.write(head(answer.status, headers) + answer.body[: len(answer.body) // 2])
    return await conversation.hold()


async def trickle(conversation: Conversation) -> bool:
    """A byte a second, headers included: no single read ever times out."""
    answer = await conversation.reference()
    headers = (*unframed(answer), ("Content-Length", str(len(answer.body))))
    for byte in head(answer.status, headers) + answer.body:
        await conversation.write(bytes([byte]))
        await asyncio.sleep(1.0)
    return False


# bodies --------------------------------------------------------------------------------------


def json_typed(status: int, body: bytes) -> Response:
    return Response(status, (("Content-Type", JSON),), body)


def rebodied(answer: Response, body: bytes, content_type: str = JSON) -> Response:
    """The reference's answer (status, rate headers) with another body under a JSON label."""
    kept = tuple((k, v) for k, v in unframed(answer) if k.lower() != "content-type")
    return Response(answer.status, (*kept, ("Content-Type", content_type)), body)


async def html_labelled_json(conversation: Conversation) -> bool:
    answer = await conversation.reference()
    return await conversation.send(rebodied(answer, b"<html><h1>Not Found</h1></html>"))


async def invalid_utf8(conversation: Conversation) -> bool:
    answer = await conversation.reference()
    body = b'{"error": "not \xff\xfe found \xc3\x28", "code": "not_found"}'
    return await conversation.send(rebodied(answer, body, JSON + "; charset=utf-8"))


async def deeply_nested(conversation: Conversation) -> bool:
    answer = await conversation.reference()
    body = b'{"detail": ' + b"[" * DEEP + b"]" * DEEP + b"}"
    return await conversation.send(rebodied(answer, body))


def body_everywhere(body: bytes) -> Behaviour:
    """200 to every request, with the reference's rate headers and ``body`` under a JSON label."""

    async def behaviour(conversation: Conversation) -> bool:
        answer = await conversation.reference()
        rebodied_answer = rebodied(answer, body)
        return await conversation.send(Response(200, rebodied_answer.headers, rebodied_answer.body))

    return behaviour


async def huge_body(conversation: Conversation) -> bool:
    """Announces hundreds of MiB and sends them until the client stops reading."""
    answer = await conversation.reference()
    kept = tuple((k, v) for k, v in unframed(answer) if k.lower() != "content-type")
    headers = (*kept, ("Content-Type", JSON), ("Content-Length", str(HUGE_BYTES)))
    await conversation.write(head(answer.status, headers) + b'{"detail": "')
    chunk = b"x" * MIB
    for _ in range(HUGE_BYTES // MIB):
        await conversation.write(chunk)
    return False


async def content_length_too_long(conversation: Conversation) -> bool:
    """Promises more than it sends, then closes."""
    answer = await conversation.reference()
    headers = (*unframed(answer), ("Content-Length", str(len(answer.body) + 1000)))
    await conversation.write(head(answer.status, headers) + answer.body)
    return False


async def content_length_too_short(conversation: Conversation) -> bool:
    """Promises less than it sends: the rest lands where the next response should start."""
    answer = await conversation.reference()
    headers = (*unframed(answer), ("Content-Length", str(len(answer.body) // 2)))
    await conversation.write(head(answer.status, headers) + answer.body)
    return True


async def echo_key(conversation: Conversation) -> bool:
    """Reflects the key in a header and in the body, as careless error pages do."""
    answer = await conversation.reference()
    key = conversation.request.header("x-api-key") or ""
    body = json.dumps({"error": f"no route for key {key}", "code": key}).encode()
    # 200, not the 404 HTTP-10 expects: the exchange becomes evidence in the report
    echoed = rebodied(answer, body).with_headers(X_Echo_Key=key)
    return await conversation.send(Response(200, echoed.headers, echoed.body))


# rate limiting -------------------------------------------------------------------------------


def throttled(**headers: str | Callable[[], str]) -> Behaviour:
    """A 429 to every selected request, with the given rate headers (and only those); a
    callable value is computed per response."""

    async def behaviour(conversation: Conversation) -> bool:
        values = {k: v if isinstance(v, str) else v() for k, v in headers.items()}
        body = b'{"error": "Request was throttled", "code": "throttled"}'
        response = json_typed(429, body).with_headers(**values)
        return await conversation.send(response)

    return behaviour


def far_future() -> str:
    return str(int(time.time()) + 10 * 365 * 86400)


# the whole target ---------------------------------------------------------------------------


def goes_away_after(requests: int) -> Behaviour:
    """Serves ``requests`` requests, then stops listening: every later connection is refused."""

    async def behaviour(conversation: Conversation) -> bool:
        if len(conversation.server.seen) <= requests:
            return await conversation.send(await conversation.reference())
        conversation.server.stop_listening()
        return False

    return behaviour


async def drop_kept_alive(conversation: Conversation) -> bool:
    """Answers the first request on a connection; closes it on reading the second, unanswered:
    the race every keep-alive client meets when a server times out an idle connection."""
    if conversation.number > 1:
        return False
    return await conversation.send(await conversation.reference())


def rate_headers(**headers: str | Callable[[], str]) -> Behaviour:
    """The reference's answer with its rate headers replaced."""

    async def behaviour(conversation: Conversation) -> bool:
        answer = await conversation.reference()
        values = {k: v if isinstance(v, str) else v() for k, v in headers.items()}
        return await conversation.send(answer.with_headers(**values))

    return behaviour


def redirects_to(origin: str) -> Behaviour:
    """307 (method and body kept) to the same path on another origin."""

    async def behaviour(conversation: Conversation) -> bool:
        location = origin + conversation.request.target
        body = json.dumps({"error": f"moved to {location}", "code": "moved"}).encode()
        return await conversation.send(json_typed(307, body).with_headers(Location=location))

    return behaviour


def everything(request: Request) -> bool:
    return True


# pagination ----------------------------------------------------------------------------------


def rewritten_page(change: Callable[[Request, dict[str, object]], None]) -> Behaviour:
    """The reference's page, its envelope changed by ``change``."""

    async def behaviour(conversation: Conversation) -> bool:
        answer = await conversation.reference()
        if answer.status != 200:
            return await conversation.send(answer)
        page = json.loads(answer.body)
        change(conversation.request, page)
        return await conversation.send(
            Response(answer.status, unframed(answer), json.dumps(page).encode())
        )

    return behaviour


def _size(request: Request) -> int:
    cursor = request.param("cursor")
    return int(request.param("per_page") or (cursor.split(":")[0] if cursor else 100))


def more_forever(request: Request, page: dict[str, object]) -> None:
    """next_page_results is always true, with a fresh cursor every time."""
    cursor = request.param("cursor")
    number = int(cursor.split(":")[1]) if cursor else 0
    page["next_page_results"] = True
    page["next_cursor"] = f"{_size(request)}:{number + 1}:0"


def cursors_cycle(request: Request, page: dict[str, object]) -> None:
    """First page to A, A to B, B back to A."""
    size = _size(request)
    first, second = f"{size}:1:0", f"{size}:2:0"
    page["next_page_results"] = True
    page["next_cursor"] = second if request.param("cursor") == first else first


def absurd_total_pages(request: Request, page: dict[str, object]) -> None:
    page["total_pages"] = 10**18
    page["total_count"] = 10**20


# the catalogue -------------------------------------------------------------------------------


def _modes(*modes: Mode) -> dict[str, Mode]:
    return {mode.name: mode for mode in modes}


MODES = _modes(
    Mode("reset-mid-response", undefined_path, reset_mid_response),
    Mode("never-answers", undefined_path, never_answer),
    Mode("never-deletes", project_deleted, never_answer),
    Mode("stalls-mid-body", undefined_path, stall_mid_body),
    Mode("trickles", undefined_path, trickle),
    Mode("html-labelled-json", undefined_path, html_labelled_json),
    Mode("invalid-utf8", undefined_path, invalid_utf8),
    Mode("nested-thousands-deep", undefined_path, deeply_nested),
    Mode("huge-body", undefined_path, huge_body),
    Mode("content-length-too-long", undefined_path, content_length_too_long),
    Mode("content-length-too-short", undefined_path, content_length_too_short),
    Mode("echoes-the-key", undefined_path, echo_key),
    Mode("retry-after-hours", undefined_path, throttled(Retry_After="7200")),
    Mode("retry-after-negative", undefined_path, throttled(Retry_After="-30")),
    Mode("retry-after-garbage", undefined_path, throttled(Retry_After="soon, maybe")),
    Mode(
        "retry-after-date-in-the-past",
        undefined_path,
        throttled(Retry_After="Wed, 21 Oct 2015 07:28:00 GMT"),
    ),
    Mode(
        "reset-garbage",
        undefined_path,
        throttled(X_RateLimit_Remaining="0", X_RateLimit_Reset="tomorrow-ish"),
    ),
    Mode(
        "reset-far-future",
        undefined_path,
        throttled(X_RateLimit_Remaining="0", X_RateLimit_Reset=far_future),
    ),
    Mode("429-for-everything", keyed, throttled(Retry_After="1")),
    Mode(
        "reset-far-future-everywhere",
        keyed,
        rate_headers(X_RateLimit_Reset=far_future),
    ),
    Mode("goes-away-mid-run", everything, goes_away_after(40)),
    Mode("never-answers-anything", everything, never_answer),
    Mode("drops-kept-alive-requests", everything, drop_kept_alive),
    Mode("resets-everything", everything, reset_mid_response),
    Mode("nested-everywhere", everything, body_everywhere(NESTED_EVERYWHERE)),
    Mode("garbage-everywhere", everything, body_everywhere(b"not json {{{")),
    Mode("more-pages-forever", issues_list, rewritten_page(more_forever)),
    Mode("cursors-cycle", issues_list, rewritten_page(cursors_cycle)),
    Mode("absurd-total-pages", issues_list, rewritten_page(absurd_total_pages)),
)
