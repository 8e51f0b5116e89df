"""A project's identifier follows the real server's rule, with its messages: any text of at most
12 characters (trimmed, stored upper-cased) without the special characters its names refuse
too; Django REST framework's shapes under the fault drf-error-shapes."""

from __future__ import annotations

import itertools
from typing import Any

import pytest

from tests.reference.conftest import Api, ServerFactory
from tests.reference.endpoints import WORKSPACE

PROJECTS = f"{WORKSPACE}/projects/"
SPECIAL = "Project identifier cannot contain special characters."
TOO_LONG = "Ensure this field has no more than 12 characters."
NAMES = itertools.count()


def _create(api: Api, identifier: Any, name: str | None = None) -> Any:
    body = {"name": name or f"Identifier {next(NAMES)}", "identifier": identifier}
    return api.client.post(PROJECTS, json=body)


@pytest.mark.parametrize(
    ("sent", "stored"),
    [
        ("TP9_963801", "TP9_963801"),
        ("tp_low1", "TP_LOW1"),
        ("TP 1X", "TP 1X"),
        ("TPÄ1", "TPÄ1"),
        (" ABCDEFGHIJKL ", "ABCDEFGHIJKL"),
        (123, "123"),
    ],
)
def test_identifiers_plane_accepts_are_accepted(own: Api, sent: Any, stored: str) -> None:
    response = _create(own, sent)
    assert response.status_code == 201, response.text
    assert response.json()["identifier"] == stored
    assert own.client.get(f"{PROJECTS}{response.json()['id']}/").json()["identifier"] == stored


@pytest.mark.parametrize(
    ("sent", "message"),
    [
        ("T-1X", SPECIAL),
        ("TP.1", SPECIAL),
        ("-A", SPECIAL),
        ("A" * 13, TOO_LONG),
        ("  ", "This field may not be blank."),
        (None, "This field may not be null."),
        (True, "Not a valid string."),
    ],
)
def test_refused_identifiers_get_plane_messages_naming_the_field(
    api: Api, sent: Any, message: str
) -> None:
    response = _create(api, sent)
    assert response.status_code == 400
    error = response.json()
    assert error["field"] == "identifier"
    assert message in error["error"]


@pytest.mark.parametrize(
    ("sent", "body"),
    [
        ("T-1X", {"non_field_errors": [SPECIAL]}),
        ("TP.1", {"non_field_errors": [SPECIAL]}),
        ("A" * 13, {"identifier": [TOO_LONG]}),
        # a field's own error comes before a refusal of the whole body
        ("A.B" * 5, {"identifier": [TOO_LONG]}),
    ],
)
def test_refusals_have_plane_shapes_under_drf_error_shapes(
    start_server: ServerFactory, sent: str, body: dict[str, Any]
) -> None:
    with start_server(faults={"drf-error-shapes"}) as api:
        response = _create(api, sent)
        assert (response.status_code, response.json()) == (400, body)


def test_a_special_character_in_the_name_refuses_the_whole_body(
    start_server: ServerFactory,
) -> None:
    with start_server(faults={"drf-error-shapes"}) as api:
        response = _create(api, "OK1", name="a-b")
        expected = {"non_field_errors": ["Project name cannot contain special characters."]}
        assert (response.status_code, response.json()) == (400, expected)


def test_patch_takes_the_same_rule(own: Api) -> None:
    project = _create(own, "PATCHME").json()
    item = f"{PROJECTS}{project['id']}/"
    assert own.client.patch(item, json={"identifier": "T-1X"}).status_code == 400
    changed = own.client.patch(item, json={"identifier": "new_id"})
    assert (changed.status_code, changed.json()["identifier"]) == (200, "NEW_ID")
