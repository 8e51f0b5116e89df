"""The recorder against the reference server: templates filled from what it made, captures,
clean-up, and a transcript with no key and no id in it."""

from __future__ import annotations

import re
from pathlib import Path

import httpx

from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
from conformance.reference import running_server
from conformance.transcripts import read, record, valid, with_variants, write
from conformance.transcripts.recipes import UNKNOWN_ID, Recipe, field_of, fill, fill_body
from conformance.transcripts.transcript import of
from conformance.transcripts.variants import variants_of
from tests.transcripts.replay import BASE, KEY

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-")
PROJECTS = "/workspaces/{slug}/projects/"


def test_fill_uses_what_the_run_has_and_an_unknown_id_for_the_rest() -> None:
    assert fill("/p/{project}/s/{state}/", {"project": "P"}) == f"/p/P/s/{UNKNOWN_ID}/"
    assert fill_body({"a": ["{x}"], "n": 1}, {"x": "X"}) == {"a": ["X"], "n": 1}


def test_a_reader_takes_a_path_through_the_answer() -> None:
    read = field_of("results", 0, "id")
    assert read({"results": [{"id": 7}]}, {}) == "7"
    assert read({"results": []}, {}) is None


def test_the_corpus_names_each_exchange_once_and_covers_every_method() -> None:
    recipes = with_variants(valid())
    names = [r.name for r in recipes]
    assert len(names) == len(set(names))
    assert {r.method for r in recipes} == {"GET", "POST", "PATCH", "DELETE", "PUT"}


def test_variants_come_before_what_they_derive_from() -> None:
    detail = Recipe("s.update", "PATCH", PROJECTS + "{project}/", "update", body={"a": 1})
    names = [v.name for v in variants_of(detail, first_on_path=True)]
    assert names == ["s.update~unknown_project", "s.update~put", "s.update~not_json"]


def test_a_recording_of_the_reference_leaves_nothing_behind(tmp_path: Path) -> None:
    with running_server(BASE) as server:
        settings = ClientSettings(base_url=server.base_url)
        keys = Keys(primary=KEY)
        with build_client(settings, keys, recorder=Recorder(), stats=RequestStats()) as client:
            before = client.get(PROJECTS.format(slug=server.workspace)).json()["total_count"]
            entries = record(client, server.workspace, with_variants(valid()), token="TEST")
            after = client.get(PROJECTS.format(slug=server.workspace)).json()["total_count"]
    assert before == after
    names = {e.name: e for e in entries}
    assert names["projects.create"].status == 201
    assert names["states.retrieve"].status == 200  # filled with the state the run made
    write(of("the reference", entries), tmp_path / "t.json")
    text = (tmp_path / "t.json").read_text()
    assert KEY not in text
    assert UUID.search(text) is None
    assert read(tmp_path / "t.json").entries == entries


def test_what_an_invalid_request_made_after_all_is_deleted_at_once() -> None:
    made: list[str] = []

    def answer(request: httpx.Request) -> httpx.Response:
        made.append(f"{request.method} {request.url.path}")
        if request.method == "POST":
            return httpx.Response(201, json={"id": "new"})
        return httpx.Response(204)

    lenient = Recipe("p.create~empty_body", "POST", PROJECTS, "create", body={},
                     undo=PROJECTS + "{created}/")  # fmt: skip
    settings = ClientSettings(base_url="http://127.0.0.1:9/api/v1")
    transport = httpx.MockTransport(answer)
    with build_client(
        settings, Keys(primary=KEY), recorder=Recorder(), stats=RequestStats(), transport=transport
    ) as client:
        record(client, "w", [lenient], token="TEST")
    assert made == [
        "POST /api/v1/workspaces/w/projects/",
        "DELETE /api/v1/workspaces/w/projects/new/",
    ]
