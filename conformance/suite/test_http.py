"""HTTP: methods and status codes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from conformance.checks import Checker
from conformance.checks.probes import UNKNOWN_ID
from conformance.discovery import schemathesis_adapter
from conformance.http import Exchange
from conformance.judgements.statuses import (
    bad_input_refused,
    changed,
    created,
    deleted,
    gone,
    json_accepted,
    no_server_errors,
    not_found,
    one_error_shape,
    read_answered,
    unsupported_method_refused,
)
from conformance.plugin.coverage import Coverage
from conformance.plugin.properties import budgeted
from conformance.plugin.subject import ScratchFailed, Subject, refusal
from conformance.plugin.target import Reply, Target
from conformance.suite.endpoints import (
    UNDEFINED_PATH,
    judged_by_operations,
    outside_api,
    undo_creation,
)
from conformance.surface import collection

PROJECT = "workspaces/{slug}/projects/{project}/"
ISSUE = PROJECT + "issues/{issue}/"


def write_here(subject: Subject) -> None:
    """Skip, with the reason, unless the run has a scratch project of its own to write in."""
    why = subject.unwritable()
    if why is not None:
        pytest.skip(why)


@pytest.mark.req("HTTP-01")
@pytest.mark.budget(0, 1)
def test_get_returns_200_with_json(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """GET on a collection or a resource gets 200 and a JSON body (Content-Type:
    application/json). Collections: every list endpoint, in the FLD-01 generic test."""
    judged_by_operations(plane, coverage, PROJECT)
    path = plane.path(PROJECT, project=subject.project)
    read_answered(check, plane.get(path), f"GET {path}")


@pytest.fixture(scope="module")
def comment(plane: Target, subject: Subject) -> Reply | None:
    """A comment created for the status-code tests (deleted by HTTP-04 or with the project);
    None when the subject has no work item to comment on."""
    if subject.unwritable():
        return None
    if not subject.issues:
        return None
    path = plane.path(collection("comments").path, project=subject.project, issue=subject.issues[0])
    return plane.request("POST", path, json={"comment_html": f"<p>{subject.prefix} comment</p>"})


@pytest.fixture
def creations(request: pytest.FixtureRequest) -> list[Reply]:
    """The POSTs that built the scratch project, or the one that failed to."""
    try:
        subject: Subject = request.getfixturevalue("subject")
    except ScratchFailed as exc:
        return [exc.reply]
    made: Reply | None = request.getfixturevalue("comment")
    return [*subject.creations, *([made] if made is not None else [])]


@pytest.mark.req("HTTP-02", "FMT-02")
@pytest.mark.writes
@pytest.mark.budget(1, 1)
def test_create_returns_201_with_the_resource(creations: list[Reply], check: Checker) -> None:
    """POST that creates a resource gets 201 and the created resource as JSON, with its id
    (every creation of the run: the scratch project, its label, issues, module, cycle and a
    comment). A creation the target refused is no creation: only a refusal of the JSON body
    itself (415) is evidence, for FMT-02."""
    for reply in creations:
        what = f"POST {reply.exchange.url}"
        if reply.status >= 300 and reply.status != 415:
            reason = refusal(reply, "resource") or f"{what} answered {reply.status}"
            check.skip("HTTP-02", reason)
            check.skip("FMT-02", reason)
            continue
        if json_accepted(check, reply, what):
            created(check, reply, what)


@pytest.mark.req("HTTP-03", "FMT-02")
@pytest.mark.writes
@pytest.mark.budget(1, 1)
def test_patch_changes_only_what_was_sent(plane: Target, subject: Subject, check: Checker) -> None:
    """PATCH gets 200 and the updated resource; fields not sent keep their values."""
    write_here(subject)
    issue = next(
        (r.body for r in subject.creations if "/issues/" in r.exchange.url and r.status < 300),
        None,
    )
    if not isinstance(issue, dict) or not issue.get("id"):
        pytest.skip(subject.why_missing("issue"))
    path = plane.path(ISSUE, project=subject.project, issue=str(issue["id"]))
    reply = plane.request("PATCH", path, json={"priority": "high"})
    if reply.status >= 300 and reply.status != 415:
        # a refusal of something else than the body's format is evidence of neither
        check.skip("FMT-02", f"PATCH {path} answered {reply.status}")
    else:
        json_accepted(check, reply, f"PATCH {path}")
    changed(check, reply, {"priority": "high"}, issue, f"PATCH {path}")


@pytest.mark.req("HTTP-04")
@pytest.mark.writes
@pytest.mark.budget(2, 2)
def test_delete_returns_204_and_the_resource_is_gone(
    plane: Target, subject: Subject, comment: Reply | None, check: Checker
) -> None:
    """DELETE gets 204 with an empty body; afterwards the resource is gone (GET gets 404)."""
    write_here(subject)
    if comment is None:
        pytest.skip(subject.why_missing("issue"))
    refused = refusal(comment, "comment to delete")
    if refused is not None:
        pytest.skip(refused)
    body = comment.body
    path = comment.exchange.url.split("/api/v1/", 1)[1] + f"{body['id']}/"
    deleted(check, plane.request("DELETE", path), f"DELETE {path}")
    after = plane.get(path)
    if after.status != 404 and not 200 <= after.status < 300:
        # Gone, but not answered 404? A target that answers an unknown id some other way
        # fails HTTP-05 for it; here the deleted resource need only answer as one that never was.
        never = plane.get(path.rstrip("/").rsplit("/", 1)[0] + f"/{UNKNOWN_ID}/")
        gone(check, after, path, never.status, f"an id that never existed: {never.status}")
        return
    gone(check, after, path)


@pytest.mark.req("HTTP-05")
@pytest.mark.budget(0, 2)
def test_unknown_id_gets_404(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """A well-formed but unknown resource id, in the path of any endpoint, gets 404 with a JSON
    error."""
    issues = collection("issues")
    judged_by_operations(plane, coverage, ISSUE, issues.path)
    cases = [
        ("an unknown issue", plane.path(ISSUE, project=subject.project, issue=UNKNOWN_ID)),
        ("an unknown project in a nested path", plane.path(issues.path, project=UNKNOWN_ID)),
    ]
    if plane.settings.full and plane.settings.rate_limit > 60:
        cases += [
            ("an unknown project", plane.path(PROJECT, project=UNKNOWN_ID)),
            (
                "an unknown label",
                plane.path(
                    collection("labels").detail or "", project=subject.project, id=UNKNOWN_ID
                ),
            ),
        ]
    for what, path in cases:
        not_found(check, "HTTP-05", plane.get(path), f"GET {what}")


@pytest.mark.req("HTTP-06")
@pytest.mark.writes
@pytest.mark.budget(3, 3)
def test_bad_input_gets_400(plane: Target, subject: Subject, check: Checker) -> None:
    """A malformed JSON body, a missing required field or an invalid field value gets 400 with a
    JSON error."""
    write_here(subject)
    path = plane.path(collection("issues").path, project=subject.project)
    json_header = {"Content-Type": "application/json"}
    cases: list[tuple[str, dict[str, Any]]] = [
        ("malformed JSON", {"content": b'{"name": "unterminated', "headers": json_header}),
        ("a missing required name", {"json": {"priority": "low"}}),
        ("an invalid priority", {"json": {"name": f"{subject.prefix} bad", "priority": "asap"}}),
    ]
    for what, kwargs in cases:
        reply = plane.request("POST", path, **kwargs)
        undo_creation(plane, path, reply)
        bad_input_refused(check, reply, f"POST {path} with {what}")


@pytest.mark.req("HTTP-06", "HTTP-07")
@pytest.mark.writes
@pytest.mark.budget(1, 0)
def test_generated_invalid_bodies_are_refused(
    plane: Target, subject: Subject, check: Checker
) -> None:
    """A malformed JSON body, a missing required field or an invalid field value gets 400 with a
    JSON error, never a 5xx: bodies schemathesis generates against the documented schema."""
    write_here(subject)
    if not plane.settings.full:
        pytest.skip("the smoke profile sends no generated bodies")
    template = "workspaces/{slug}/projects/{project_id}/issues/"
    strategy = schemathesis_adapter.invalid_bodies(
        "POST", template, {"slug": plane.settings.workspace, "project_id": subject.project}
    )

    @budgeted(plane, full=1, smoke=0)
    @given(strategy)
    def refused(case: schemathesis_adapter.GeneratedCase) -> None:
        example = check.child()
        headers = {"Content-Type": case.content_type} if case.content_type else {}
        reply = plane.request(case.method, case.path, content=case.body, headers=headers)
        undo_creation(plane, case.path, reply)
        example.that(
            "HTTP-07",
            reply.status < 500,
            f"{case.method} {case.path} with a generated body got {reply.status}",
            expected="a 4xx",
            observed=str(reply.status),
            exchange=reply.exchange,
        )
        bad_input_refused(example, reply, f"{case.method} {case.path} with an invalid body")
        example.raise_if_failed()

    refused()


@pytest.mark.req("HTTP-07")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_client_input_never_gets_5xx(plane: Target, coverage: Coverage, check: Checker) -> None:
    """Client input never gets a 5xx: every request the suite sent got a 2xx or 4xx (those of
    the search of declared parameters are its own test's findings, not reported twice)."""
    judged = coverage.parameters.judged
    no_server_errors(check, [e for e in _api_exchanges(plane) if e.seq not in judged])


def _api_exchanges(plane: Target) -> list[Exchange]:
    """The run's exchanges with the API: not the target's description, fetched from its site."""
    return [e for e in plane.recorder.exchanges if not outside_api(plane, e.url)]


@pytest.mark.req("HTTP-08")
@pytest.mark.writes
@pytest.mark.budget(1, 1)
def test_unsupported_method_gets_405(plane: Target, subject: Subject, check: Checker) -> None:
    """A method the endpoint does not support gets 405."""
    write_here(subject)
    if not subject.issues:
        pytest.skip(subject.why_missing("issue"))
    issue = plane.path(ISSUE, project=subject.project, issue=subject.issues[0])
    cases = [("PUT", issue)]
    if plane.settings.full and plane.settings.rate_limit > 60:
        cases.append(("DELETE", plane.path(collection("issues").path, project=subject.project)))
    for method, path in cases:
        reply = plane.request(method, path, json={"name": "x"} if method == "PUT" else None)
        unsupported_method_refused(check, reply, f"{method} {path}")


@pytest.mark.req("HTTP-09")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_error_bodies_share_one_shape(plane: Target, check: Checker) -> None:
    """Error bodies share one JSON shape with a human-readable message."""
    if not one_error_shape(check, _api_exchanges(plane)):
        pytest.skip("fewer than two error responses were seen")


@pytest.mark.req("HTTP-10")
@pytest.mark.budget(1, 1)
def test_undefined_path_gets_404(plane: Target, check: Checker) -> None:
    """A path the API does not define gets 404 with a JSON error."""
    path = plane.path(UNDEFINED_PATH)
    not_found(check, "HTTP-10", plane.get(path), f"GET {path}")
