"""Each seeded fault changes the behaviour it claims to, and only when it is switched on.

A probe sends a few requests and says whether it saw the fault's mistake. Every probe runs
twice: against a server with its fault (it must see the mistake) and against a clean server
with the same settings (it must not).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import httpx
import pytest

import conformance.reference
from conformance.catalogue import load_catalogue
from conformance.errors import ConfigError
from conformance.reference import ServerConfig, running_server
from conformance.reference.faults import FAULT_NAMES, FAULTS, Fault
from conformance.reference.resources import MODULE_WRITTEN
from tests.clock import FakeClock
from tests.reference.conftest import KEY, OTHER_KEY, SESSION_CONFIG, make_client
from tests.reference.endpoints import PROJECT, WORKSPACE

ISSUES = f"{PROJECT}/issues/"
LABELS = f"{PROJECT}/labels/"
MODULES = f"{PROJECT}/modules/"
UNKNOWN = "00000000-0000-4000-8000-000000000000"
RATE_LIMIT = 3
RATE_WINDOW = 60
START = 1_800_000_000.0
SOURCE = Path(conformance.reference.__file__).parent


@dataclass(frozen=True, slots=True)
class Probe:
    """One server, a client with the key, one without, and the clock of its windows."""

    client: httpx.Client
    anonymous: httpx.Client
    clock: FakeClock

    def page(self, **params: str | int) -> dict[str, Any]:
        page: dict[str, Any] = self.client.get(ISSUES, params=params).json()
        return page

    def label(self) -> str:
        created = self.client.post(LABELS, json={"name": f"probe {self.clock.now}"}).json()
        self.clock.now += 0.001  # a fresh name next time
        return f"{LABELS}{created['id']}/"

    def burst(self, count: int) -> list[httpx.Response]:
        return [self.client.get("/users/me/") for _ in range(count)]


Check = Callable[[Probe], bool]


def _issue_priority_after_rename(p: Probe) -> bool:
    issue = p.client.post(ISSUES, json={"name": "probe", "priority": "high"}).json()
    renamed = p.client.patch(f"{ISSUES}{issue['id']}/", json={"name": "renamed"}).json()
    return bool(renamed["priority"] != "high")


def _empty_key_is_a_guest(p: Probe) -> bool:
    guest = p.anonymous.get("/users/me/", headers={"X-API-Key": ""})
    # a guest, not the key's user: the key's rate limit window is not spent by it
    return guest.status_code == 200 and guest.json() != p.client.get("/users/me/").json()


def _crashes_on_broken_json(p: Probe) -> bool:
    response = p.client.post(ISSUES, content=b"{", headers={"Content-Type": "application/json"})
    # even the crash is answered in the one JSON error shape, with the rate headers
    return (
        response.status_code == 500
        and bool(response.json()["error"])
        and "x-ratelimit-remaining" in response.headers
    )


def _still_there_after_delete(p: Probe) -> bool:
    label = p.label()
    p.client.delete(label)
    return p.client.get(label).status_code == 200


def _prev_of_page_two_is_page_two(p: Probe) -> bool:
    two = p.page(per_page=5, cursor="5:2:0")
    back = p.page(per_page=5, cursor=two["prev_cursor"])
    return bool(back["results"] == two["results"])


def _repeat_across_pages(p: Probe) -> bool:
    first = p.page(per_page=5)
    second = p.page(per_page=5, cursor=first["next_cursor"])
    return bool(first["results"][-1] == second["results"][0])


def _order_changes(p: Probe) -> bool:
    orders = {tuple(item["id"] for item in p.page(per_page=100)["results"]) for _ in range(3)}
    return len(orders) > 1


def _total_pages_wrong(p: Probe) -> bool:
    page = p.page(per_page=20)
    return bool(page["total_pages"] != math.ceil(page["total_count"] / 20))


def _total_pages_rounded_down(p: Probe) -> bool:
    total = p.page()["total_count"]
    size = 7 if total % 7 else 8  # a size that leaves a partial last page
    return bool(p.page(per_page=size)["total_pages"] == total // size)


def _patch_changes_nothing(p: Probe) -> bool:
    label = p.label()
    answered = p.client.patch(label, json={"color": "#010203"}).json()
    return bool(answered["color"] != "#010203" and p.client.get(label).json() == answered)


def _throttled_after_reset(p: Probe) -> bool:
    throttled = p.burst(RATE_LIMIT + 1)[-1]
    p.clock.now = int(throttled.headers["x-ratelimit-reset"]) + 1
    return p.client.get("/users/me/").status_code == 429


def _stays_throttled(p: Probe) -> bool:
    p.burst(RATE_LIMIT + 1)
    p.clock.next_window(RATE_WINDOW)
    return p.client.get("/users/me/").status_code == 429


def _other_key_throttled(p: Probe) -> bool:
    p.burst(RATE_LIMIT)
    return p.client.get("/users/me/", headers={"X-API-Key": OTHER_KEY}).status_code == 429


def _refused_before_the_limiter(p: Probe) -> bool:
    before = p.client.get(ISSUES)
    refused = p.client.get(f"{WORKSPACE}/projects/{UNKNOWN}/issues/")
    after = p.client.get(ISSUES)
    counted = int(before.headers["x-ratelimit-remaining"]) - int(
        after.headers["x-ratelimit-remaining"]
    )
    return (
        refused.status_code == 403 and "x-ratelimit-remaining" not in refused.headers
    ) and counted == 1


def _states_and_links_made_with_200(p: Probe) -> bool:
    state = p.client.post(f"{PROJECT}/states/", json={"name": "probe", "color": "#123456"})
    module = p.client.get(MODULES).json()["results"][0]["id"]
    issue = p.page(per_page=1)["results"][0]["id"]
    linked = p.client.post(f"{MODULES}{module}/module-issues/", json={"issues": [issue]})
    label = p.client.post(LABELS, json={"name": "probe 200"})
    return (state.status_code, linked.status_code, label.status_code) == (200, 200, 201)


def _module_patch_answers_what_it_wrote(p: Probe) -> bool:
    module = p.client.get(MODULES).json()["results"][0]["id"]
    answered = p.client.patch(f"{MODULES}{module}/", json={"status": "paused"}).json()
    return set(answered) == set(MODULE_WRITTEN)


def _lists_under_unknown_item_empty(p: Probe) -> bool:
    comments = f"{ISSUES}{UNKNOWN}/comments/"
    listed = p.client.get(comments)
    made = p.client.post(comments, json={"comment_html": "<p>x</p>"})
    return (listed.status_code, made.status_code) == (200, 400)


def _project_body_not_json_500(p: Probe) -> bool:
    headers = {"Content-Type": "application/json"}
    made = p.client.post(f"{WORKSPACE}/projects/", content=b'{"name": "x', headers=headers)
    return made.status_code == 500


def _label_patch_refused_beside_work_items(p: Probe) -> bool:
    label = p.client.post(LABELS, json={"name": "beside"}).json()["id"]
    return p.client.patch(f"{LABELS}{label}/", json={"name": "moved"}).status_code == 409


def _member_still_there_after_delete(p: Probe) -> bool:
    users = p.client.get(f"{WORKSPACE}/members/").json()
    made = p.client.post(f"{PROJECT}/members/", json={"member": users[-1]["id"]}).json()
    member = f"{PROJECT}/members/{made['id']}/"
    return p.client.delete(member).status_code == 204 and p.client.get(member).status_code == 200


def _intake_writes_answer_500(p: Probe) -> bool:
    on = p.client.post(
        f"{WORKSPACE}/projects/",
        json={"name": "probe intake", "identifier": "PRIN", "intake_view": True},
    ).json()
    intake = f"{WORKSPACE}/projects/{on['id']}/intake-issues/"
    made = p.client.post(intake, json={"issue": {"name": "probe"}})
    gone = p.client.delete(f"{intake}{UNKNOWN}/")
    return (made.status_code, gone.status_code) == (500, 500)


PROBES: dict[str, Check] = {
    # AUTH
    "missing-key-403": lambda p: p.anonymous.get(ISSUES).status_code == 403,
    "missing-key-404": lambda p: p.anonymous.get(ISSUES).status_code == 404,
    "empty-key-accepted": _empty_key_is_a_guest,
    "invalid-key-403": lambda p: (
        p.anonymous.get(ISSUES, headers={"X-API-Key": "nope"}).status_code == 403
    ),
    "invalid-key-read-only": lambda p: (
        p.anonymous.get(ISSUES, headers={"X-API-Key": "nope"}).status_code == 200
        and p.anonymous.post(LABELS, headers={"X-API-Key": "nope"}).status_code == 401
    ),
    "auth-error-plaintext": lambda p: (
        p.anonymous.get(ISSUES).headers["content-type"].startswith("text/plain")
    ),
    "valid-key-403-on-writes": lambda p: (
        p.client.post(LABELS, json={"name": "w"}).status_code == 403
    ),
    "key-header-case-sensitive": lambda p: (
        p.anonymous.get(ISSUES, headers={"x-api-key": KEY}).status_code == 401
        and p.anonymous.get(ISSUES, headers={"X-API-Key": KEY}).status_code == 200
    ),
    "bearer-accepted": lambda p: (
        p.anonymous.get(ISSUES, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200
    ),
    "query-key-accepted": lambda p: (
        p.anonymous.get(ISSUES, params={"api_key": KEY}).status_code == 200
    ),
    "validate-before-auth": lambda p: (
        p.anonymous.get("/workspaces/nope/projects/").status_code == 404
        and p.anonymous.get(ISSUES).status_code == 401
    ),
    # HTTP
    "list-html-content-type": lambda p: (
        p.client.get(ISSUES).headers["content-type"].startswith("text/html")
    ),
    "create-returns-200": lambda p: p.client.post(LABELS, json={"name": "c"}).status_code == 200,
    "creates-200-for-states-and-links": _states_and_links_made_with_200,
    "module-patch-written-only": _module_patch_answers_what_it_wrote,
    "label-patch-409-beside-work-items": _label_patch_refused_beside_work_items,
    "unknown-parent-lists-empty": _lists_under_unknown_item_empty,
    "plane-body-rules": _project_body_not_json_500,
    "unknown-scope-per-view": lambda p: (
        p.client.get(f"{WORKSPACE}/projects/{UNKNOWN}/labels/").status_code == 200
    ),
    "put-as-plane": lambda p: p.client.put(f"{WORKSPACE}/projects/").status_code == 403,
    "fields-ignored-by-some-views": lambda p: (
        "email" in p.client.get("/users/me/", params={"fields": "id"}).json()
    ),
    "member-delete-keeps-member": _member_still_there_after_delete,
    "intake-without-inbox-500": _intake_writes_answer_500,
    "create-without-id": lambda p: "id" not in p.client.post(LABELS, json={"name": "i"}).json(),
    "patch-resets-unsent": _issue_priority_after_rename,
    "patch-not-applied": _patch_changes_nothing,
    "delete-200-with-body": lambda p: p.client.delete(p.label()).status_code == 200,
    "delete-not-gone": _still_there_after_delete,
    "unknown-id-403": lambda p: p.client.get(f"{ISSUES}{UNKNOWN}/").status_code == 403,
    "nested-unknown-project-200": lambda p: (
        p.client.get(f"{WORKSPACE}/projects/{UNKNOWN}/issues/").status_code == 200
    ),
    "unknown-project-403": _refused_before_the_limiter,
    "drf-error-shapes": lambda p: (
        "detail" in p.anonymous.get(ISSUES).json()
        and "error" in p.client.get(f"{ISSUES}{UNKNOWN}/").json()
    ),
    "missing-name-201": lambda p: p.client.post(ISSUES, json={}).status_code == 201,
    "missing-field-unnamed": lambda p: "name" not in p.client.post(LABELS, json={}).text,
    "bad-priority-accepted": lambda p: (
        p.client.post(ISSUES, json={"name": "p", "priority": "critical"}).status_code == 201
    ),
    "malformed-json-500": _crashes_on_broken_json,
    "archived-lists-500": lambda p: (
        p.client.get(f"{PROJECT}/archived-cycles/").status_code == 500
        and p.client.get(f"{PROJECT}/archived-modules/").status_code == 500
    ),
    "work-item-put-500": lambda p: (
        p.client.put(f"{ISSUES}{p.page(per_page=1)['results'][0]['id']}/").status_code == 500
    ),
    "order-by-unknown-500": lambda p: (
        p.client.get(ISSUES, params={"order_by": "zz"}).status_code == 500
    ),
    "limit-negative-500": lambda p: (
        p.client.get(
            f"{WORKSPACE}/work-items/search/", params={"search": "a", "limit": -1}
        ).status_code
        == 500
    ),
    "search-nul-html-500": lambda p: (
        p.client.get(f"{WORKSPACE}/issues/search/", params={"search": "a\x00"})
        .headers["content-type"]
        .startswith("text/html")
    ),
    "filter-nul-500": lambda p: (
        p.client.get(ISSUES, params={"external_id": "\x00"}).status_code == 500
    ),
    "method-not-allowed-404": lambda p: p.client.put(ISSUES).status_code == 404,
    "html-error-pages": lambda p: (
        p.client.get("/no/such/").headers["content-type"].startswith("text/html")
    ),
    "mixed-error-shapes": lambda p: "detail" in p.client.get(f"{ISSUES}{UNKNOWN}/").json(),
    "unknown-path-200": lambda p: p.client.get("/no/such/").status_code == 200,
    # PAG
    "envelope-missing-key": lambda p: "total_pages" not in p.page(),
    "envelope-count-string": lambda p: isinstance(p.page()["count"], str),
    "default-page-1000": lambda p: len(p.page()["results"]) > 100,
    "per-page-ignored": lambda p: (
        p.page(per_page=5)["count"] != 5 and p.page(cursor="5:1:0")["count"] == 5
    ),
    "count-is-total": lambda p: (page := p.page(per_page=5))["count"] == page["total_count"],
    "per-page-clamped": lambda p: (
        p.client.get(ISSUES, params={"per_page": 101}).json().get("count") == 100
    ),
    "per-page-max-accepted": lambda p: (
        p.client.get(ISSUES, params={"per_page": 110}).json().get("count") == 110
    ),
    "per-page-error-no-max": lambda p: (
        "100" not in p.client.get(ISSUES, params={"per_page": 101}).text
    ),
    "per-page-zero-500": lambda p: p.client.get(ISSUES, params={"per_page": 0}).status_code == 500,
    "per-page-nonpositive-500": lambda p: (
        p.client.get(ISSUES, params={"per_page": -1}).status_code == 500
    ),
    "per-page-max-1000": lambda p: (
        p.client.get(ISSUES, params={"per_page": 500}).status_code == 200
        and "1000" in p.client.get(ISSUES, params={"per_page": 1001}).text
    ),
    "per-page-junk-default": lambda p: (
        p.client.get(ISSUES, params={"per_page": "abc"}).status_code == 200
    ),
    "cursor-offset-is-items": lambda p: p.page(per_page=5)["next_cursor"] == "5:5:0",
    "cursor-pages-from-one": lambda p: p.page(per_page=5)["next_cursor"] == "5:2:0",
    "first-prev-cursor-minus-one": lambda p: p.page(per_page=5)["prev_cursor"] == "5:-1:1",
    "next-page-results-true-on-last": lambda p: (
        p.page(per_page=100, cursor="100:1:0")["next_page_results"] is True
    ),
    "prev-page-results-false": lambda p: (
        p.page(per_page=5, cursor="5:1:0")["prev_page_results"] is False
    ),
    "off-by-one-repeat": _repeat_across_pages,
    "unstable-order": _order_changes,
    "prev-cursor-wrong-page": _prev_of_page_two_is_page_two,
    "cursor-lenient": lambda p: p.client.get(ISSUES, params={"cursor": "x"}).status_code == 200,
    "prev-cursor-crash": lambda p: (
        p.client.get(ISSUES, params={"cursor": "5:0:2"}).status_code == 500
    ),
    "is-prev-any-integer": lambda p: (
        p.client.get(ISSUES, params={"cursor": "5:0:7"}).status_code == 200
    ),
    "cursor-size-ignored": lambda p: p.page(cursor="7:1:0")["count"] != 7,
    "total-pages-off-by-one": _total_pages_wrong,
    "total-pages-floor": _total_pages_rounded_down,
    "past-end-404": lambda p: p.client.get(ISSUES, params={"cursor": "20:99:0"}).status_code == 404,
    # RATE
    "rate-headers-missing-on-errors": lambda p: (
        "x-ratelimit-remaining" not in p.client.get(f"{ISSUES}?per_page=0").headers
    ),
    "rate-headers-missing": lambda p: "x-ratelimit-reset" not in p.burst(1)[0].headers,
    "reset-seconds-until": lambda p: int(p.burst(1)[0].headers["x-ratelimit-reset"]) <= RATE_WINDOW,
    "reset-far-future": lambda p: (
        int(p.burst(1)[0].headers["x-ratelimit-reset"]) > p.clock.now + RATE_WINDOW
    ),
    "remaining-constant": lambda p: (
        len({r.headers["x-ratelimit-remaining"] for r in p.burst(2)}) == 1
    ),
    "remaining-off-by-one": lambda p: (
        p.burst(1)[0].headers["x-ratelimit-remaining"] == str(RATE_LIMIT)
    ),
    "no-rate-limit": lambda p: all(r.status_code == 200 for r in p.burst(RATE_LIMIT + 2)),
    "limit-off-by-one": lambda p: p.burst(RATE_LIMIT + 1)[-1].status_code == 200,
    "window-never-resets": _stays_throttled,
    "throttle-outlasts-reset": _throttled_after_reset,
    "no-retry-after": lambda p: "retry-after" not in p.burst(RATE_LIMIT + 1)[-1].headers,
    "429-without-rate-headers": lambda p: (
        (throttled := p.burst(RATE_LIMIT + 1)[-1]).status_code == 429
        and "retry-after" in throttled.headers
        and "x-ratelimit-remaining" not in throttled.headers
    ),
    "me-not-rate-limited": lambda p: all(
        r.status_code == 200 and "x-ratelimit-remaining" not in r.headers
        for r in p.burst(RATE_LIMIT + 2)
    ),
    "shared-limit": _other_key_throttled,
    # FLD
    "fields-ignored": lambda p: (
        set(p.client.get("/users/me/", params={"fields": "id"}).json()) != {"id"}
    ),
    "fields-empty-objects": lambda p: (
        p.client.get("/users/me/", params={"fields": "bogus"}).json() == {}
    ),
    "unknown-fields-ignored": lambda p: (
        "email" in p.client.get("/users/me/", params={"fields": "bogus"}).json()
    ),
    "fields-error-names-first-only": lambda p: (
        "b2" not in p.client.get(ISSUES, params={"fields": "a1,b2"}).text
    ),
    "expand-ignored": lambda p: isinstance(p.page(expand="state")["results"][0]["state"], str),
    "unknown-expand-ignored": lambda p: (
        p.client.get(ISSUES, params={"expand": "bogus"}).status_code == 200
    ),
    "module-members-always": lambda p: (
        "members" in p.client.get(MODULES, params={"fields": "id"}).json()["results"][0]
    ),
    "fields-expand-conflict": lambda p: isinstance(
        p.page(fields="id,state", expand="state")["results"][0]["state"], str
    ),
    "label-detail-ignores-selection": lambda p: (
        p.client.get(p.label(), params={"fields": "id,zz_unknown"}).status_code == 200
    ),
    # FMT
    "json-body-rejected": lambda p: p.client.post(LABELS, json={"name": "j"}).status_code == 415,
    "text-plain-json": lambda p: (
        p.client.get("/users/me/").headers["content-type"].startswith("text/plain")
    ),
}


_RATE_FAULTS = frozenset(
    fault.name for fault in FAULTS if any(rid.startswith("RATE-") for rid in fault.breaks)
)


def _config(fault: Fault) -> ServerConfig:
    """Rate faults get a small limit; the others a limit the probes never reach."""
    limit = RATE_LIMIT if fault.name in _RATE_FAULTS else SESSION_CONFIG.rate_limit
    return ServerConfig(
        port=0, api_keys=(KEY, OTHER_KEY), rate_limit=limit, rate_window=RATE_WINDOW
    )


@contextmanager
def _probe(config: ServerConfig) -> Iterator[Probe]:
    clock = FakeClock(START)
    with (
        running_server(config, clock=clock.time) as server,
        make_client(server) as client,
        make_client(server, key=None) as anonymous,
    ):
        yield Probe(client=client, anonymous=anonymous, clock=clock)


@pytest.fixture(scope="module")
def clean() -> Iterator[dict[bool, Probe]]:
    """Clean servers, by whether the probe needs the small rate limit."""
    rate_fault, other_fault = FAULTS[0], FAULTS[0]
    for fault in FAULTS:
        if fault.name in _RATE_FAULTS:
            rate_fault = fault
        else:
            other_fault = fault
    with _probe(_config(rate_fault)) as limited, _probe(_config(other_fault)) as plain:
        yield {True: limited, False: plain}


EACH_FAULT = pytest.mark.parametrize("fault", FAULTS, ids=lambda fault: fault.name)


def _observe(fault: Fault) -> bool:
    with _probe(replace(_config(fault), faults=frozenset({fault.name}))) as probe:
        return PROBES[fault.name](probe)


@pytest.fixture(scope="module")
def observed() -> dict[str, Future[bool]]:
    """Each fault's probe against its own server; the servers run a few at a time, since
    stopping a uvicorn server takes a fixed fraction of a second."""
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = {fault.name: pool.submit(_observe, fault) for fault in FAULTS}
        wait(futures.values())
    return futures


@EACH_FAULT
def test_fault_shows_its_mistake(fault: Fault, observed: dict[str, Future[bool]]) -> None:
    """With the fault switched on, its probe sees the mistake."""
    assert observed[fault.name].result()


@EACH_FAULT
def test_clean_server_does_not_make_it(fault: Fault, clean: dict[bool, Probe]) -> None:
    """Without the fault, the same probe sees nothing wrong."""
    probe = clean[fault.name in _RATE_FAULTS]
    probe.clock.next_window(RATE_WINDOW)  # every probe starts with a fresh allowance
    assert not PROBES[fault.name](probe)


def test_every_fault_has_a_probe() -> None:
    """The probes and the catalogue name the same faults."""
    assert set(PROBES) == FAULT_NAMES


def test_catalogue_is_well_formed() -> None:
    """Names are unique kebab-case; every ID a fault names is in the requirement catalogue."""
    names = [fault.name for fault in FAULTS]
    assert len(names) == len(set(names))
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name) for name in names)
    ids = load_catalogue().ids
    for fault in FAULTS:
        # a fault breaks what the suite catches, or says why the suite cannot see it
        assert bool(fault.breaks) != bool(fault.unprobed), fault.name
        assert set(fault.breaks + fault.may_also_break) <= ids, fault.name
        assert not set(fault.breaks) & set(fault.may_also_break), fault.name


def test_every_requirement_has_a_fault() -> None:
    """At least one fault breaks each requirement of the catalogue, MUST and SHOULD."""
    catalogue = load_catalogue()
    live = {rid for rid in catalogue.ids if not catalogue.get(rid).retired}
    assert sorted(live - {rid for fault in FAULTS for rid in fault.breaks}) == []


def test_fault_names_in_the_code_are_catalogued() -> None:
    """Every fault the server code tests for is in the catalogue, and each is used."""
    source = "\n".join(path.read_text() for path in SOURCE.glob("*.py") if path.name != "faults.py")
    used = set(re.findall(r'"([a-z0-9]+(?:-[a-z0-9]+)+)" (?:not )?in [\w.()]*faults', source))
    used |= set(re.findall(r'has\("([a-z0-9-]+)"\)', source))
    assert used == FAULT_NAMES


def test_unknown_fault_is_a_config_error() -> None:
    """A fault name not in the catalogue is refused when the configuration is made."""
    with pytest.raises(ConfigError, match="no-such-fault"):
        ServerConfig(faults=frozenset({"no-such-fault"}))
