"""Twin routes: one operation a description declares on two paths (``discovery.twins``)."""

from __future__ import annotations

from conformance.discovery import bundled
from conformance.discovery.twins import declaration, first_twins

GET = {"summary": "List work items", "operationId": "list_work_items", "tags": ["Work Items"]}


def test_the_bundled_description_declares_the_work_items_and_members_twins() -> None:
    twins = {op.path: op.twin_of for op in bundled().operations if op.twin_of}
    assert len(twins) == 14
    assert twins["workspaces/{slug}/projects/{project_id}/work-items/{pk}/"] == (
        "GET workspaces/{slug}/projects/{project_id}/issues/{pk}/"
    )
    assert twins["workspaces/{slug}/projects/{project_id}/project-members/"] == (
        "GET workspaces/{slug}/projects/{project_id}/members/"
    )
    assert all("/work-items/" in path or "project-members" in path for path in twins)


def test_only_the_name_and_the_literal_segments_may_differ() -> None:
    first = declaration("p/{id}/issues/", GET, {})
    renamed = {**GET, "operationId": "list_work_items_2", "tags": ["Other"]}
    assert declaration("p/{id}/work-items/", renamed, {}) == first
    assert declaration("p/{id}/work-items/", {**GET, "summary": "List"}, {}) != first
    assert declaration("p/{other}/work-items/", GET, {}) != first  # a parameter renamed
    assert declaration("p/{id}/x/work-items/", GET, {}) != first  # another shape
    assert declaration("p/{id}/work-items/", GET, {"parameters": [{"name": "q"}]}) != first


def test_each_twin_names_the_first_of_its_declaration() -> None:
    pairs = [("a", "1"), ("b", "2"), ("c", "1"), ("d", "1")]
    assert first_twins(pairs) == {"c": "a", "d": "a"}
