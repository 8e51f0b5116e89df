"""A route the target does not have is told from a refusal on evidence: a valid key's GET and a
keyless GET both 404, where the projects list answers 401 without a key (and, for a path that
names an unknown id, a project with an unknown id does too)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from conformance.checks.probes import UNKNOWN_ID
from conformance.http import Keys, Recorder, RequestStats, Waiter, build_client
from conformance.plugin.target import Target
from conformance.settings import SuiteSettings
from conformance.suite.absent_routes import absent_for_anyone, confirm_absent

BASE = "http://127.0.0.1:8765/api/v1"
KEY = "plane_api_" + "1" * 32
PROJECTS = "/api/v1/workspaces/w/projects/"
ABSENT = "workspaces/w/work-items/CONF-1/"
PRESENT = "workspaces/w/issues/CONF-1/"
NOT_FOUND = {"error": "Page not found."}
Handler = Callable[[httpx.Request], httpx.Response]


def older_release(*, projects_keyless: int = 401, unknown_keyless: int = 401) -> Handler:
    """Plane v0.23.1 as seen by hand: its routes refuse a keyless request with 401; a route
    it lacks answers 404 to everyone."""

    def handler(request: httpx.Request) -> httpx.Response:
        keyed = "X-API-Key" in request.headers
        path = request.url.path
        if "/work-items/" in path:
            return httpx.Response(404, json=NOT_FOUND)
        if path == PROJECTS + f"{UNKNOWN_ID}/" and not keyed:
            return httpx.Response(unknown_keyless, json={"detail": "no"})
        if not keyed:
            status = projects_keyless if path == PROJECTS else 401
            return httpx.Response(status, json={"detail": "credentials"})
        if UNKNOWN_ID in path:
            return httpx.Response(404, json={"error": "does not exist"})
        return httpx.Response(200, json={"id": "1"})

    return handler


def target(handler: Handler) -> Target:
    settings = SuiteSettings(target=BASE, workspace="w")
    keys = Keys(primary=KEY)
    recorder, stats = Recorder(), RequestStats()
    client = build_client(
        settings.client_settings(BASE),
        keys,
        recorder=recorder,
        stats=stats,
        transport=httpx.MockTransport(handler),
    )
    return Target(settings, keys, client, recorder, stats, Waiter(stats))


def test_a_route_nobody_gets_is_absent_with_its_evidence() -> None:
    plane = target(older_release())
    why = confirm_absent(plane, ABSENT, plane.get(ABSENT))
    assert why is not None
    assert "with a valid key (ids of the run) answered 404, and without a key 404 too" in why
    assert "workspaces/w/projects/ without a key answers 401" in why
    assert plane.absent == {ABSENT: why}


def test_a_keyless_refusal_shows_the_route_is_there() -> None:
    plane = target(older_release())
    unknown = f"workspaces/w/projects/p/labels/{UNKNOWN_ID}/"
    keyed = plane.get(unknown)
    assert keyed.status == 404
    assert confirm_absent(plane, unknown, keyed) is None
    assert plane.absent == {}


def test_a_target_whose_routes_do_not_refuse_keyless_requests_shows_nothing_absent() -> None:
    plane = target(older_release(projects_keyless=404))
    assert confirm_absent(plane, ABSENT, plane.get(ABSENT)) is None


@pytest.mark.parametrize(("refusal", "absent"), [(401, True), (404, False)], ids=["auth", "lookup"])
def test_an_unknown_id_shows_a_route_absent_only_where_authentication_comes_first(
    refusal: int, absent: bool
) -> None:
    plane = target(older_release(unknown_keyless=refusal))
    path = f"workspaces/w/work-items/{UNKNOWN_ID}/"
    assert (confirm_absent(plane, path, plane.get(path), ids="an unknown id") is not None) is absent


def test_a_keyless_404_where_a_valid_key_gets_200_is_judged() -> None:
    """Keyed 200, keyless 404: an AUTH-01 failure, never an absent route."""

    def handler(request: httpx.Request) -> httpx.Response:
        if "X-API-Key" in request.headers:
            return httpx.Response(200, json={"id": "1"})
        return httpx.Response(404 if "/issues/" in request.url.path else 401, json=NOT_FOUND)

    plane = target(handler)
    keyless = plane.get(PRESENT, auth=None)
    assert absent_for_anyone(plane, PRESENT, None, keyless, ids="ids of the run") is None
    assert plane.absent == {}


def test_a_keyless_404_with_a_valid_keys_404_is_an_absent_route() -> None:
    plane = target(older_release())
    keyless = plane.get(ABSENT, auth=None)
    why = absent_for_anyone(plane, ABSENT, None, keyless, ids="ids of the run")
    assert why is not None
    assert ABSENT in plane.absent
    # the keyless answer given is the evidence: not asked again
    asked = [e for e in plane.recorder.exchanges if e.url.endswith(ABSENT)]
    assert len(asked) == 2  # the keyless one given, and the valid key's
