"""RATE: rate limiting. Runs last: the first key's window was spent by the run's own requests
when its keys are one user's (``conformance.suite.exhaustion``), else the rest of it is spent here.

Nothing here assumes how the target counts: a fixed window (one Reset for every answer until
it ends) and a sliding log (Reset = now + window on every answer) are judged alike, on evidence
that holds for both. Requests go to an endpoint whose answers show the counter; every wait is
for the latest Reset the target announced, within the run's wait budget.
"""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.checks.probes import is_undefined_path
from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    carries_key,
    header_int,
    judged_pairs,
    rate_header_problems,
    reset_window_problems,
    skew_s,
)
from conformance.checks.throttling import (
    first_after_reset,
    limit_judgement,
    restored_problems,
    throttled_past_reset,
)
from conformance.http import Exchange
from conformance.judgements.ratelimit import (
    limit_kept,
    other_key_not_throttled,
    remaining_counts_down,
    reset_lifts_throttle,
    throttle_announced,
    window_restored,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.target import Target
from conformance.suite.endpoints import in_absent_endpoint, outside_api
from conformance.suite.exhaustion import (
    Exhaustion,
    Watch,
    ask_second_key,
    counting_paths,
    history,
    keyed,
    spend,
)

Pair = tuple[Exchange, Exchange]


def _late_429s(plane: Target) -> list[Exchange]:
    """The first key's 429s from endpoints of the API that came after every Reset announced
    before them had passed (``throttled_past_reset``). A path the API does not define (HTTP-10's)
    or an endpoint the target lacks is no window's evidence: what it answers is not the limit's."""
    answers = [
        e
        for e in history(plane)
        if not is_undefined_path(e.url)
        and not in_absent_endpoint(plane, e.url)
        and not outside_api(plane, e.url)
    ]
    return throttled_past_reset(answers, plane.settings.rate_window)


def _other_keys(plane: Target) -> list[int]:
    """Sequence numbers of the requests made with another key of the run: one may count for
    the first key too (one limit for both is RATE-07's question), so no countdown spans one."""
    others = [p for p in plane.placeholders if p != plane.primary_placeholder]
    return [
        e.seq for e in plane.recorder.exchanges if any(carries_key(e, other) for other in others)
    ]


@pytest.fixture(scope="module")
def exhaustion(plane: Target, window_watch: Watch, request: pytest.FixtureRequest) -> Exhaustion:
    """The first key's window spent until its 429: by the run's own requests when it spent it
    so (``conformance.suite.exhaustion``), else by spending the rest of it now."""
    if window_watch.done is not None:
        return window_watch.done
    return spend(plane, request)


@pytest.mark.req("RATE-03")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_remaining_counts_down(
    plane: Target, check: Checker, request: pytest.FixtureRequest
) -> None:
    """Within a window, X-RateLimit-Remaining drops by one with each request made with the key,
    and is at most 59 after the first."""
    answers = history(plane)
    pairs = _pairs(plane, answers)
    if not pairs and any(header_int(e, REMAINING) is not None for e in answers):
        pairs = _countdown_asked(plane, request)
        answers = history(plane)
    counted = [e for e in answers if e.status not in (None, 429)]
    if not remaining_counts_down(check, pairs, counted, plane.settings.rate_limit):
        pytest.skip(
            f"no two answers in a row carried {REMAINING} with nothing that could have left "
            "the window between them (see RATE-01)"
        )


def _pairs(plane: Target, answers: list[Exchange]) -> list[Pair]:
    """RATE-03's countdown pairs in the first key's ``answers`` (``judged_pairs``)."""
    settings = plane.settings
    return judged_pairs(answers, _other_keys(plane), settings.rate_limit, settings.rate_window)


def _countdown_asked(plane: Target, request: pytest.FixtureRequest) -> list[Pair]:
    """RATE-03's evidence when the run's own requests show none: two requests in a row now
    (in a fixed window they count down whatever came before), else, as a sliding log lets
    requests leave all the time while a run goes on, two more once the key has been quiet for
    a window."""
    settings = plane.settings
    path = counting_paths(plane, request)[0]
    for quiet in (False, True):
        if quiet:
            latest = max(e.started_at for e in history(plane)) + settings.rate_window
            plane.wait_until(
                latest + skew_s(settings.rate_window) + 0.5, "RATE-03 waits for a quiet window"
            )
        for _ in range(2):
            plane.get(path, auth=plane.primary_auth(), paced=False)
        pairs = _pairs(plane, history(plane))
        if pairs:
            return pairs
    return []


@pytest.mark.req("RATE-04")
@pytest.mark.budget(0, 7)
def test_requests_past_the_limit_get_429(
    plane: Target, exhaustion: Exhaustion, check: Checker
) -> None:
    """Once a key has made 60 requests in a window, its further requests get 429 until the
    window resets."""
    throttled = exhaustion.throttled
    judgement = limit_judgement(
        history(plane),
        throttled.exchange if throttled is not None else None,
        plane.settings.rate_limit,
        plane.settings.rate_window,
        len(exhaustion.spent),
        late=_late_429s(plane),
    )
    if not limit_kept(check, judgement, plane.settings.rate_limit):
        assert judgement.undecided is not None
        pytest.skip(judgement.undecided)


@pytest.mark.req("RATE-06")
@pytest.mark.budget(0, 0)
def test_429_carries_retry_after(exhaustion: Exhaustion, check: Checker) -> None:
    """A 429 carries Retry-After (RFC 6585), and X-RateLimit-Remaining: 0 with
    X-RateLimit-Reset."""
    if exhaustion.throttled is None:
        pytest.skip("no 429 was observed (see RATE-04)")
    throttle_announced(check, exhaustion.throttled.exchange)


@pytest.mark.req("RATE-07")
@pytest.mark.budget(0, 1)
def test_limit_is_per_key(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """The limit is per key: exhausting one key does not throttle another."""
    if plane.keys.secondary is None:
        pytest.skip(f"needs a second key in ${plane.keys.secondary_env}")
    if exhaustion.throttled is None:
        pytest.skip("the first key could not be exhausted (see RATE-04)")
    ask_second_key(plane, exhaustion)
    reply = exhaustion.second
    assert reply is not None
    other_key_not_throttled(check, reply.exchange, "the second key")


@pytest.mark.req("RATE-05")
@pytest.mark.budget(1, 1, at_most=True)  # none where the run used the key after its reset
def test_window_resets(plane: Target, exhaustion: Exhaustion, check: Checker) -> None:
    """After the reset time, requests with the key succeed again and X-RateLimit-Remaining is
    restored (waiting for the latest Reset the target announced, or the 429's Retry-After if
    that is later; a Reset more than a window ahead is RATE-02's failure, and one window after
    the 429 stands in for it)."""
    if not reset_lifts_throttle(check, _late_429s(plane)):
        return
    throttled = exhaustion.throttled
    if throttled is None:
        pytest.skip("the key could not be exhausted (see RATE-04)")
    moment, after = first_after_reset(
        history(plane), throttled.exchange, plane.settings.rate_window
    )
    if moment is None:
        pytest.skip("no answer said when the window resets, and the 429 gave no Retry-After")
    if after is None:
        plane.wait_until(moment, "RATE-05 waits for the latest X-RateLimit-Reset")
        plane.get(exhaustion.path, auth=plane.primary_auth(), paced=False)
        moment, after = first_after_reset(
            history(plane), throttled.exchange, plane.settings.rate_window
        )
    assert after is not None
    assert moment is not None
    problems, shown = restored_problems(
        history(plane), throttled.exchange, moment, after, plane.settings.rate_limit
    )
    window_restored(check, problems, shown)


@pytest.mark.req("RATE-01")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_every_response_carries_the_rate_headers(
    plane: Target, coverage: Coverage, check: Checker
) -> None:
    """Every response to an authenticated request that is not a 429 carries
    X-RateLimit-Remaining and X-RateLimit-Reset, on every endpoint (the answers the operation
    tests judged are theirs)."""
    exchanges = [e for e in keyed(plane) if e.seq not in coverage.judged]
    if not exchanges:
        pytest.skip("no authenticated response was seen")
    for exchange in exchanges:
        check.expect("RATE-01", rate_header_problems(exchange), exchange=exchange)


@pytest.mark.req("RATE-02")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_reset_lies_within_the_window(plane: Target, check: Checker) -> None:
    """X-RateLimit-Reset lies in the future and at most 60 s ahead."""
    exchanges = [e for e in keyed(plane) if header_int(e, RESET) is not None]
    if not exchanges:
        pytest.skip(f"no response carried an integer {RESET}")
    for exchange in exchanges:
        check.expect(
            "RATE-02",
            reset_window_problems(exchange, plane.settings.rate_window),
            exchange=exchange,
        )
