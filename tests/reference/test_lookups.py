"""Finding work items by search and by identifier, and a project's summary of counts."""

from __future__ import annotations

from conformance.reference.seed import seed_id
from tests.reference.conftest import Api, ServerFactory
from tests.reference.endpoints import PROJECT, WORKSPACE


def test_search_finds_by_name_number_and_identifier(api: Api) -> None:
    for segment in ("issues", "work-items"):
        found = api.client.get(f"{WORKSPACE}/{segment}/search/", params={"search": "Work item 7"})
        issues = found.json()["issues"]
        assert issues[0]["name"] == "Work item 7"
        assert set(issues[0]) == {
            "name",
            "id",
            "sequence_id",
            "project__identifier",
            "project_id",
            "workspace__slug",
        }
    by_number = api.client.get(f"{WORKSPACE}/work-items/search/", params={"search": "42"})
    assert 42 in {issue["sequence_id"] for issue in by_number.json()["issues"]}
    limited = api.client.get(
        f"{WORKSPACE}/work-items/search/", params={"search": "REF", "limit": 3}
    )
    assert len(limited.json()["issues"]) == 3
    assert api.client.get(f"{WORKSPACE}/work-items/search/").json() == {"issues": []}


def test_search_refuses_a_bad_limit(api: Api) -> None:
    """HTTP-07: the real server crashes on a limit that is not a number; here it is a 400."""
    response = api.client.get(
        f"{WORKSPACE}/work-items/search/", params={"search": "a", "limit": "x"}
    )
    assert response.status_code == 400


def test_identifier_names_the_work_item(api: Api) -> None:
    shown = api.client.get(f"{WORKSPACE}/work-items/REF-1/")
    assert shown.json()["id"] == seed_id("issue-0")
    assert api.client.get(f"{WORKSPACE}/issues/REF-1/", params={"fields": "id"}).json() == {
        "id": seed_id("issue-0")
    }
    for unknown in ("REF-99999", "NOPE-1", "REF-x"):
        assert api.client.get(f"{WORKSPACE}/work-items/{unknown}/").status_code == 404


def test_an_unknown_project_identifier_is_refused_403_under_the_plane_fault(
    start_server: ServerFactory,
) -> None:
    """As Plane: a project identifier no project has is refused by the membership check,
    before anything is looked up; a known project with an unknown number is still 404."""
    with start_server(faults={"unknown-project-403"}) as api:
        for segment in ("issues", "work-items"):
            refused = api.client.get(f"{WORKSPACE}/{segment}/NOPE-1/")
            assert refused.status_code == 403
            assert "X-RateLimit-Remaining" not in refused.headers
        assert api.client.get(f"{WORKSPACE}/work-items/REF-99999/").status_code == 404


def test_summary_counts_what_the_project_holds(own: Api) -> None:
    summary = own.client.get(f"{PROJECT}/summary/").json()
    assert summary["identifier"] == "REF"
    assert summary["counts"]["states"] == 6  # the intake's triage state too
    assert summary["counts"]["issues"] == 120  # not the one waiting in triage
    assert summary["counts"]["modules"] == 2
    assert set(summary["counts"]) == {
        "modules",
        "pages",
        "issues",
        "intakes",
        "members",
        "states",
        "labels",
        "cycles",
    }


def test_summary_fields_choose_the_counts(api: Api) -> None:
    chosen = api.client.get(f"{PROJECT}/summary/", params={"fields": "states,labels"}).json()
    assert set(chosen["counts"]) == {"states", "labels"}
    unknown = api.client.get(f"{PROJECT}/summary/", params={"fields": "states,zz"})
    assert unknown.status_code == 400
    assert unknown.json()["invalid_fields"] == ["zz"]


def test_search_refuses_what_its_description_rules_out(api: Api) -> None:
    search = f"{WORKSPACE}/work-items/search/"
    for params in ({"project_id": "not-a-uuid"}, {"workspace_search": "maybe"}):
        response = api.client.get(search, params={"search": "a", **params})
        assert response.status_code == 400, params
    for params in ({"project_id": ""}, {"workspace_search": ""}, {"workspace_search": "true"}):
        assert api.client.get(search, params={"search": "a", **params}).status_code == 200
