"""How many requests a run will send and how long they will take: once at the start, from the
tests' ``budget`` markers, and again at each test and each wait, from what the run has done.

The rate limit sets the pace. The keyed requests need ``ceil(keyed / (limit * keys))`` windows
(the requests are spread over every key of the run), so the run waits out every window but the
last. RATE-05 needs the first key's reset: with two keys or more that key's window is spent
early by the run's own requests and its reset comes during the run's waits or work (or at the
end of its window); with one key the run waits for it at the end. On top of the waits comes the
time the requests themselves take, keyless ones included.

Windows: the embedded server counts in fixed windows aligned to the epoch clock, so the run
knows from its clock how much of the current one is left. Of any other target the run knows
nothing before its first answer, so it takes the window to open with the run's first request and
to last a whole window after its last one, as a sliding log (Plane's limiter) does. For a fixed
window that overestimates by the part of the first window that had gone before the run.

Latency: the only request before the estimate is the description's fetch, and it is not a
typical one (the reference server builds a 220 KB document for it: half a second, against a
median of 2 ms a request). The start estimate assumes ``LATENCY_S`` instead (request, checks and
pytest's own work, measured: ``benchmarks/``); after ``MEASURED_AFTER`` requests the running
estimate uses the run's own rate, the time not spent waiting divided by the requests made.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, replace
from types import MappingProxyType

import pytest

from conformance.http import Recorder, RequestStats
from conformance.plugin.markers import requirement_ids
from conformance.plugin.ordering import (
    SETUP_REQUESTS,
    item_budget,
    keyed_alone,
    keyed_budget,
    skipped,
)
from conformance.plugin.progress import Estimate
from conformance.plugin.target import Target
from conformance.settings import SuiteSettings

# Seconds a request costs besides the waits: the embedded server (in-process, loopback) and a
# server elsewhere (Plane on loopback, in benchmarks/real; a remote one is slower, which the
# running estimate notices).
LATENCY_S = {"embedded": 0.012, "remote": 0.06}
MEASURED_AFTER = 30
# How much slower than the assumed latency the work may go near a window's end: the suite's
# first tests are its slowest (a Hypothesis property, a 120-item page: 4 s of the embedded run's
# 7 s of work), and a machine under load is slower still (measured: the first 120 keyed requests
# took 6.5 s on a quiet machine, 12 to 14 s under a load of 8 on its 2 cores).
SLOW = 3.0
# All requests per keyed request, by profile: the keyless ones (AUTH-01/02's, the description)
# ride along, two for each declared operation in the full profile, twins included;
# tests/plugin/test_budgets.py holds it to the suite within 15% (read-only runs too).
REQUESTS_PER_KEYED: Mapping[str, float] = MappingProxyType({"full": 2.15, "smoke": 1.7})


@dataclass(frozen=True, slots=True)
class Plan:
    """What the selected tests will spend, and the limit they spend it under."""

    keyed: int  # requests with a valid key: the budgets, the setup and what was already sent
    total: int  # all requests, keyless ones too
    keys: int
    limit: int
    window: float
    latency_s: float
    epoch_windows: bool  # the target's windows end at multiples of ``window`` (epoch seconds)
    reset_wait: bool  # a selected test waits for the first key's reset (RATE-05)
    per_keyed: float = REQUESTS_PER_KEYED["full"]  # all requests per keyed one

    @property
    def capacity(self) -> int:
        """Keyed requests one window lets through, over all the keys."""
        return max(self.limit * self.keys, 1)

    @property
    def windows(self) -> int:
        """The windows the keyed requests need."""
        return max(math.ceil(self.keyed / self.capacity), 1)

    @property
    def floor_s(self) -> float:
        """What the rate limit alone forces: every window the keyed requests need but the last,
        and a whole one for RATE-05 (which may be one of those)."""
        waits = self.windows - 1
        return max(waits, 1 if self.reset_wait else 0) * self.window


@dataclass(frozen=True, slots=True)
class Progress:
    """Where the run stands: what it has still to send, and the window it is in."""

    keyed_left: int
    total_left: int
    room: int  # keyed requests the current window still lets through, over all the keys
    window_left_s: float  # until the current window ends
    latency_s: float
    reset_pending: bool  # RATE-05's wait is still ahead
    per_keyed: float = REQUESTS_PER_KEYED["full"]  # all requests per keyed one


def usable_room(at: Progress) -> int:
    """The keyed requests the current window can still take: its room, as far as the time left
    in it allows at a ``SLOW`` pace (near its end, work that takes longer than planned carries
    the requests into the next window, and one more window is then needed)."""
    per_keyed = SLOW * at.latency_s * at.per_keyed
    if per_keyed <= 0:
        return at.room
    return min(at.room, math.floor(at.window_left_s / per_keyed))


def remaining_s(plan: Plan, at: Progress) -> float:
    """Seconds the run still needs, from ``at``."""
    keyed = at.keyed_left
    work = at.total_left * at.latency_s
    room = usable_room(at)
    extra = math.ceil(max(keyed - room, 0) / plan.capacity)  # windows to wait for
    # With two keys or more, and a window with time for the first key's whole limit, that
    # key's window is spent by the run's own requests and ended with its 429 while the others
    # carry on (conformance.suite.exhaustion): its reset, RATE-05's, comes one window after it
    # opened, during the run's waits or its work, or at the end of that window. Else the RATE
    # tests spend its last window at the end and RATE-05 then waits for its reset.
    overlapped = plan.keys >= 2 and min(keyed, room) >= plan.limit
    if not plan.epoch_windows:
        waits = at.window_left_s + (extra - 1) * plan.window if extra else 0.0
        if not at.reset_pending:
            return waits + work
        if overlapped:
            return max(waits + work, at.window_left_s)
        return waits + work + plan.window
    # Fixed windows: each wait ends at a boundary; RATE-05 waits for the one after the work.
    # The work of the last window is its share of the keyed requests.
    if extra:
        last = keyed - room - (extra - 1) * plan.capacity
        done = at.window_left_s + (extra - 1) * plan.window + work * last / keyed
    else:
        done = work
    if not at.reset_pending:
        return done
    if overlapped:
        return max(done, at.window_left_s)
    boundary = at.window_left_s
    if done > boundary:
        boundary += math.ceil((done - boundary) / plan.window) * plan.window
    return boundary


class Forecast:
    """The plan and the run's progress against it; the session tells it of tests and waits.

    What is left to send is the budgets of the tests still to come and the rest of the current
    test's: a budget that was off early in the run does not linger in the estimate.
    """

    def __init__(
        self,
        plan: Plan,
        budgets: Mapping[str, int],
        *,
        setup: int,
        recorder: Recorder,
        stats: RequestStats,
        clock: Callable[[], float],
        placeholders: Collection[str],
        started: float,
        reset_tests: Collection[str],
    ) -> None:
        self.plan = plan
        self._budgets = dict(budgets)
        self._setup = setup
        self._recorder = recorder
        self._stats = stats
        self._clock = clock
        self._valid = frozenset(placeholders)
        self._started = started
        self._reset_tests = frozenset(reset_tests)
        self._seen = 0
        self._keyed_at: list[float] = []  # when each keyed request was sent, in order
        self._total = 0
        self._window_opened = clock()
        self._keyed_when_opened = 0
        self._test: str | None = None
        self._test_budget = 0
        self._keyed_when_test_started = 0
        self._budgets_left = sum(self._budgets.values())
        self._reset_done = not plan.reset_wait

    def _count(self) -> None:
        for exchange in self._recorder.since(self._seen):
            self._seen += 1
            self._total += 1
            if exchange.request_header("X-API-Key") in self._valid:
                self._keyed_at.append(exchange.started_at)

    def _keyed_left(self) -> int:
        """The budgets of the tests to come and the rest of the current test's; before the
        first test, the setup's too (its cleanup at the end is a few requests: left out)."""
        if self._test is None:
            return self._setup + self._budgets_left
        spent = len(self._keyed_at) - self._keyed_when_test_started
        return self._budgets_left + max(self._test_budget - spent, 0)

    def progress(self) -> Progress:
        self._count()
        now, window, keyed = self._clock(), self.plan.window, len(self._keyed_at)
        if self.plan.epoch_windows:
            opened = now - now % window
            spent = keyed - bisect.bisect_left(self._keyed_at, opened)
        else:
            opened = min(self._window_opened, now)
            spent = keyed - self._keyed_when_opened
        working = now - self._started - self._stats.snapshot().waited_s
        latency = working / self._total if self._total >= MEASURED_AFTER else self.plan.latency_s
        keyed_left = self._keyed_left()
        return Progress(
            keyed_left=keyed_left,
            total_left=round(keyed_left * self.plan.per_keyed),
            room=max(self.plan.capacity - spent, 0),
            window_left_s=max(opened + window - now, 0.0),
            latency_s=max(latency, 0.0),
            reset_pending=not self._reset_done,
            per_keyed=self.plan.per_keyed,
        )

    def estimate(self) -> Estimate:
        """The start-of-run estimate: requests, and the run's whole duration."""
        at = self.progress()
        elapsed = self._clock() - self._started
        return Estimate(
            keyed=self.plan.keyed,
            total=self.plan.total,
            seconds=elapsed + remaining_s(self.plan, replace(at, latency_s=self.plan.latency_s)),
            floor_s=self.plan.floor_s,
        )

    def test_started(self, nodeid: str) -> float:
        """Seconds still to go, as a test starts."""
        if self._test in self._reset_tests:
            self._reset_done = True  # the test after RATE-05's: its wait is behind
        self._count()
        self._test = nodeid
        self._test_budget = self._budgets.pop(nodeid, 0)
        self._budgets_left -= self._test_budget
        self._keyed_when_test_started = len(self._keyed_at)
        return remaining_s(self.plan, self.progress())

    def waiting(self, seconds: float) -> float:
        """Seconds still to go, as a wait of ``seconds`` begins (the wait included)."""
        if self._test in self._reset_tests:
            self._reset_done = True
            return seconds + remaining_s(self.plan, self.progress())
        at = self.progress()
        # after the wait a window opens: the current one is spent
        self._window_opened = self._clock() + seconds
        self._keyed_when_opened = len(self._keyed_at)
        return remaining_s(self.plan, replace(at, room=0, window_left_s=seconds))


def forecast(
    items: list[pytest.Item],
    settings: SuiteSettings,
    target: Target,
    *,
    embedded: bool,
    started: float,
) -> Forecast:
    """The forecast of a run of ``items`` against ``target``, which began at ``started`` (its
    clock's time): the budgets of the tests that will run, the setup, what was already sent."""
    valid = set(target.placeholders)
    sent = target.recorder.exchanges
    setup = SETUP_REQUESTS["read-only" if settings.read_only else "scratch"]
    budgets = {item.nodeid: item_budget(item, settings) for item in items}
    keyed = keyed_budget(items, settings)
    alone = keyed_alone(items, settings)  # the parameter search's: no keyless one rides along
    per_keyed = REQUESTS_PER_KEYED[settings.profile]
    plan = Plan(
        keyed=keyed + sum(e.request_header("X-API-Key") in valid for e in sent),
        total=len(sent) + round((keyed - alone) * per_keyed) + alone,
        keys=len(target.keys.secrets()),
        limit=settings.rate_limit,
        window=float(settings.rate_window),
        latency_s=LATENCY_S["embedded" if embedded else "remote"],
        epoch_windows=embedded,
        reset_wait=any("RATE-05" in requirement_ids(i) and not skipped(i) for i in items),
        per_keyed=per_keyed,
    )
    return Forecast(
        plan,
        budgets,
        setup=setup,
        recorder=target.recorder,
        stats=target.stats,
        clock=target.clock.time,
        placeholders=valid,
        started=started,
        reset_tests=[i.nodeid for i in items if "RATE-05" in requirement_ids(i)],
    )
