"""The list/detail decision the linter and the suite share: from the path and the declared body."""

from __future__ import annotations

import re

import pytest

from conformance.openapi_ops import (
    Body,
    Kind,
    body_of,
    classify,
    describe,
    is_envelope,
    names_one_item,
    selects_fields,
)
from tests.lint.conftest import PROJECT_SPEC


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("/api/v1/workspaces/{slug}/projects/", False),
        ("/api/v1/workspaces/{slug}/projects/{pk}/", True),
        ("/api/v1/users/me/", False),
        ("/api/v1/workspaces/{slug}/issues/{project_identifier}-{issue_identifier}/", True),
        ("/api/v1/workspaces/{slug}/projects/{project_id}/archive/", False),
        ("/", False),
    ],
)
def test_an_item_path_ends_in_a_parameter(path: str, expected: bool) -> None:
    assert names_one_item(path) is expected


@pytest.mark.parametrize(
    ("keys", "expected"),
    [
        ({"results", "next_cursor"}, True),
        ({"results", "count", "extra_stats"}, True),
        ({"results"}, False),
        ({"blocking", "blocked_by"}, False),
        (set(), False),
    ],
)
def test_the_envelope_is_results_and_a_paging_key(keys: set[str], expected: bool) -> None:
    assert is_envelope(keys) is expected


@pytest.mark.parametrize(
    ("declared", "keys", "expected"),
    [
        ("array", set(), Body.ARRAY),
        (["array", "null"], set(), Body.ARRAY),
        ("object", {"results", "count"}, Body.ENVELOPE),
        (None, {"results", "next_cursor"}, Body.ENVELOPE),
        ("object", {"id", "name"}, Body.OBJECT),
        (None, set(), Body.OBJECT),
        ([1, "array"], set(), Body.ARRAY),
    ],
)
def test_body_of_a_declared_schema(declared: object, keys: set[str], expected: Body) -> None:
    assert body_of(declared, keys) is expected


LIST = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/"
ITEM = "/api/v1/workspaces/{slug}/projects/{project_id}/labels/{pk}/"


@pytest.mark.parametrize(
    ("method", "path", "body", "paging", "expected"),
    [
        ("get", LIST, Body.ENVELOPE, True, Kind.LIST),
        ("get", LIST, Body.ENVELOPE, False, Kind.LIST),
        ("get", LIST, Body.OBJECT, True, Kind.LIST),  # it says it pages; the body is wrong
        ("get", LIST, Body.ARRAY, False, Kind.PLAIN_LIST),
        ("get", LIST, Body.ARRAY, True, Kind.LIST),
        ("get", "/api/v1/users/me/", Body.OBJECT, False, Kind.SINGLETON),
        ("get", LIST, Body.NONE, False, Kind.OTHER),
        ("get", ITEM, Body.OBJECT, False, Kind.DETAIL),
        ("get", ITEM, Body.OBJECT, True, Kind.DETAIL),  # per_page may page a part of it
        ("get", ITEM, Body.ENVELOPE, True, Kind.DETAIL),  # a mistake PLN-PAG-08 reports
        ("get", ITEM, Body.NONE, False, Kind.OTHER),  # a redirect to a file
        ("get", "/api/v1/refs/{prefix}/", Body.ARRAY, False, Kind.PLAIN_LIST),
        ("GET", ITEM, Body.OBJECT, False, Kind.DETAIL),
        ("patch", ITEM, Body.OBJECT, False, Kind.OTHER),
        ("post", LIST, Body.OBJECT, False, Kind.OTHER),
    ],
)
def test_classify(method: str, path: str, body: Body, paging: bool, expected: Kind) -> None:
    assert classify(method, path, body, takes_paging=paging) is expected


def test_fields_apply_to_lists_and_details_only() -> None:
    assert {kind for kind in Kind if selects_fields(kind)} == {Kind.LIST, Kind.DETAIL}


def test_every_kind_is_described() -> None:
    assert all(describe(kind) for kind in Kind)
    assert describe(Kind.LIST, Kind.DETAIL).count(" and ") >= 1


def _shape(path: str) -> str:
    """A path with its parameter names left out: ``/a/{x}/b/`` -> ``/a/{}/b/``."""
    return re.sub(r"\{[^}]*\}", "{}", "/" + path.removeprefix("/api/v1/").lstrip("/"))


def test_the_suites_surface_is_what_the_decision_makes_of_the_description() -> None:
    """The suite's lists, details, members and users/me/ are, in the project's description, the
    LIST, DETAIL, PLAIN_LIST and SINGLETON GETs: one decision for both."""
    from conformance.lint.context import LintContext
    from conformance.lint.loading import load_document
    from conformance.lint.refs import Resolver
    from conformance.surface import COLLECTIONS, ME, MEMBERS

    document = load_document(PROJECT_SPEC)
    context = LintContext(document.data, Resolver(document.data, PROJECT_SPEC.parent))
    kinds = {
        _shape(operation.path): context.kind(operation)
        for operation in context.operations
        if operation.method == "get"
    }
    expected = {_shape(collection.path): Kind.LIST for collection in COLLECTIONS}
    expected |= {_shape(c.detail): Kind.DETAIL for c in COLLECTIONS if c.detail is not None}
    expected |= {_shape(MEMBERS): Kind.PLAIN_LIST, _shape(ME): Kind.SINGLETON}
    assert {shape: kinds.get(shape) for shape in expected} == expected
