"""RATE: per-key fixed windows aligned to the epoch clock, with their headers.

Every server here but the shared one follows a fake clock, so the arithmetic is exact and no test
waits for a window: its clock jumps.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterator
from email.utils import parsedate_to_datetime

import httpx
import pytest

from conformance.errors import ConfigError
from conformance.reference import ServerConfig
from tests.clock import FakeClock
from tests.reference.conftest import KEY, OTHER_KEY, Api, ServerFactory, make_client
from tests.reference.endpoints import ENDPOINTS, PROJECT, endpoint_id

UNKNOWN = "00000000-0000-4000-8000-000000000000"

LIMIT = 5
WINDOW = 60
START = 1_700_000_000.0 - 1_700_000_000.0 % WINDOW + 10  # 10 s into a window


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock(START)


@pytest.fixture
def limited(start_server: ServerFactory, clock: FakeClock) -> Iterator[httpx.Client]:
    with start_server(clock=clock, rate_limit=LIMIT, rate_window=WINDOW, issues=3) as api:
        yield api.client


def _remaining(response: httpx.Response) -> int:
    return int(response.headers["x-ratelimit-remaining"])


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=endpoint_id)
def test_headers_on_every_endpoint(api: Api, endpoint: tuple[str, str]) -> None:
    """RATE-01: every authenticated non-429 answer carries both headers, errors included."""
    method, path = endpoint
    # writes get a broken body (400) or an unknown id (404) so the shared seed stays intact
    if method == "DELETE":
        response = api.client.delete(re.sub(r"[0-9a-f-]{36}(?!.*[0-9a-f-]{36})", UNKNOWN, path))
    else:
        response = api.client.request(
            method, path, content=b"{", headers={"Content-Type": "application/json"}
        )
    assert response.status_code != 429
    assert int(response.headers["x-ratelimit-remaining"]) >= 0
    assert int(response.headers["x-ratelimit-reset"]) > 1_700_000_000


@pytest.mark.parametrize(
    ("method", "path", "status"),
    [
        ("PUT", f"{PROJECT}/issues/", 405),
        ("GET", f"{PROJECT}/issues/?per_page=0", 400),
        ("GET", f"{PROJECT}/issues/", 200),
    ],
)
def test_headers_on_routing_errors(api: Api, method: str, path: str, status: int) -> None:
    """RATE-01: 405 from routing, and 400 from the handler, carry the headers too."""
    response = api.client.request(method, path)
    assert response.status_code == status
    assert {"x-ratelimit-remaining", "x-ratelimit-reset"} <= set(response.headers)


def test_undefined_path_is_no_endpoint(api: Api) -> None:
    """A path the API does not define is answered 404 before the limiter, as on the real server:
    it is no endpoint, so it is neither counted nor stamped."""
    response = api.client.get("/nowhere/")
    assert response.status_code == 404
    assert "x-ratelimit-reset" not in response.headers


def test_reset_is_end_of_aligned_window(limited: httpx.Client, clock: FakeClock) -> None:
    """RATE-02: Reset is the integer epoch second where the aligned window ends."""
    window_end = int(START - START % WINDOW + WINDOW)
    assert limited.get("/users/me/").headers["x-ratelimit-reset"] == str(window_end)
    clock.now = window_end - 0.001
    assert limited.get("/users/me/").headers["x-ratelimit-reset"] == str(window_end)


def test_reset_against_date_header(limited: httpx.Client, clock: FakeClock) -> None:
    """RATE-02: Reset lies ahead of the response's Date, at most one window after it; Date comes
    from the clock of the windows."""
    response = limited.get("/users/me/")
    assert len(response.headers.get_list("date")) == 1
    date = parsedate_to_datetime(response.headers["date"]).timestamp()
    assert date == int(clock.now)
    assert date < int(response.headers["x-ratelimit-reset"]) <= date + WINDOW


def test_the_real_clock_dates_every_answer_once(api: Api) -> None:
    """Served on the system clock, every answer still has exactly one Date, an HTTP date."""
    for response in (api.client.get("/users/me/"), api.client.get("/nowhere/")):
        (date,) = response.headers.get_list("date")
        assert parsedate_to_datetime(date).tzname() == "UTC"


def test_remaining_counts_down(limited: httpx.Client) -> None:
    """RATE-03, RATE-04: Remaining drops by one per request; the sixth of five is 429."""
    seen = [_remaining(limited.get("/users/me/")) for _ in range(LIMIT)]
    assert seen == [4, 3, 2, 1, 0]
    assert limited.get("/users/me/").status_code == 429


def test_throttled_answer(limited: httpx.Client, clock: FakeClock) -> None:
    """RATE-06: a 429 has Retry-After, Remaining 0 and Reset, in the error shape."""
    for _ in range(LIMIT):
        limited.get("/users/me/")
    clock.now += 0.5
    response = limited.get("/users/me/")
    assert response.status_code == 429
    window_end = int(START - START % WINDOW + WINDOW)
    assert response.headers["retry-after"] == str(window_end - int(clock.now))
    assert response.headers["x-ratelimit-remaining"] == "0"
    assert response.headers["x-ratelimit-reset"] == str(window_end)
    assert response.json()["code"] == "throttled"


def test_retry_after_is_at_least_one(limited: httpx.Client, clock: FakeClock) -> None:
    """RATE-06: just before the reset, Retry-After still says 1, never 0."""
    for _ in range(LIMIT):
        limited.get("/users/me/")
    clock.now = START - START % WINDOW + WINDOW - 0.2
    assert limited.get("/users/me/").headers["retry-after"] == "1"


def test_window_resets(limited: httpx.Client, clock: FakeClock) -> None:
    """RATE-05: after the reset the key succeeds again with Remaining restored; 429s don't count."""
    for _ in range(LIMIT + 3):
        limited.get("/users/me/")
    clock.now = START - START % WINDOW + WINDOW
    response = limited.get("/users/me/")
    assert response.status_code == 200
    assert _remaining(response) == LIMIT - 1


def test_limit_is_per_key(limited: httpx.Client) -> None:
    """RATE-07: exhausting one key leaves another untouched."""
    for _ in range(LIMIT + 1):
        limited.get("/users/me/")
    other = limited.get("/users/me/", headers={"X-API-Key": OTHER_KEY})
    assert other.status_code == 200
    assert _remaining(other) == LIMIT - 1


def test_two_keys_of_one_user_have_a_window_each(
    start_server: ServerFactory, clock: FakeClock
) -> None:
    """RATE-07 for a user with two keys (``shared_keys``): one user, two windows."""
    shared = "plane_api_" + "c" * 32
    with start_server(
        clock=clock, rate_limit=LIMIT, rate_window=WINDOW, issues=3, shared_keys=(shared,)
    ) as api:
        for _ in range(LIMIT + 1):
            spent = api.client.get("/users/me/")
        assert spent.status_code == 429
        other = api.client.get("/users/me/", headers={"X-API-Key": shared})
        assert other.status_code == 200
        assert _remaining(other) == LIMIT - 1
        mine = api.client.get("/users/me/", headers={"X-API-Key": KEY}, params={"x": 1})
        assert mine.status_code == 429
        clock.now = START - START % WINDOW + WINDOW
        first = api.client.get("/users/me/").json()
        assert other.json()["id"] == first["id"]


@pytest.mark.parametrize(
    ("keys", "shared", "message"),
    [
        ((KEY,), (KEY,), "distinct"),
        ((), (KEY,), "give a key first"),
        ((KEY,), ("",), "non-empty"),
    ],
)
def test_shared_keys_are_checked(
    keys: tuple[str, ...], shared: tuple[str, ...], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        ServerConfig(api_keys=keys, shared_keys=shared)


def test_unauthenticated_requests_do_not_count(limited: httpx.Client) -> None:
    """RATE-03: only the key's own requests count (a 401 is not one)."""
    limited.get("/users/me/", headers={"X-API-Key": "wrong"})
    assert _remaining(limited.get("/users/me/")) == LIMIT - 1


def test_a_throttled_key_is_served_once_reset_has_passed(
    limited: httpx.Client, clock: FakeClock
) -> None:
    """RATE-04, RATE-05: a key answered 429 is served again once its Reset has passed."""
    responses = [limited.get("/users/me/") for _ in range(LIMIT + 1)]
    assert responses[-1].status_code == 429
    clock.sleep(int(responses[-1].headers["x-ratelimit-reset"]) - clock.now)
    again = limited.get("/users/me/")
    assert again.status_code == 200
    assert _remaining(again) == LIMIT - 1


def test_two_threads_sharing_a_key_never_exceed_the_limit(
    start_server: ServerFactory, clock: FakeClock
) -> None:
    """RATE-04: concurrent requests with one key get at most `limit` answers per window."""
    with start_server(clock=clock, rate_limit=LIMIT, rate_window=WINDOW) as api:
        answered: Counter[str] = Counter()
        throttled: Counter[str] = Counter()
        guard = threading.Lock()

        def hammer() -> None:
            with make_client(api.server) as client:
                for _ in range(3 * LIMIT):
                    response = client.get("/users/me/")
                    window = response.headers["x-ratelimit-reset"]
                    with guard:
                        (throttled if response.status_code == 429 else answered)[window] += 1

        threads = [threading.Thread(target=hammer) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sum(throttled.values()) > 0
        assert max(answered.values()) <= LIMIT
