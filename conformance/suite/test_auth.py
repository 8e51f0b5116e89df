"""AUTH: API key authentication."""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.checks.auth import valid_key_answers
from conformance.checks.probes import FOREIGN_WORKSPACE, UNKNOWN_ID
from conformance.http import BearerAuth, QueryKeyAuth
from conformance.judgements.authentication import (
    INVALID_KEY,
    NO_KEY,
    WITHOUT_KEY,
    authentication_first,
    key_taken_only_from_header,
    refused_401,
    valid_key_accepted,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import AuthChoice, Target
from conformance.suite.endpoints import (
    absence,
    every_endpoint,
    in_absent_endpoint,
    outside_api,
    undo_creation,
)
from conformance.surface import collection


def _expect_401_everywhere(
    plane: Target, subject: Subject, check: Checker, requirement: str, auth: AuthChoice, how: str
) -> None:
    for endpoint in every_endpoint(plane, subject, smoke=not plane.settings.full):
        reply = plane.request(endpoint.method, endpoint.path, json=endpoint.body, auth=auth)
        if endpoint.method == "POST":
            undo_creation(plane, endpoint.path, reply)
        # an endpoint the target does not have answers 404 to anyone: evidence of nothing here
        if reply.status == 404 and endpoint.list_path and absence(plane, endpoint.list_path):
            continue
        refused_401(check, requirement, reply, f"{endpoint.label} {how}")


@pytest.mark.req("AUTH-01")
@pytest.mark.budget(0, 0)
def test_missing_key_gets_401(plane: Target, subject: Subject, check: Checker) -> None:
    """A request without X-API-Key gets 401 and a JSON message, on every endpoint and method."""
    _expect_401_everywhere(plane, subject, check, "AUTH-01", None, WITHOUT_KEY)


@pytest.mark.req("AUTH-01")
@pytest.mark.budget(0, 0)
def test_empty_key_gets_401(plane: Target, subject: Subject, check: Checker) -> None:
    """A request with an empty X-API-Key gets 401 and a JSON message, on every endpoint and
    method."""
    _expect_401_everywhere(
        plane, subject, check, "AUTH-01", plane.key_auth(""), "with an empty X-API-Key"
    )


@pytest.mark.req("AUTH-02")
@pytest.mark.budget(0, 0)
def test_invalid_key_gets_401(plane: Target, subject: Subject, check: Checker) -> None:
    """A request with an invalid key gets 401 and a JSON message, on every endpoint and method."""
    _expect_401_everywhere(plane, subject, check, "AUTH-02", plane.invalid_key_auth(), INVALID_KEY)


@pytest.mark.req("AUTH-03")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_valid_key_is_never_401_or_403(plane: Target, coverage: Coverage, check: Checker) -> None:
    """A request with a valid key in X-API-Key is authenticated: never 401 or 403 for the key's
    own workspace (requests that name an unknown id or another workspace on purpose, or what
    the run deleted, are the 404 checks' evidence, not this one's)."""
    api = [e for e in plane.recorder.exchanges if not outside_api(plane, e.url)]
    judged = [
        found
        for placeholder in plane.placeholders  # the operation tests spread over every key
        for found in valid_key_answers(
            api,
            placeholder,
            lambda url: in_absent_endpoint(plane, url) or url in coverage.unsure,
            plane.placeholders,
        )
    ]
    valid_key_accepted(check, judged)
    if not judged:
        pytest.skip("no request with the valid key was answered")


@pytest.mark.req("AUTH-04")
@pytest.mark.budget(1, 1)
def test_header_name_is_case_insensitive(plane: Target, subject: Subject, check: Checker) -> None:
    """The header name is matched case-insensitively: x-api-key works."""
    path = plane.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    reply = plane.get(path, auth=plane.key_auth(plane.keys.primary, header="x-api-key"))
    check.status(
        "AUTH-04",
        reply.status,
        200,
        f"GET {path} with the valid key in 'x-api-key'",
        reply.exchange,
    )


@pytest.mark.req("AUTH-05")
@pytest.mark.budget(0, 0)
def test_key_is_accepted_only_in_x_api_key(plane: Target, subject: Subject, check: Checker) -> None:
    """The key is accepted only in X-API-Key: as a Bearer token or a query parameter, 401 (the
    refusal a request without any key gets: whether that is 401 with a JSON message is
    AUTH-01's to judge, here only that the key was not taken)."""
    path = plane.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    keyless = plane.get(path, auth=None)
    if keyless.status not in (401, 403):
        pytest.skip(f"GET {path} without a key got {keyless.status}, not a refusal (AUTH-01)")
    for auth, how in (
        (BearerAuth(plane.keys.primary), "as Authorization: Bearer"),
        (QueryKeyAuth(plane.keys.primary), "as the api_key query parameter"),
    ):
        reply = plane.get(path, auth=auth)
        key_taken_only_from_header(check, reply, how, keyless.status, f"GET {path}")


@pytest.mark.req("AUTH-06")
@pytest.mark.budget(0, 0)
def test_authentication_comes_first(plane: Target, subject: Subject, check: Checker) -> None:
    """An unauthenticated request for an unknown workspace or project, or with invalid
    parameters, gets 401 (not 400, 403 or 404): the same refusal a request for the key's own
    project gets, so nothing was checked before the key."""
    issues = collection("issues").path
    own = plane.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    cases = [
        ("an unknown workspace", f"workspaces/{FOREIGN_WORKSPACE}/projects/", {}),
        ("an unknown project", plane.path(issues, project=UNKNOWN_ID), {}),
        ("per_page=abc", plane.path(issues, project=subject.project), {"per_page": "abc"}),
        ("a malformed cursor", plane.path(issues, project=subject.project), {"cursor": "x"}),
    ]
    for auth, how in ((None, NO_KEY), (plane.invalid_key_auth(), INVALID_KEY)):
        # What authentication answers is AUTH-01's and AUTH-02's to judge; here it only sets
        # what an answer given before anything else looks like.
        baseline = plane.get(own, auth=auth)
        if baseline.status not in (401, 403):
            check.skip(
                "AUTH-06",
                f"GET {own} {how} got {baseline.status}, not a refusal: there is no "
                "authentication to come first (see AUTH-01/AUTH-02)",
            )
            continue
        for what, path, params in cases:
            reply = plane.get(path, params=params, auth=auth)
            authentication_first(check, reply, baseline.status, what, how, "the key's own project")
