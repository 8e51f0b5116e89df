"""exchanges.jsonl: exchanges written and read back as they were, one hash per line."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.evidence import KeyRoles, read_log, read_roles, write_log
from conformance.http import Exchange

EXCHANGE = Exchange(
    seq=1,
    started_at=1_700_000_000.5,
    method="GET",
    url="http://127.0.0.1:9/api/v1/users/me/",
    request_headers=(("X-API-Key", "$PLANE_API_KEY"), ("Accept", "*/*"), ("Accept", "x")),
    request_body="",
    request_truncated=False,
    status=200,
    response_headers=(("content-type", "application/json"),),
    response_body='{"id": "é"}',
    truncated=False,
    elapsed_ms=3.25,
    error=None,
)


def test_exchanges_come_back_as_they_were_written(tmp_path: Path) -> None:
    roles = KeyRoles("$PLANE_API_KEY", frozenset({"$PLANE_API_KEY", "$PLANE_API_KEY_2"}))
    second = replace(EXCHANGE, seq=2, status=None, error="reset")
    hashes = write_log(tmp_path / "log.jsonl", [EXCHANGE, second], roles)
    logged = list(read_log(tmp_path / "log.jsonl"))
    assert [entry.exchange for entry in logged] == [EXCHANGE, second]
    assert [entry.sha256 for entry in logged] == hashes
    assert len(set(hashes)) == 2
    assert read_roles(tmp_path / "log.jsonl") == roles


HEAD = '{"log": "plane-conformance exchanges", "version": 1}\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("", "is not an exchange log"),
        ('{"log": "something else"}\n', "is not an exchange log of plane-conformance"),
        ('{"log": "plane-conformance exchanges", "version": 1}\n{"seq": 1}\n', ":2 is not an"),
        (HEAD + '{"seq": "1", "method": "GET", "url": "u"}\n', ":2 is not an"),
        (HEAD + '{"seq": 1, "method": "GET", "url": "u", "status": "200"}\n', ":2 is not an"),
        (HEAD + '{"seq": 1, "method": "GET", "url": "u", "truncated": 1}\n', ":2 is not an"),
        (HEAD + '{"seq": true, "method": "GET", "url": "u"}\n', ":2 is not an"),
        (HEAD + '{"seq": 1, "method": "GET", "url": "u", "response_headers": [5]}\n', ":2 is"),
        (HEAD + "[1, 2]\n", ":2 is not an"),
        ('{"log": "plane-conformance exchanges", "keys": {"valid": 5}}\n', "(its keys)"),
        ('{"log": "plane-conformance exchanges", "keys": [1]}\n', "(its keys)"),
    ],
    ids=["empty", "another-format", "not-an-exchange", "seq-a-string", "status-a-string",
         "flag-a-number", "seq-a-bool", "header-not-a-pair", "a-list", "valid-keys-a-number",
         "keys-a-list"],
)  # fmt: skip
def test_what_is_not_a_log_is_a_config_error(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "log.jsonl"
    path.write_text(text)
    with pytest.raises(ConfigError, match=message):
        list(read_log(path))
