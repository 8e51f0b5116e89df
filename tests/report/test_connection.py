"""How the run reached its target, in the report: TLS verified or not (in red when not), the
proxy without its credentials; and a baseline gate that never compares a run whose TLS was
verified with one whose TLS was not."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from conformance.errors import ConfigError
from conformance.report import Connection, build_document, load_gate, schema_errors
from conformance.report.html import render_html
from tests.report.samples import catalogue, rich_outcomes, run_info

VERIFIED = Connection(tls=True, client_certificate=True)
INSECURE = Connection(tls=True, tls_verified=False)
TUNNEL = Connection(tls=True, proxy="http://127.0.0.1:3128", proxy_source="--proxy", tunnel=True)
CLEARTEXT = Connection(proxy="http://proxy.example:8080", proxy_source="HTTP_PROXY")


def document(connection: Connection) -> dict[str, Any]:
    return build_document(run_info(connection=connection), rich_outcomes(), catalogue())


@pytest.mark.parametrize(
    ("connection", "tls", "proxy"),
    [
        pytest.param(Connection(), None, None, id="plain-http"),
        pytest.param(VERIFIED, {"verified": True, "client_certificate": True}, None, id="mtls"),
        pytest.param(
            INSECURE, {"verified": False, "client_certificate": False}, None, id="insecure"
        ),
        pytest.param(
            TUNNEL,
            {"verified": True, "client_certificate": False},
            {"url": "http://127.0.0.1:3128", "source": "--proxy", "tunnel": True},
            id="tunnel",
        ),
        pytest.param(
            CLEARTEXT,
            None,
            {"url": "http://proxy.example:8080", "source": "HTTP_PROXY", "tunnel": False},
            id="cleartext",
        ),
    ],
)
def test_the_target_records_tls_and_proxy(
    connection: Connection, tls: dict[str, bool] | None, proxy: dict[str, Any] | None
) -> None:
    built = document(connection)
    assert (built["target"]["tls"], built["target"]["proxy"]) == (tls, proxy)
    assert schema_errors(built) == []


def test_what_the_reader_must_know_is_a_note() -> None:
    assert document(INSECURE)["notes"][0] == (
        "TLS was not verified (--insecure): nothing proves that the answers came from the "
        "target, and the API key went to whoever answered"
    )
    assert document(CLEARTEXT)["notes"][0] == (
        "the proxy http://proxy.example:8080 (from HTTP_PROXY) saw every request, API key "
        "included, in clear text (--allow-cleartext-proxy)"
    )
    assert document(TUNNEL)["notes"] == document(Connection())["notes"]


def test_an_unverified_run_says_so_in_red_in_the_header() -> None:
    page = render_html(document(INSECURE))
    header = page[page.index("<header") : page.index("</header>")]
    assert (
        '<p id="tls-unverified" class="verdict-alarm">TLS was not verified (--insecure)' in header
    )
    css = page[page.index("<style>") : page.index("</style>")]
    assert ".verdict-alarm { display: inline-block; background: var(--fail); color: #fff;" in css
    assert "certificate not verified" in page
    assert 'id="tls-unverified"' not in render_html(document(VERIFIED))


def test_the_connection_row() -> None:
    assert 'id="connection"' not in render_html(document(Connection()))
    tunnel = render_html(document(TUNNEL))
    assert (
        "HTTPS, certificate verified; through the proxy <code>http://127.0.0.1:3128</code> (from "
        "--proxy), in a CONNECT tunnel: it relayed encrypted bytes only"
    ) in tunnel
    cleartext = render_html(document(CLEARTEXT))
    assert '<span class="tag tag-bad">in clear text, API key included</span>' in cleartext
    mtls = render_html(document(VERIFIED))
    assert "HTTPS, certificate verified, client certificate presented" in mtls


def write(path: Path, built: dict[str, Any]) -> Path:
    path.write_text(json.dumps(built), encoding="utf-8")
    return path


def test_a_baseline_gate_compares_only_runs_that_checked_tls_alike(tmp_path: Path) -> None:
    verified = write(tmp_path / "verified.json", document(VERIFIED))
    insecure = write(tmp_path / "insecure.json", document(INSECURE))
    load_gate(None, verified)
    load_gate(None, insecure, tls_unverified=True)
    with pytest.raises(ConfigError) as raised:
        load_gate(None, verified, tls_unverified=True)
    assert str(raised.value) == (
        f"this run does not verify TLS (--insecure) and baseline {verified} did: the gate "
        "compares only runs that checked TLS alike; drop --insecure, or compare with a baseline "
        "made with it"
    )
    with pytest.raises(ConfigError, match="comes from a run that did not verify TLS"):
        load_gate(None, insecure)


def test_a_baseline_from_before_tls_was_recorded_counts_as_verified(tmp_path: Path) -> None:
    older = document(Connection())
    del older["target"]["tls"], older["target"]["proxy"]
    baseline = write(tmp_path / "older.json", older)
    load_gate(None, baseline)
    with pytest.raises(ConfigError, match="this run does not verify TLS"):
        load_gate(None, baseline, tls_unverified=True)
