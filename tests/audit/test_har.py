"""HAR files read as a stream: entries become exchanges, keys and cookies become placeholders,
bodies are kept as the recording layer keeps them, and what is not a HAR file is one line."""

from __future__ import annotations

import base64
import json
from pathlib import Path
from typing import Any

import pytest

from conformance.audit.auditing import audit, read_traffic
from conformance.audit.har import collect_secrets, read_har
from conformance.errors import ConfigError
from conformance.http.recording import EVIDENCE_BYTES
from conformance.report import MANIFEST_SCHEMA, schema_errors
from tests.audit.har_files import write_har
from tests.runner.conftest import run_cli

KEY = "plane_api_" + "ab12" * 8
STRANGER = "plane_api_" + "ee99" * 8
COOKIE = "s3ss10n-" + "q" * 24


def entry(url: str, *, status: int = 200, key: str | None = KEY, **extra: Any) -> dict[str, Any]:
    headers = [{"name": "X-API-Key", "value": key}] if key is not None else []
    headers.append({"name": "Cookie", "value": f"sessionid={COOKIE}"})
    found: dict[str, Any] = {
        "startedDateTime": "2026-11-29T10:00:00.000Z",
        "time": 12.5,
        "request": {"method": "GET", "url": url, "headers": headers},
        "response": {
            "status": status,
            "headers": [
                {"name": "Content-Type", "value": "application/json"},
                {"name": "Set-Cookie", "value": f"sessionid={COOKIE}; Path=/"},
            ],
            "content": {"size": 2, "mimeType": "application/json", "text": "{}"},
        },
    }
    found.update(extra)
    return found


BASE = "https://plane.example.com/api/v1/"


def test_entries_become_redacted_exchanges(tmp_path: Path) -> None:
    har = write_har(
        tmp_path / "t.har",
        [
            entry(BASE + "users/me/"),
            entry(BASE + f"users/me/?api_key={STRANGER}", key=None),
            entry(
                BASE + "workspaces/w/projects/",
                request={
                    "method": "GET",
                    "url": BASE + "workspaces/w/projects/",
                    "headers": [{"name": "Authorization", "value": f"Bearer {STRANGER}"}],
                },
            ),
        ],
    )
    secrets = collect_secrets(har, {"$PLANE_API_KEY": KEY})
    assert secrets.entries == 3
    assert secrets.roles.primary == "$PLANE_API_KEY"
    first, second, third = read_har(har, secrets)
    assert first.seq == 1
    assert first.request_header("X-API-Key") == "$PLANE_API_KEY"
    assert first.request_header("Cookie") == "[redacted]"
    assert first.response_header("Set-Cookie") == "[redacted]"
    assert first.started_at == 1_795_946_400.0
    assert first.elapsed_ms == 12.5
    assert second.url.endswith("?api_key=$OTHER_KEY_1")
    assert third.request_header("Authorization") == "Bearer $OTHER_KEY_1"
    text = json.dumps([repr(e) for e in (first, second, third)])
    assert KEY not in text
    assert STRANGER not in text
    assert COOKIE not in text


def test_without_named_keys_nobody_knows_which_keys_were_valid(tmp_path: Path) -> None:
    har = write_har(tmp_path / "t.har", [entry(BASE + "users/me/")])
    secrets = collect_secrets(har, {"$PLANE_API_KEY": ""})
    assert not secrets.roles.known
    (only,) = read_har(har, secrets)
    assert only.request_header("X-API-Key") == "$OTHER_KEY_1"


def test_bodies_are_kept_as_the_recording_keeps_them(tmp_path: Path) -> None:
    big = "x" * (EVIDENCE_BYTES + 10)
    encoded = base64.b64encode(b'{"a": 1}').decode()
    har = write_har(
        tmp_path / "t.har",
        [
            entry(BASE + "a/", response={"status": 200, "content": {"text": big}}),
            entry(BASE + "b/", response={"status": 200, "content": {"text": encoded,
                                                                      "encoding": "base64"}}),
            entry(BASE + "c/", response={"status": 200, "content": {"text": "", "size": 99}}),
            entry(BASE + "d/", response={"status": 0, "content": {}, "_error": "net::ERR"}),
            entry(BASE + "e/", response={"status": 200, "content": {
                "text": base64.b64encode(b"\xff\xfe").decode(), "encoding": "base64"}}),
        ],
    )  # fmt: skip
    cut, decoded, partial, unanswered, binary = read_har(har, collect_secrets(har, {}))
    assert cut.truncated
    assert len(cut.response_body) == EVIDENCE_BYTES
    assert decoded.response_body == '{"a": 1}'
    assert not decoded.truncated
    assert partial.truncated  # the HAR says the body was larger than the text it kept
    assert unanswered.status is None
    assert unanswered.error == "net::ERR"
    assert binary.undecodable


@pytest.mark.parametrize(
    "content",
    [b"not json at all", b'{"log": {"entries": [{"request": ', b"\xff\xfe\x00", b'{"a": 1}',
     b"[1, 2]", b'{"log": {"entries": {}}}'],
    ids=["not-json", "cut-short", "not-text", "other-json", "a-list", "entries-not-a-list"],
)  # fmt: skip
def test_what_is_not_a_har_file_is_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "broken.har"
    path.write_bytes(content)
    with pytest.raises(ConfigError, match=r"broken\.har is not a HAR file"):
        list(read_har(path, collect_secrets(path, {})))


def test_the_cli_says_it_in_one_line_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "broken.har"
    path.write_text("[1, 2")
    result = run_cli(capsys, "audit", str(path), "--report-dir", str(tmp_path / "out"))
    assert result.code == 2
    assert result.err.startswith("plane-conformance audit: error: ")
    assert len(result.err.splitlines()) == 1


def test_an_audit_never_overwrites_the_report_it_reads(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "audit", str(tmp_path), "--report-dir", str(tmp_path))
    assert result.code == 2
    assert "would overwrite it: choose another --report-dir" in result.err


def test_a_directory_without_an_exchange_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    result = run_cli(capsys, "audit", str(tmp_path), "--report-dir", str(tmp_path / "out"))
    assert result.code == 2
    assert "has no exchanges.jsonl" in result.err


def test_traffic_outside_the_api_is_left_out(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PLANE_API_KEY", KEY)
    har = write_har(
        tmp_path / "t.har",
        [entry("https://plane.example.com/static/app.js"), entry(BASE + "users/me/")],
    )
    out = tmp_path / "out"
    result = run_cli(capsys, "audit", str(har), "--report-dir", str(out))
    document = json.loads((out / "compliance.json").read_text())
    assert result.code == 1, result.out  # no rate headers: RATE-01 fails on what is shown
    assert "1 recorded exchanges lie outside /api/v1/ and were not judged" in document["notes"]
    assert document["source"]["kind"] == "har"
    assert document["source"]["entries"] == 2
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["kind"] == "audit"
    assert schema_errors(manifest, MANIFEST_SCHEMA) == []
    assert manifest["source"]["kind"] == "har"
    verified = run_cli(capsys, "verify", str(out))
    assert verified.code == 0, verified.out


def _page_of(small: int) -> str:
    """A page without per_page: ``small`` items, then one so large that the body passes the
    evidence limit and is cut."""
    items = [{"id": f"i{n:04}", "name": "x"} for n in range(small)]
    items.append({"id": "big", "name": "y" * EVIDENCE_BYTES})
    envelope = {"next_cursor": "100:1:0", "prev_cursor": "", "next_page_results": False,
                "prev_page_results": False, "count": small + 1, "total_pages": 1,
                "total_results": small + 1, "extra_stats": None}  # fmt: skip
    return json.dumps({**envelope, "results": items})


@pytest.mark.parametrize(("small", "status"), [(101, "fail"), (99, "untested")])
def test_a_cut_page_shows_a_default_page_too_large_only(
    tmp_path: Path, small: int, status: str
) -> None:
    """PAG-02 on a page cut at the evidence limit: the items before the cut are a lower bound,
    so more than the default fails and fewer decides nothing."""
    page = entry(
        BASE + "workspaces/ws/projects/p1/issues/",
        response={"status": 200, "headers": [], "content": {"text": _page_of(small)}},
    )
    har = write_har(tmp_path / "t.har", [page])
    recorded = read_traffic(har, {"$PLANE_API_KEY": KEY}, {})
    assert recorded.exchanges[0].truncated
    document = audit(recorded, tmp_path / "out")
    (found,) = (r for r in document["requirements"] if r["id"] == "PAG-02")
    assert found["status"] == status, found["reason"]
    if status == "fail":
        assert "holds at least 101 items" in found["reason"]


HEAD = '{"log": {"entries": [{"request": '


@pytest.mark.parametrize(
    "text",
    [
        HEAD + f'{{"headers": [{{"name": "X-API-Key", "value": "{KEY}"',
        HEAD + f'{{"url": "{BASE}?api_key={STRANGER}"}}}}, {KEY}]}}}}',
        HEAD + f'{{"headers": [{{"name": "Cookie", "value": "sessionid={COOKIE}"}}]}}}}, {COOKIE}',
        HEAD + f'{{"url": "{BASE}?api_key={STRANGER}"}}}}]}}}} {STRANGER}',
    ],
    ids=["cut-in-a-key", "a-key-as-a-symbol", "a-cookie-as-a-symbol", "a-key-after-the-end"],
)
def test_a_broken_har_names_no_secret_it_holds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str
) -> None:
    """The parser's complaint quotes the file; the one line the auditor sees holds no key or
    cookie of it, and nothing is written."""
    path = tmp_path / "broken.har"
    path.write_text(text)
    out = tmp_path / "out"
    result = run_cli(capsys, "audit", str(path), "--report-dir", str(out))
    assert result.code == 2
    assert len(result.err.splitlines()) == 1
    assert result.err.startswith("plane-conformance audit: error: ")
    for secret in (KEY, STRANGER, COOKIE):
        for part in (secret, secret[:12], secret[-12:]):
            assert part not in result.err + result.out
    assert not out.exists()


@pytest.mark.parametrize(
    ("change", "named"),
    [
        (lambda e: e["response"].update(status="200"), "response/status is not of type integer"),
        (lambda e: e["request"].update(headers=5), "request/headers is not of type array"),
        (lambda e: e["request"].update(headers=[{"name": "X-API-Key", "value": {"k": KEY}}]),
         "request/headers/0/value is not of type string"),
        (lambda e: e.update(request=[1]), "request is not of type object"),
        (lambda e: e["response"].update(content={"text": 5}),
         "response/content/text is not of type string"),
        (lambda e: e.update(time="slow"), "time is not of type number"),
        (lambda e: e["response"].pop("status"), "response: 'status' is a required property"),
    ],
    ids=["status-a-string", "headers-a-number", "header-value-an-object", "request-a-list",
         "body-a-number", "time-a-string", "no-status"],
)  # fmt: skip
def test_an_entry_not_of_har_is_named_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: Any, named: str
) -> None:
    """Which member of which entry, never its value; nothing is written."""
    broken = entry(BASE + "users/me/")
    change(broken)
    har = write_har(tmp_path / "t.har", [entry(BASE + "users/me/"), broken])
    out = tmp_path / "out"
    result = run_cli(capsys, "audit", str(har), "--report-dir", str(out))
    assert result.code == 2
    assert (
        result.err == f"plane-conformance audit: error: {har} is not a HAR file: entry 2: {named}\n"
    )
    assert KEY not in result.err
    assert not out.exists()
