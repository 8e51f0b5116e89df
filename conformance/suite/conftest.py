"""What every suite test shares: whether the run's keys are one user's (then the requests that
may go with any key spread over them, the first key first), and the first key's window, spent by
the tests' own requests and ended with a 429 between two tests (``exhaustion``)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from conformance.errors import TargetError
from conformance.plugin.markers import requirement_ids
from conformance.plugin.target import Target
from conformance.suite.absent_routes import PRESENT_ROUTE, confirm_absent
from conformance.suite.exhaustion import Watch, spend_between_tests
from conformance.surface import ME


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
        if first is None and confirm_absent(plane, ME, plane.me(keys[0])) is not None:
            # an older release without users/me/: the keys spread when each sees the workspace
            # alike (its projects list, answered the same to each)
            plane.spread_keys = same_view(plane, keys)
            return
        plane.spread_keys = first is not None and all(plane.user_of(k) == first for k in keys[1:])
    except TargetError:
        plane.spread_keys = False  # a target that cannot say: each test meets it on its own


def same_view(plane: Target, keys: tuple[str, ...]) -> bool:
    """Every key gets 200 and the same JSON for the workspace's projects list (one request per
    key): they see the same things, as far as a target without users/me/ can say."""
    path = plane.path(PRESENT_ROUTE)
    views = [plane.get(path, auth=plane.key_auth(key)) for key in keys]
    return all(v.status == 200 and v.is_json for v in views) and all(
        v.body == views[0].body for v in views[1:]
    )


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
