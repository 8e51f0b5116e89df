"""Each variation changes the behaviour it claims to, and only when it is switched on; the
presets name only catalogued variations and faults.

A probe sends a few requests and says whether it saw the variation. Every probe runs twice:
against a server with its variation (it must see it) and against a clean server (it must not).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from pathlib import Path

import httpx
import pytest

import conformance.reference
from conformance.errors import ConfigError
from conformance.reference import ServerConfig, running_server
from conformance.reference.faults import FAULT_NAMES
from conformance.reference.presets import PRESETS, preset, with_preset
from conformance.reference.seed import seed_id, seed_project_id
from conformance.reference.variations import VARIATION_NAMES, VARIATIONS, Variation
from tests.clock import FakeClock
from tests.reference.conftest import KEY, OTHER_KEY, make_client
from tests.reference.endpoints import PROJECT, WORKSPACE

ISSUES = f"{PROJECT}/issues/"
PROJECTS = f"{WORKSPACE}/projects/"
RATE_LIMIT = 3
RATE_WINDOW = 60
START = 1_800_000_010.0
SOURCE = Path(conformance.reference.__file__).parent


@dataclass(frozen=True, slots=True)
class Probe:
    client: httpx.Client
    clock: FakeClock

    def burst(self, count: int) -> list[httpx.Response]:
        return [self.client.get("/users/me/") for _ in range(count)]


def _new_project(p: Probe, **body: object) -> httpx.Response:
    p.clock.now += 1  # a fresh name and identifier each time
    stamp = int(p.clock.now) % 100_000
    return p.client.post(
        PROJECTS, json={"name": f"probe {stamp}", "identifier": f"P{stamp}", **body}
    )


def _special_characters_accepted(p: Probe) -> bool:
    p.clock.now += 1
    stamp = int(p.clock.now) % 100_000
    made = p.client.post(PROJECTS, json={"name": f"a-b {stamp}", "identifier": f"AB{stamp}"})
    return made.status_code == 201


def _modules_on_unless_refused(p: Probe) -> bool:
    on = _new_project(p).json()
    off = _new_project(p, module_view=False).json()
    made = p.client.post(f"{PROJECTS}{on['id']}/modules/", json={"name": "m"})
    refused = p.client.post(f"{PROJECTS}{off['id']}/modules/", json={"name": "m"})
    return refused.status_code == 400 and made.status_code == 201 and on["module_view"]


def _cycle_wants_project_id(p: Probe) -> bool:
    project = _new_project(p, cycle_view=True).json()
    cycles = f"{PROJECTS}{project['id']}/cycles/"
    refused = p.client.post(cycles, json={"name": "c"})
    made = p.client.post(cycles, json={"name": "c", "project_id": project["id"]})
    return refused.status_code == 400 and made.status_code == 201


def _reset_moves_with_time(p: Probe) -> bool:
    first = p.burst(1)[0]
    p.clock.now += 5
    second = p.burst(1)[0]
    reset = int(second.headers["X-RateLimit-Reset"])
    # the window still holds the first request: Remaining counts both
    return (
        reset - int(first.headers["X-RateLimit-Reset"]) == 5
        and reset == int(p.clock.now) + RATE_WINDOW
        and second.headers["X-RateLimit-Remaining"] == str(RATE_LIMIT - 2)
    )


def _null_relation_stays_null(p: Probe) -> bool:
    first = p.client.get(ISSUES, params={"per_page": 1, "expand": "parent"}).json()
    return first["results"][0]["parent"] is None


def _vendor_fields_everywhere(p: Probe) -> bool:
    page = p.client.get(ISSUES, params={"per_page": 1}).json()
    exact = p.client.get(ISSUES, params={"per_page": 1, "fields": "id"}).json()
    error = p.client.get(f"{ISSUES}00000000-0000-4000-8000-000000000000/").json()
    return (
        "vendor_query_ms" in page
        and "vendor_revision" in page["results"][0]
        and set(exact["results"][0]) == {"id"}  # fields still means exactly those
        and "vendor_error_id" in error
    )


def _retry_after_is_a_date(p: Probe) -> bool:
    throttled = p.burst(RATE_LIMIT + 1)[-1]
    try:
        when = parsedate_to_datetime(throttled.headers["Retry-After"]).timestamp()
    except ValueError:  # seconds, not a date
        return False
    return throttled.status_code == 429 and when > p.clock.now


def _header_names_lower_case(p: Probe) -> bool:
    names = [name for name, _ in p.client.get("/users/me/").headers.raw]
    return b"x-ratelimit-remaining" in names and b"X-RateLimit-Remaining" not in names


def _undefined_path_limited(p: Probe) -> bool:
    answers = [p.client.get("/no/such/") for _ in range(RATE_LIMIT + 1)]
    return "X-RateLimit-Reset" in answers[0].headers and answers[-1].status_code == 429


WORK_ITEMS = f"{PROJECT}/work-items/"


def _related_pair(p: Probe) -> tuple[str, str]:
    """Two fresh work items, the first blocking the second."""
    first, second = (p.client.post(ISSUES, json={"name": n}).json()["id"] for n in ("a", "b"))
    body = {"relation_type": "blocking", "issues": [second]}
    assert p.client.post(f"{WORK_ITEMS}{first}/relations/", json=body).status_code == 201
    return first, second


def _relations_are_objects(p: Probe) -> bool:
    first, second = _related_pair(p)
    blocking = p.client.get(f"{WORK_ITEMS}{first}/relations/").json()["blocking"]
    return bool(blocking == [{"project_id": seed_project_id(), "issue_id": second}])


def _relation_remove_absent(p: Probe) -> bool:
    first, second = _related_pair(p)
    removal = {"related_issue": second}
    return p.client.post(f"{WORK_ITEMS}{first}/relations/remove/", json=removal).status_code == 404


def _field_sets_differ_by_answer(p: Probe) -> bool:
    made = _new_project(p, module_view=True, cycle_view=True).json()
    listed = p.client.get(PROJECTS).json()["results"][0]
    shown = p.client.get(f"{PROJECTS}{made['id']}/").json()
    cycle = p.client.post(f"{PROJECTS}{made['id']}/cycles/", json={"name": "c"}).json()
    comment = p.client.post(
        f"{ISSUES}{seed_id('issue-0')}/comments/", json={"comment_html": "<p>c</p>"}
    ).json()
    return (
        "sort_order" in listed
        and "sort_order" not in made
        and "sort_order" not in shown
        and "total_issues" not in cycle
        and "is_member" not in comment
    )


def _older_release_routes_absent(p: Probe) -> bool:
    """Plane v0.23.1's missing routes answer 404 to everyone, before authentication; the
    routes it has are unchanged."""
    anonymous = httpx.Client(base_url=p.client.base_url, timeout=10.0, verify=False)
    with anonymous:
        gone = [
            client.get(path).status_code == 404
            for client in (p.client, anonymous)
            for path in ("/users/me/", f"{WORK_ITEMS}", f"{PROJECT}/summary/")
        ]
        return all(gone) and p.client.get(ISSUES).status_code == 200


PROBES: dict[str, Callable[[Probe], bool]] = {
    "lenient-names": _special_characters_accepted,
    "modules-cycles-on": _modules_on_unless_refused,
    "cycle-needs-project-id": _cycle_wants_project_id,
    "sliding-log": _reset_moves_with_time,
    "null-expands-to-null": _null_relation_stays_null,
    "first-error-only": lambda p: (
        "cannot expand" not in p.client.get(ISSUES, params={"fields": "id,zz", "expand": "zz"}).text
    ),
    "vendor-fields": _vendor_fields_everywhere,
    "extra-stats-object": lambda p: p.client.get(ISSUES).json()["extra_stats"] == {},
    "retry-after-http-date": _retry_after_is_a_date,
    "lower-case-headers": _header_names_lower_case,
    "limiter-before-routing": _undefined_path_limited,
    "no-members-endpoint": lambda p: p.client.get(f"{PROJECT}/members/").status_code == 404,
    "relations-as-objects": _relations_are_objects,
    "plane-field-sets": _field_sets_differ_by_answer,
    "no-file-storage": lambda p: (
        p.client.post(
            f"{WORK_ITEMS}{seed_id('issue-0')}/attachments/",
            json={"name": "a.txt", "type": "text/plain", "size": 1},
        ).status_code
        == 500
    ),
    "no-relation-remove": _relation_remove_absent,
    "plane-0.23-routes": _older_release_routes_absent,
    "no-api-schema": lambda p: (
        p.client.get(str(p.client.base_url.copy_with(path="/api/schema/"))).status_code == 404
    ),
}


# probes that need the small rate limit; the others get one they never reach
LIMITED = frozenset({"sliding-log", "retry-after-http-date", "limiter-before-routing"})


@contextmanager
def _probe(variations: frozenset[str], *, limited: bool) -> Iterator[Probe]:
    clock = FakeClock(START)
    config = ServerConfig(
        port=0,
        api_keys=(KEY, OTHER_KEY),
        rate_limit=RATE_LIMIT if limited else 1_000_000,
        rate_window=RATE_WINDOW,
        variations=variations,
    )
    with running_server(config, clock=clock.time) as server, make_client(server) as client:
        yield Probe(client=client, clock=clock)


EACH = pytest.mark.parametrize("variation", VARIATIONS, ids=lambda v: v.name)


@EACH
def test_variation_shows_its_behaviour(variation: Variation) -> None:
    with _probe(frozenset({variation.name}), limited=variation.name in LIMITED) as probe:
        assert PROBES[variation.name](probe)


@EACH
def test_clean_server_does_not_show_it(variation: Variation) -> None:
    with _probe(frozenset(), limited=variation.name in LIMITED) as probe:
        assert not PROBES[variation.name](probe)


def test_every_variation_has_a_probe() -> None:
    assert set(PROBES) == VARIATION_NAMES


def test_variation_names_in_the_code_are_catalogued() -> None:
    """Every variation the server code tests for is in the catalogue, and each is used."""
    source = "\n".join(p.read_text() for p in SOURCE.glob("*.py") if p.name != "variations.py")
    used = set(re.findall(r'"([a-z0-9.]+(?:-[a-z0-9.]+)+)" (?:not )?in [\w.()]*variations', source))
    used |= set(re.findall(r'varies\("([a-z0-9-]+)"\)', source))
    used |= set(re.findall(r'absent_with="([a-z0-9-]+)"', source))
    assert used == VARIATION_NAMES


def test_unknown_variation_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match="no-such-variation"):
        ServerConfig(variations=frozenset({"no-such-variation"}))


def test_presets_name_only_catalogued_behaviours() -> None:
    for each in PRESETS:
        assert each.variations <= VARIATION_NAMES, each.name
        assert each.faults <= FAULT_NAMES, each.name


def test_a_preset_adds_to_what_was_chosen_and_shapes_the_seed() -> None:
    config = with_preset(ServerConfig(faults=frozenset({"no-retry-after"})), "plane")
    assert config.faults == preset("plane").faults | {"no-retry-after"}
    assert config.variations == preset("plane").variations
    assert (config.issues, config.seed_extras) == (260, False)
    with pytest.raises(ConfigError, match="unknown preset 'nope'"):
        preset("nope")
