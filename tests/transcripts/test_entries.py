"""Normalising one exchange: the answer's kind and field sets, no value of it."""

from __future__ import annotations

import json

import pytest

from conformance.transcripts.entries import Entry, body_shape, entry, value_shape
from conformance.transcripts.recipes import NOT_JSON, Recipe

RECIPE = Recipe("states.create", "POST", "/workspaces/{slug}/states/", "create", body={"b": 1})


def answer(status: int, body: object) -> Entry:
    return entry(RECIPE, status, json.dumps(body).encode())


def test_an_object_keeps_its_keys_not_its_values() -> None:
    shown = answer(201, {"name": "secret name", "id": "0a9c", "color": "#fff"})
    assert (shown.kind, shown.fields) == ("object", ("color", "id", "name"))
    assert "secret" not in json.dumps(shown.to_json())


def test_a_page_keeps_its_envelope_and_the_keys_of_its_items() -> None:
    shown = answer(200, {"results": [{"id": 1}, {"id": 2, "name": "n"}], "next_cursor": "1:1:0"})
    assert (shown.kind, shown.fields, shown.items) == (
        "page",
        ("next_cursor", "results"),
        ("id", "name"),
    )


def test_a_plain_list_keeps_the_keys_of_its_items() -> None:
    assert answer(200, [{"id": 1, "role": 5}]).items == ("id", "role")


def test_an_error_keeps_the_shape_of_each_value() -> None:
    shown = answer(400, {"name": ["required"], "status": False, "error": "no"})
    assert dict(shown.error) == {"error": "str", "name": "list[str]", "status": "bool"}


@pytest.mark.parametrize(
    ("content", "kind"), [(b"", "empty"), (b"<html></html>", "text"), (b"3", "number")]
)
def test_what_is_not_an_object(content: bytes, kind: str) -> None:
    assert entry(RECIPE, 200, content).kind == kind


def test_the_request_body_is_its_keys_or_not_json() -> None:
    assert body_shape(RECIPE) == "object: b"
    assert body_shape(Recipe("x", "POST", "/", "create", raw_body=NOT_JSON)) == "not JSON"
    assert body_shape(Recipe("x", "GET", "/", "list")) is None


def test_value_shapes() -> None:
    values: tuple[object, ...] = (None, True, 1.5, "s", [], [1, "a"], {})
    assert [value_shape(v) for v in values] == [
        "null", "bool", "number", "str", "list", "list[number|str]", "object",
    ]  # fmt: skip


def test_an_entry_survives_its_json() -> None:
    shown = answer(400, {"name": ["required"]})
    assert Entry.from_json(shown.to_json()) == shown
