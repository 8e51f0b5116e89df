"""What every suite test shares: whether the run's keys are one user's (then the requests that
may go with any key spread over them, the first key first), and the first key's window, spent by
the tests' own requests and ended with a 429 between two tests (``exhaustion``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.errors import TargetError
from conformance.plugin.markers import requirement_ids
from conformance.plugin.target import Target
from conformance.suite.exhaustion import Watch, spend_between_tests


@pytest.fixture(scope="session", autouse=True)
def spread(plane: Target) -> None:
    """The requests spread over the keys when users/me/ names the same user for every key
    (one request per key): they then see the same things, and each key's window shortens the
    waits."""
    keys = plane.keys.all()
    if len(keys) < 2 or plane.spread_keys:  # known to be one user's (the embedded server's)
        return
    try:
        first = plane.user_of(keys[0])
        plane.spread_keys = first is not None and all(plane.user_of(k) == first for k in keys[1:])
    except TargetError:
        plane.spread_keys = False  # a target that cannot say: each test meets it on its own


@pytest.fixture(scope="session")
def window_watch(request: pytest.FixtureRequest, plane: Target, spread: None) -> Watch:
    """Spend the first key's window between tests when the RATE tests run and the keys spread."""
    rate_tests = any("RATE-04" in requirement_ids(item) for item in request.session.items)
    return Watch(wanted=plane.spread_keys and rate_tests)


@pytest.fixture(autouse=True)
def first_key_window(
    request: pytest.FixtureRequest, plane: Target, window_watch: Watch
) -> Iterator[None]:
    """After each test: once the first key's window is spent, its 429 (see ``exhaustion``)."""
    yield
    spend_between_tests(plane, window_watch, request)
