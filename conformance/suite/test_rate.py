"""RATE: rate limiting. Runs last: it spends what is left of the window on purpose.

Nothing here assumes how the target counts: a fixed window (one Reset for every answer until
it ends) and a sliding log (Reset = now + window on every answer) are judged alike, on evidence
that holds for both. Requests go to an endpoint whose answers show the counter; every wait is
for the latest Reset the target announced, within the run's wait budget.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conformance.checks import Checker
from conformance.checks.probes import is_undefined_path
from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    carries_key,
    ceiling_problems,
    countdown_pairs,
    countdown_problems,
    header_int,
    keyed_answers,
    limit_judgement,
    rate_header_problems,
    reset_moment,
    reset_window_problems,
    retry_after_problems,
    throttled_past_reset,
    unseen_leave_until,
)
from conformance.errors import TargetError
from conformance.http import Exchange
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.endpoints import in_absent_endpoint, outside_api
from conformance.surface import ME

PROJECT = "workspaces/{slug}/projects/{project}/"


@dataclass(slots=True)
class Exhaustion:
    """What spending the rest of one window showed, and where it was spent."""

    path: str
    spent: list[Reply] = field(default_factory=list)
    throttled: Reply | None = None
    notes: list[str] = field(default_factory=list)


def _history(plane: Target) -> list[Exchange]:
    """The primary key's requests, in order, however the key went (a server that also counts
    a key sent as a Bearer token or a query parameter counts those too)."""
    return [e for e in plane.recorder.exchanges if carries_key(e, plane.primary_placeholder)]


def _late_429s(plane: Target) -> list[Exchange]:
    """The primary key's 429s from endpoints of the API that came after every Reset announced
    before them had passed (``throttled_past_reset``). A path the API does not define (HTTP-10's)
    or an endpoint the target lacks is no window's evidence: what it answers is not the limit's."""
    history = [
        e
        for e in _history(plane)
        if not is_undefined_path(e.url)
        and not in_absent_endpoint(plane, e.url)
        and not outside_api(plane, e.url)
    ]
    return throttled_past_reset(history, plane.settings.rate_window)


def _other_keys(plane: Target) -> list[int]:
    """Sequence numbers of the requests made with another key of the run: one may count for
    the first key too (one limit for both is RATE-07's question), so no countdown spans one."""
    others = [p for p in plane.placeholders if p != plane.primary_placeholder]
    return [
        e.seq for e in plane.recorder.exchanges if any(carries_key(e, other) for other in others)
    ]


def _keyed(plane: Target) -> list[Exchange]:
    """Exchanges authenticated with a valid key in X-API-Key, answered, not 429, to an
    endpoint of the API that the target has."""
    answers = [
        e
        for placeholder in plane.placeholders
        for e in keyed_answers(
            plane.recorder.exchanges, placeholder, lambda url: in_absent_endpoint(plane, url)
        )
        if not outside_api(plane, e.url)
    ]
    return sorted(answers, key=lambda e: e.seq)


def _shows_counter(exchange: Exchange) -> bool:
    return header_int(exchange, REMAINING) is not None and header_int(exchange, RESET) is not None


def _counting_paths(plane: Target, request: pytest.FixtureRequest) -> list[str]:
    """Cheap GET endpoints to spend the window on, those whose last answer showed the counter
    first: an endpoint the target leaves out of rate limiting cannot show a window. The
    project's detail where there is a project (the scratch one, else --project), and
    users/me/; a run whose scratch project could not be made still spends its window."""
    projects = [plane.settings.project] if plane.settings.project else []
    try:
        subject: Subject = request.getfixturevalue("subject")
        projects.insert(0, subject.project)
    except TargetError:
        pass  # the reason is the tests' that need the subject
    candidates = [*(plane.path(PROJECT, project=p) for p in projects), ME]
    last: dict[str, Exchange] = {}
    for exchange in _keyed(plane):
        for path in candidates:
            if exchange.method == "GET" and exchange.url.split("?")[0].endswith("/" + path):
                last[path] = exchange
    return sorted(candidates, key=lambda p: p not in last or not _shows_counter(last[p]))


@pytest.fixture(scope="module")
def exhaustion(plane: Target, request: pytest.FixtureRequest) -> Exhaustion:
    """Spend what is left of the key's window, one request at a time, until the first 429
    (bounded: a target that never throttles is caught, not followed forever)."""
    limit = plane.settings.rate_limit
    paths = _counting_paths(plane, request)
    result = Exhaustion(path=paths[0])
    for _ in range(2 * limit + 2):
        reply = plane.get(result.path, paced=False)
        if reply.status == 429:
            result.throttled = reply
            break
        result.spent.append(reply)
        if not _shows_counter(reply.exchange) and len(paths) > 1:
            paths.pop(0)
            result.notes.append(f"GET {result.path} shows no rate counter; spent on {paths[0]}")
            result.path = paths[0]
    return result


@pytest.mark.req("RATE-03")
@pytest.mark.budget(0, 0)
def test_remaining_counts_down(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """Within a window, X-RateLimit-Remaining drops by one with each request made with the key,
    and is at most 59 after the first."""
    history = _history(plane)
    others = _other_keys(plane)
    window = plane.settings.rate_window
    unseen = unseen_leave_until(history, plane.settings.rate_limit, window)
    pairs = [
        (a, b)
        for a, b in countdown_pairs(history, window, unseen_until=unseen)
        if not any(a.seq < seq < b.seq for seq in others)
    ]
    counted = [e for e in history if e.status not in (None, 429)]
    ceiling = ceiling_problems(counted, plane.settings.rate_limit)
    if not pairs and not ceiling:
        pytest.skip(
            f"no two answers in a row carried {REMAINING} with nothing that could have left "
            "the window between them (see RATE-01)"
        )
    check.expect(
        "RATE-03",
        countdown_problems(pairs)[:5],
        expected="Remaining - 1 per request",
        exchange=pairs[-1][1] if pairs else None,
    )
    check.expect(
        "RATE-03",
        ceiling[:5],
        expected=f"at most {plane.settings.rate_limit - 1} remaining after a request",
        exchange=counted[-1] if counted else None,
    )


@pytest.mark.req("RATE-04")
@pytest.mark.budget(0, 0)
def test_requests_past_the_limit_get_429(
    plane: Target, exhaustion: Exhaustion, check: Checker
) -> None:
    """Once a key has made 60 requests in a window, its further requests get 429 until the
    window resets."""
    if _late_429s(plane):
        pytest.skip(
            "the key was still throttled after a Reset had passed (see RATE-05): how soon it "
            "was throttled again says nothing more"
        )
    throttled = exhaustion.throttled
    judgement = limit_judgement(
        _history(plane),
        throttled.exchange if throttled is not None else None,
        plane.settings.rate_limit,
        plane.settings.rate_window,
        len(exhaustion.spent),
    )
    if judgement.undecided is not None:
        pytest.skip(judgement.undecided)
    for message, exchange in judgement.failures:
        check.that(
            "RATE-04",
            False,
            message,
            expected=f"429 once the {plane.settings.rate_limit} requests are spent",
            exchange=exchange,
        )
    check.expect("RATE-04", [])


@pytest.mark.req("RATE-06")
@pytest.mark.budget(0, 0)
def test_429_carries_retry_after(exhaustion: Exhaustion, check: Checker) -> None:
    """A 429 carries Retry-After (RFC 6585), and X-RateLimit-Remaining: 0 with
    X-RateLimit-Reset."""
    if exhaustion.throttled is None:
        pytest.skip("no 429 was observed (see RATE-04)")
    check.expect(
        "RATE-06",
        retry_after_problems(exhaustion.throttled.exchange),
        exchange=exhaustion.throttled.exchange,
    )


@pytest.mark.req("RATE-07")
@pytest.mark.budget(1, 1)
def test_limit_is_per_key(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """The limit is per key: exhausting one key does not throttle another."""
    if plane.keys.secondary is None:
        pytest.skip(f"needs a second key in ${plane.keys.secondary_env}")
    if exhaustion.throttled is None:
        pytest.skip("the first key could not be exhausted (see RATE-04)")
    reply = plane.get(exhaustion.path, auth=plane.key_auth(plane.keys.secondary), paced=False)
    check.that(
        "RATE-07",
        reply.status != 429,
        "the second key got 429 while only the first key had spent its window",
        expected="not 429",
        observed=str(reply.status),
        exchange=reply.exchange,
    )


@pytest.mark.req("RATE-05")
@pytest.mark.budget(1, 1)
def test_window_resets(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """After the reset time, requests with the key succeed again and X-RateLimit-Remaining is
    restored (waiting for the latest Reset the target announced, or the 429's Retry-After if
    that is later; a Reset more than a window ahead is RATE-02's failure, and one window after
    the 429 stands in for it)."""
    late = _late_429s(plane)
    for exchange in late[:3]:
        check.that(
            "RATE-05",
            False,
            f"request #{exchange.seq} got 429 though every Reset announced before it had passed",
            expected="a success once the window reset",
            observed="429",
            exchange=exchange,
        )
    if late:
        return
    throttled = exhaustion.throttled
    if throttled is None:
        pytest.skip("the key could not be exhausted (see RATE-04)")
    moment = reset_moment(_history(plane), throttled.exchange, plane.settings.rate_window)
    if moment is None:
        pytest.skip("no answer said when the window resets, and the 429 gave no Retry-After")
    plane.wait_until(moment, "RATE-05 waits for the latest X-RateLimit-Reset")
    reply = plane.get(exhaustion.path, paced=False)
    remaining = header_int(reply.exchange, REMAINING)
    limit = plane.settings.rate_limit
    if not check.that(
        "RATE-05",
        reply.status != 429,
        "still 429 after the reset time",
        expected="a success",
        observed=str(reply.status),
        exchange=reply.exchange,
    ):
        return
    # how Remaining counts is RATE-03's to judge, whether it is there RATE-01's; here: the
    # window is whole again
    if remaining is None:
        return
    check.that(
        "RATE-05",
        remaining >= limit - 1,
        f"{REMAINING} is {remaining} on the first request after the reset",
        expected=f"{limit - 1} (the whole window less this request)",
        observed=str(remaining),
        exchange=reply.exchange,
    )


@pytest.mark.req("RATE-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_response_carries_the_rate_headers(
    plane: Target, coverage: Coverage, check: Checker
) -> None:
    """Every response to an authenticated request that is not a 429 carries
    X-RateLimit-Remaining and X-RateLimit-Reset, on every endpoint (the answers the operation
    tests judged are theirs)."""
    exchanges = [e for e in _keyed(plane) if e.seq not in coverage.judged]
    if not exchanges:
        pytest.skip("no authenticated response was seen")
    for exchange in exchanges:
        check.expect("RATE-01", rate_header_problems(exchange), exchange=exchange)


@pytest.mark.req("RATE-02")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_reset_lies_within_the_window(plane: Target, check: Checker) -> None:
    """X-RateLimit-Reset lies in the future and at most 60 s ahead."""
    exchanges = [e for e in _keyed(plane) if header_int(e, RESET) is not None]
    if not exchanges:
        pytest.skip(f"no response carried an integer {RESET}")
    for exchange in exchanges:
        check.expect(
            "RATE-02",
            reset_window_problems(exchange, plane.settings.rate_window),
            exchange=exchange,
        )
