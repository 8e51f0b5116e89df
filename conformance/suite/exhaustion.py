"""Spending the first key's window, and the 429 that ends it, with requests the run needs anyway.

The first key goes first (``KeySpread``), so in a run whose keys are one user's its window is
spent by the tests' own requests. Between two tests, once its last answer said Remaining 0, one
more request with it shows the 429 (RATE-04, RATE-06), and one with the second key whether that
key is throttled too (RATE-07). The other keys carry the run on meanwhile, so the wait for the
first key's reset (RATE-05's) costs nothing the run would not wait anyway. A run that never
spends the first key's window so (one key, keys of different users, a target that shows no
counter) spends the rest of it in the RATE tests, at the end, as any run did before.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest

from conformance.checks.ratelimit import (
    REMAINING,
    RESET,
    carries_key,
    header_int,
    keyed_answers,
)
from conformance.errors import TargetError
from conformance.http import Exchange
from conformance.http.windows import key_id
from conformance.plugin.stash import JOURNAL_KEY
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.endpoints import in_absent_endpoint, outside_api
from conformance.surface import ME

PROJECT = "workspaces/{slug}/projects/{project}/"


@dataclass(slots=True)
class Exhaustion:
    """What spending the rest of one window of the first key showed, and where it was spent;
    ``second`` is the second key's answer right after the 429 (RATE-07's), when it was asked."""

    path: str
    spent: list[Reply] = field(default_factory=list)
    throttled: Reply | None = None
    notes: list[str] = field(default_factory=list)
    second: Reply | None = None


@dataclass(slots=True)
class Watch:
    """Whether the run spends the first key's window between tests (``wanted``: the RATE tests
    run and the keys are one user's), and what that showed once it did."""

    wanted: bool
    done: Exhaustion | None = None


def history(plane: Target) -> list[Exchange]:
    """The first key's requests, in order, however the key went (a server that also counts
    a key sent as a Bearer token or a query parameter counts those too)."""
    return [e for e in plane.recorder.exchanges if carries_key(e, plane.primary_placeholder)]


def keyed(plane: Target) -> list[Exchange]:
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


def shows_counter(exchange: Exchange) -> bool:
    return header_int(exchange, REMAINING) is not None and header_int(exchange, RESET) is not None


def counting_paths(plane: Target, request: pytest.FixtureRequest) -> list[str]:
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
    candidates = [p for p in candidates if p not in plane.absent] or candidates
    last: dict[str, Exchange] = {}
    for exchange in keyed(plane):
        for path in candidates:
            if exchange.method == "GET" and exchange.url.split("?")[0].endswith("/" + path):
                last[path] = exchange
    return sorted(candidates, key=lambda p: p not in last or not shows_counter(last[p]))


def spend(plane: Target, request: pytest.FixtureRequest) -> Exhaustion:
    """Spend what is left of the first key's window, one request at a time, until the first 429
    (bounded: a target that never throttles is caught, not followed forever); the run's notes
    say where a path showed no counter."""
    paths = counting_paths(plane, request)
    result = Exhaustion(path=paths[0])
    for _ in range(2 * plane.settings.rate_limit + 2):
        reply = plane.get(result.path, auth=plane.primary_auth(), paced=False)
        if reply.status == 429:
            result.throttled = reply
            break
        result.spent.append(reply)
        if not shows_counter(reply.exchange) and len(paths) > 1:
            paths.pop(0)
            result.notes.append(f"GET {result.path} shows no rate counter; spent on {paths[0]}")
            result.path = paths[0]
    request.config.stash[JOURNAL_KEY].notes.extend(result.notes)
    return result


def ask_second_key(plane: Target, exhaustion: Exhaustion) -> None:
    """RATE-07's request: the second key, right after the first one's 429."""
    second = plane.keys.secondary
    if second is not None and exhaustion.throttled is not None and exhaustion.second is None:
        exhaustion.second = plane.get(exhaustion.path, auth=plane.key_auth(second), paced=False)


def first_key_spent(plane: Target) -> bool:
    """The first key's last answer said Remaining 0 and its Reset is still ahead. A window that
    held requests the run did not make when it began (a run right after another on the same
    keys) is spent sooner: RATE-04 counts those its first Remaining showed (``limit_judgement``)."""
    return plane.windows.room(key_id(plane.keys.primary), plane.clock.time()) == 0


def spend_between_tests(plane: Target, watch: Watch, request: pytest.FixtureRequest) -> None:
    """Once the first key's window is spent by the run's own requests, show its 429 and ask the
    second key (see the module docstring)."""
    if not watch.wanted or watch.done is not None or not first_key_spent(plane):
        return
    done = spend(plane, request)
    ask_second_key(plane, done)
    watch.done = done
