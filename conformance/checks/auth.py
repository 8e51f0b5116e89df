"""Authentication, judged over recorded exchanges: the answers a valid key got."""

from __future__ import annotations

from collections.abc import Callable, Iterable

from conformance.checks.checker import Judged
from conformance.checks.probes import names_unknown
from conformance.http import Exchange


def valid_key_answers(
    exchanges: Iterable[Exchange], placeholder: str, absent: Callable[[str], bool]
) -> list[Judged]:
    """AUTH-03: every answered request with the valid key in a header spelled ``X-API-Key`` is
    neither 401 nor 403. Left out: requests that name an unknown id or another workspace on
    purpose, requests to endpoints the target does not have (``absent``), and requests for what
    the run deleted (unknown afterwards, as on purpose)."""
    judged = []
    deleted: set[str] = set()
    for exchange in exchanges:
        if ("X-API-Key", placeholder) not in exchange.request_headers or exchange.status is None:
            continue
        if exchange.method == "DELETE" and 200 <= exchange.status < 300:
            deleted.add(exchange.url)
        if names_unknown(exchange.url) or absent(exchange.url):
            continue
        if exchange.url in deleted and exchange.method != "DELETE":
            continue
        judged.append(
            Judged(
                exchange,
                exchange.status not in (401, 403),
                f"{exchange.method} {exchange.url} with the valid key got {exchange.status}",
            )
        )
    return judged
