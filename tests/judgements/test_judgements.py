"""The shared judgements: each fails on an answer that breaks its requirement and passes on one
that keeps it, whoever hands the answer over; and no message of a requirement is written both in
the suite and in the audit (the fault matrix and the variations hold them to the reference
server, ``tests/audit/agreement.py`` the audit to the run)."""

from __future__ import annotations

import ast
from pathlib import Path

import httpx
import pytest

from conformance.checks import Checker
from conformance.checks.auth import valid_key_answers
from conformance.checks.probes import UNKNOWN_ID
from conformance.http import Exchange
from conformance.judgements.authentication import authentication_first
from conformance.judgements.pagination import past_the_end, prev_page
from conformance.judgements.statuses import json_accepted, read_answered

PACKAGE = Path(__file__).resolve().parents[2] / "conformance"
KEY = "$PLANE_API_KEY"
BASE = "http://127.0.0.1:1/api/v1/workspaces/w/projects/p/"
# Literals still written in both: in the lead's files of the moment, or a name, not a message.
STILL_COPIED = {
    "malformed JSON",  # a role's name in the audit, a case's name in the suite
}


def exchange(
    seq: int, url: str, status: int, body: str = "{}", method: str = "GET", key: str = KEY
) -> Exchange:
    return Exchange(
        seq, 1000.0 + seq, method, url, (("X-API-Key", key),), "", False, status,
        (("Content-Type", "application/json"),), body, False, 1.0, None,
    )  # fmt: skip


class Answered:
    """An answer as a judgement reads it, made from a recorded exchange."""

    def __init__(self, recorded: Exchange) -> None:
        self.exchange = recorded
        self.status: int | None = recorded.status
        self.response = httpx.Response(
            recorded.status or 0,
            headers=list(recorded.response_headers),
            content=recorded.response_body.encode(),
        )
        self.body = self.response.json() if recorded.response_body else None


def answered(status: int, body: str = "{}", url: str = BASE) -> Answered:
    return Answered(exchange(1, url, status, body))


def literals(path: Path) -> set[str]:
    """The string literals of a module that are no docstring, f-strings with ``{}`` for their
    holes, that read like a message (a space and eight characters beside the holes)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.FunctionDef | ast.ClassDef) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                skipped.add(id(first.value))
        if isinstance(node, ast.JoinedStr):
            skipped.update(id(inner) for value in node.values for inner in ast.walk(value))
    found = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                str(v.value) if isinstance(v, ast.Constant) else "{}" for v in node.values
            )
        else:
            continue
        if " " in text.strip() and len(text.replace("{}", "").strip()) >= 8:
            found.add(str(text))
    return found


def written_in(part: str) -> set[str]:
    return {text for path in sorted((PACKAGE / part).glob("*.py")) for text in literals(path)}


def test_no_message_is_written_in_both_the_suite_and_the_audit() -> None:
    assert written_in("suite") & written_in("audit") == STILL_COPIED


def test_the_scan_finds_a_copied_message() -> None:
    assert "a page without per_page holds {} items" in written_in("judgements")


@pytest.mark.parametrize(
    ("status", "body", "holds"),
    [
        (200, '{"results": [], "next_page_results": false}', True),
        (404, '{"detail": "Not found"}', False),
        (200, '{"results": [{"id": "a"}], "next_page_results": false}', False),
    ],
)
def test_past_the_end(status: int, body: str, holds: bool) -> None:
    check = Checker()
    assert past_the_end(check, answered(status, body), "2:500:0") is holds
    assert "PAG-14" in check.evaluated
    assert [f.requirement for f in check.findings] == ([] if holds else ["PAG-14"])


def test_prev_page_names_both_pages() -> None:
    check = Checker()
    assert prev_page(check, "2:0:1", 1, ["a", "b"], ["a", "b"], exchange(1, BASE, 200))
    assert not prev_page(check, "2:0:1", 1, ["a", "b"], ["c"], exchange(2, BASE, 200))
    assert check.findings[0].message == "prev_cursor '2:0:1' from page 1 returned ['c'], not page 0"


def test_fmt_02_fails_only_on_415() -> None:
    check = Checker()
    assert json_accepted(check, answered(400, '{"error": "x"}'), "POST x")
    assert not json_accepted(check, answered(415, '{"error": "x"}'), "POST x")
    assert [f.requirement for f in check.findings] == ["FMT-02"]


def test_a_cut_body_is_no_http_01_failure() -> None:
    check = Checker()
    assert read_answered(check, answered(200, "[]"), "GET x", whole=False)
    assert not read_answered(check, answered(500, "[]"), "GET x")


def test_authentication_first_names_the_plain_request() -> None:
    check = Checker()
    assert not authentication_first(check, answered(404), 401, "GET x", "without a key", "GET p")
    assert check.findings[0].expected == "401, as for any request without a key"
    assert "but GET p without a key got 401" in check.findings[0].message


def test_a_403_to_an_item_read_is_left_out_only_where_unknown_ids_get_403() -> None:
    """AUTH-03, where a target answers 403 for ids it does not know: a 403 to a read of one
    item may be that, HTTP-05's deviation; a 403 to a list stays AUTH-03's."""
    item = f"{BASE}members/8d6f2a5e-3b1c-4f4e-9a57-0c2b1d5e7f11/"
    unknown = f"{BASE}issues/{UNKNOWN_ID}/"
    no = lambda url: False  # noqa: E731
    own = [exchange(1, item, 403), exchange(2, f"{BASE}issues/", 403)]
    judged = valid_key_answers([*own, exchange(3, unknown, 404)], KEY, no)
    assert [j.holds for j in judged] == [False, False]
    judged = valid_key_answers([*own, exchange(3, unknown, 403)], KEY, no)
    assert [(j.exchange.seq, j.holds) for j in judged] == [(2, False)]
    # the unknown id asked with another valid key shows it too; with an invalid one, not
    other = exchange(3, unknown, 403, key="$PLANE_API_KEY_2")
    assert len(valid_key_answers([*own, other], KEY, no, {KEY, "$PLANE_API_KEY_2"})) == 1
    assert len(valid_key_answers([*own, other], KEY, no)) == 2
    # an item the valid key was shown, refused later: AUTH-03's, whatever unknown ids get
    shown = [exchange(4, f"{item}?fields=id", 200), *own, exchange(3, unknown, 403)]
    judged = valid_key_answers(shown, KEY, no)
    assert [(j.exchange.seq, j.holds) for j in judged] == [(4, True), (1, False), (2, False)]
    # the unknown project identifier is an unknown id too
    by_identifier = exchange(3, "http://127.0.0.1:1/api/v1/workspaces/w/issues/ZZUNKNOWN-1/", 403)
    assert [j.exchange.seq for j in valid_key_answers([*own, by_identifier], KEY, no)] == [2]
