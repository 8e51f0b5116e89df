"""HTTP: methods and status codes."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given

from conformance.checks import Checker
from conformance.checks.bodies import (
    error_problems,
    error_shape_findings,
    json_body_problems,
    server_errors,
)
from conformance.checks.probes import UNKNOWN_ID
from conformance.checks.resources import created_problems, patch_problems
from conformance.discovery import schemathesis_adapter
from conformance.http import Exchange
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


def _ok_json(
    check: Checker, requirement: str, reply: Reply, status: int, what: str, *, typed: bool = False
) -> bool:
    """``status`` with a JSON body; ``typed``: labelled application/json too (HTTP-01 says so;
    elsewhere the label is FMT-01's to judge)."""
    problems = [] if reply.status == status else [f"{what}: expected {status}, got {reply.status}"]
    if not problems and typed:
        problems = [f"{what}: {p}" for p in json_body_problems(reply.response)]
    elif not problems and not reply.is_json:
        problems = [f"{what}: the {status} body is not JSON"]
    return check.expect(
        requirement, problems, expected=f"{status} with a JSON body", exchange=reply.exchange
    )


@pytest.mark.req("HTTP-01")
@pytest.mark.budget(0, 1)
def test_get_returns_200_with_json(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker
) -> None:
    """GET on a collection or a resource gets 200 and a JSON body (Content-Type:
    application/json). Collections: every list endpoint, in the FLD-01 generic test."""
    judged_by_operations(plane, coverage, PROJECT)
    path = plane.path(PROJECT, project=subject.project)
    _ok_json(check, "HTTP-01", plane.get(path), 200, f"GET {path}", typed=True)


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
        if not check.that(
            "FMT-02",
            reply.status != 415,
            f"{what}: a JSON body sent as application/json was refused with 415",
            expected="the JSON body accepted",
            observed=str(reply.status),
            exchange=reply.exchange,
        ):
            continue
        check.expect(
            "HTTP-02",
            created_problems(reply.response, what),
            expected="201 with the created resource as JSON, with its id",
            exchange=reply.exchange,
        )


@pytest.mark.req("HTTP-03", "FMT-02")
@pytest.mark.writes
@pytest.mark.budget(1, 1)
def test_patch_changes_only_what_was_sent(plane: Target, subject: Subject, check: Checker) -> None:
    """PATCH gets 200 and the updated resource; fields not sent keep their values."""
    write_here(subject)
    created = next(
        (r.body for r in subject.creations if "/issues/" in r.exchange.url and r.status < 300),
        None,
    )
    if not isinstance(created, dict) or not created.get("id"):
        pytest.skip(subject.why_missing("issue"))
    path = plane.path(ISSUE, project=subject.project, issue=str(created["id"]))
    reply = plane.request("PATCH", path, json={"priority": "high"})
    check.that(
        "FMT-02",
        reply.status < 300,
        f"a JSON body PATCHed as application/json was refused with {reply.status}",
        exchange=reply.exchange,
    )
    check.expect(
        "HTTP-03",
        patch_problems(reply.response, {"priority": "high"}, created, f"PATCH {path}"),
        expected="200 with the resource: priority 'high', every field not sent unchanged",
        exchange=reply.exchange,
    )


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
    reply = plane.request("DELETE", path)
    check.status("HTTP-04", reply.status, 204, f"DELETE {path}", reply.exchange)
    check.that(
        "HTTP-04",
        reply.response.content == b"",
        f"the DELETE response has a body of {len(reply.response.content)} bytes",
        expected="no body",
        observed=reply.response.text[:200],
        exchange=reply.exchange,
    )
    after = plane.get(path)
    if after.status != 404 and not 200 <= after.status < 300:
        # Gone, but not answered 404? A target that answers an unknown id some other way
        # fails HTTP-05 for it; here the deleted resource need only answer as one that never was.
        never = plane.get(path.rstrip("/").rsplit("/", 1)[0] + f"/{UNKNOWN_ID}/")
        check.status(
            "HTTP-04",
            after.status,
            never.status,
            f"GET {path} after DELETE (an id that never existed: {never.status})",
            after.exchange,
        )
        return
    check.status("HTTP-04", after.status, 404, f"GET {path} after DELETE", after.exchange)


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
        reply = plane.get(path)
        check.expect(
            "HTTP-05",
            error_problems(reply.response, 404, f"GET {what}"),
            expected="404 with a JSON error",
            exchange=reply.exchange,
        )


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
        check.expect(
            "HTTP-06",
            error_problems(reply.response, 400, f"POST {path} with {what}"),
            expected="400 with a JSON error",
            exchange=reply.exchange,
        )


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
        example.expect(
            "HTTP-06",
            error_problems(reply.response, 400, f"{case.method} {case.path} with an invalid body"),
            expected="400 with a JSON error",
            exchange=reply.exchange,
        )
        example.raise_if_failed()

    refused()


@pytest.mark.req("HTTP-07")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_client_input_never_gets_5xx(plane: Target, check: Checker) -> None:
    """Client input never gets a 5xx: every request the suite sent got a 2xx or 4xx."""
    check.judged("HTTP-07", server_errors(_api_exchanges(plane)), expected="2xx or 4xx")


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
        check.status("HTTP-08", reply.status, 405, f"{method} {path}", reply.exchange)


@pytest.mark.req("HTTP-09")
@pytest.mark.after_all
@pytest.mark.budget(0, 0)
def test_error_bodies_share_one_shape(plane: Target, check: Checker) -> None:
    """Error bodies share one JSON shape with a human-readable message."""
    judged = error_shape_findings(_api_exchanges(plane))
    if judged is None:
        pytest.skip("fewer than two error responses were seen")
    check.judged("HTTP-09", judged)


@pytest.mark.req("HTTP-10")
@pytest.mark.budget(1, 1)
def test_undefined_path_gets_404(plane: Target, check: Checker) -> None:
    """A path the API does not define gets 404 with a JSON error."""
    path = plane.path(UNDEFINED_PATH)
    reply = plane.get(path)
    check.expect(
        "HTTP-10",
        error_problems(reply.response, 404, f"GET {path}"),
        expected="404 with a JSON error",
        exchange=reply.exchange,
    )
