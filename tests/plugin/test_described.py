"""Which description a run reads: --openapi (a file, or a URL on the target), else the target's
own /api/schema/ asked for without a key (and once with it when refused), else the bundled one."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import httpx
import pytest

from conformance.errors import ConfigError
from conformance.http import (
    Keys,
    Recorder,
    RequestStats,
    Waiter,
    build_client,
)
from conformance.plugin.described import certified_against, find_description
from conformance.plugin.target import Target
from conformance.settings import SuiteSettings
from tests.discovery.descriptions import ENVELOPE, LABELS, description, get

BASE = "http://127.0.0.1:8765/api/v1"
KEY = "plane_api_" + "1" * 32
DOCUMENT = description({LABELS: get(ENVELOPE)})
Handler = Callable[[httpx.Request], httpx.Response]


def target(handler: Handler, openapi: str | None = None) -> Target:
    settings = SuiteSettings(target=BASE, workspace="w", openapi=openapi)
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


def test_the_targets_own_description_is_asked_for_without_a_key() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=DOCUMENT, headers={"Content-Type": "application/yaml"})

    found, note = find_description(target(handler))
    assert [str(r.url) for r in seen] == ["http://127.0.0.1:8765/api/schema/"]
    assert "X-API-Key" not in seen[0].headers
    assert note == "the target's own description, http://127.0.0.1:8765/api/schema/"
    assert [op.label for op in found.operations] == [
        "GET workspaces/{slug}/projects/{project_id}/labels/"
    ]


def test_a_refusal_is_asked_once_more_with_the_key() -> None:
    keys: list[str | None] = []

    def handler(request: httpx.Request) -> httpx.Response:
        keys.append(request.headers.get("X-API-Key"))
        if "X-API-Key" not in request.headers:
            return httpx.Response(401, json={"detail": "key"})
        return httpx.Response(200, content=DOCUMENT)

    found, _ = find_description(target(handler))
    assert keys == [None, KEY]
    assert found.declared == 1


@pytest.mark.parametrize(
    ("answer", "why"),
    [
        (httpx.Response(404, json={"error": "no"}), "answered 404"),
        (httpx.Response(200, text="<html>docs</html>"), "did not give an OpenAPI description"),
    ],
    ids=["absent", "not-openapi"],
)
def test_without_a_description_of_its_own_the_bundled_one(answer: httpx.Response, why: str) -> None:
    found, note = find_description(target(lambda request: answer))
    assert found.source == "the bundled specs/plane.openapi.yaml"
    assert note.startswith("the bundled specs/plane.openapi.yaml: GET ")
    assert why in note


def test_a_file_given_with_openapi(tmp_path: Path) -> None:
    path = tmp_path / "openapi.yaml"
    path.write_bytes(DOCUMENT)
    found, note = find_description(target(lambda r: httpx.Response(500), openapi=str(path)))
    assert (found.declared, note) == (1, f"--openapi {path}")


def test_a_file_that_is_no_description_stops_the_run(tmp_path: Path) -> None:
    path = tmp_path / "notes.yaml"
    path.write_text("just: notes\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"--openapi .*not OpenAPI"):
        find_description(target(lambda r: httpx.Response(500), openapi=str(path)))


def test_a_url_on_another_site_is_refused() -> None:
    elsewhere = "https://docs.example.com/openapi.yaml"
    with pytest.raises(ConfigError, match="not on the target's site"):
        find_description(target(lambda r: httpx.Response(500), openapi=elsewhere))


def test_a_url_on_the_target() -> None:
    url = "http://127.0.0.1:8765/static/openapi.json"
    found, note = find_description(
        target(lambda r: httpx.Response(200, content=DOCUMENT), openapi=url)
    )
    assert (found.source, note) == (url, f"--openapi {url}")


@pytest.mark.parametrize(
    ("answer", "openapi", "source", "location"),
    [
        pytest.param(
            httpx.Response(200, content=DOCUMENT),
            None,
            "target",
            "http://127.0.0.1:8765/api/schema/",
            id="target",
        ),
        pytest.param(
            httpx.Response(404, json={"error": "Page not found."}),
            None,
            "bundled",
            "specs/plane.openapi.yaml",
            id="bundled",
        ),
        pytest.param(
            httpx.Response(200, content=DOCUMENT),
            "http://127.0.0.1:8765/static/openapi.json",
            "openapi",
            "http://127.0.0.1:8765/static/openapi.json",
            id="openapi",
        ),
    ],
)
def test_what_the_run_certified_against(
    answer: httpx.Response, openapi: str | None, source: str, location: str
) -> None:
    """The report's certified_against: where the description came from, its title and version
    (the bundled one's: this tool's Plane REST API 1.0.0), and the note that says why."""
    plane = target(lambda request: answer, openapi=openapi)
    found, note = find_description(plane)
    certified = certified_against(plane, found, note)
    info = found.data["info"]
    assert (certified.source, certified.location) == (source, location)
    assert (certified.title, certified.version) == (info["title"], info["version"])
    assert certified.note == note
    if source == "bundled":
        assert (certified.title, certified.version) == ("Plane REST API", "1.0.0")
