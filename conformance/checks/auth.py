"""Authentication, judged over recorded exchanges: the answers a valid key got."""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from urllib.parse import urlsplit

from conformance.checks.checker import Judged
from conformance.checks.probes import names_unknown, names_unknown_id, reads_one_item
from conformance.http import Exchange


def valid_key_answers(
    exchanges: Iterable[Exchange],
    placeholder: str,
    absent: Callable[[str], bool],
    valid: Collection[str] = (),
) -> list[Judged]:
    """AUTH-03: every answered request with the valid key in a header spelled ``X-API-Key`` is
    neither 401 nor 403. Left out: requests that name an unknown id or another workspace on
    purpose, requests to endpoints the target does not have (``absent``), requests for what
    the run deleted (unknown afterwards, as on purpose), and, where a valid key's read of an
    unknown id was answered 403 (``valid``: every valid key's placeholder), a 403 to a read of
    one item no valid key was shown: that id may be one the target does not know (an id taken
    from a parent list the operation does not take), and the 403 HTTP-05's deviation."""
    exchanges = list(exchanges)
    keys = {placeholder, *valid}
    with_a_key = [
        e
        for e in exchanges
        if e.status is not None and any(("X-API-Key", key) in e.request_headers for key in keys)
    ]
    unknown_refused = any(
        e.method == "GET" and names_unknown_id(e.url) and e.status == 403 for e in with_a_key
    )
    # items a valid key was shown: a 403 to one of them is AUTH-03's, whatever the unknown id got
    shown = {_item(e.url) for e in with_a_key if e.method == "GET" and 200 <= (e.status or 0) < 300}
    keyed = [e for e in with_a_key if ("X-API-Key", placeholder) in e.request_headers]
    judged = []
    deleted: set[str] = set()
    for exchange in keyed:
        if exchange.method == "DELETE" and 200 <= (exchange.status or 0) < 300:
            deleted.add(exchange.url)
        if names_unknown(exchange.url) or absent(exchange.url):
            continue
        if exchange.url in deleted and exchange.method != "DELETE":
            continue
        unsure = reads_one_item(exchange) and _item(exchange.url) not in shown
        if unknown_refused and exchange.status == 403 and unsure:
            continue
        judged.append(
            Judged(
                exchange,
                exchange.status not in (401, 403),
                f"{exchange.method} {exchange.url} with the valid key got {exchange.status}",
            )
        )
    return judged


def _item(url: str) -> str:
    """The URL without its query: the item it names."""
    return urlsplit(url)._replace(query="").geturl()
