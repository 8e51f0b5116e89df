"""The settings table: one row per setting, and every name it goes by derived from the row."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.settings import (
    SETTINGS,
    SuiteSettings,
    check_settings,
    plugin_args,
    settings_from,
)

pytest_plugins = ["pytester"]

# What `plane-conformance run --help` says of each option: a contract of the CLI.
RUN_HELP = {
    "--target": "API base URL ending in /api/v1 (default: start the embedded reference server)",
    "--workspace": "workspace slug the key belongs to",
    "--project": "an existing project to read (needed with --read-only)",
    "--openapi": "the target's OpenAPI description: a URL on the target, or a file (default: "
    "the target's /api/schema/, else the bundled description)",
    "--api-key-env": "variable holding the API key (default PLANE_API_KEY)",
    "--second-api-key-env": "variable holding a second key, for RATE-07 (default PLANE_API_KEY_2)",
    "--more-api-key-envs": (
        "variables holding further keys of the same user, comma-separated: the run spreads "
        "its requests over every key (each brings a rate-limit window of its own) (default: none)"
    ),
    "--profile": "which checks run: full = every GET operation the target's description "
    "declares, with generated examples; smoke = the fixed surface only, explicit examples, fewer "
    "requests (default full)",
    "--read-only": "send only GET requests (default: off)",
    "--probe-twins": (
        "probe every path of a view the description declares twice (issues/ and work-items/) "
        "with an unknown id, per_page, fields and expand, not once per view (default: off)"
    ),
    "--parameter-budget": (
        "keyed requests the search of declared query parameters may spend (0: no search) "
        "(default: one window of one key, in the full profile one window of each key of "
        "--more-api-key-envs)"
    ),
    "--report-dir": "where the reports go (default reports)",
    "--seed": "seed of the property tests (default: random)",
    "--rate-limit": "requests per key per window (default 60)",
    "--rate-window": "rate-limit window in seconds (default 60)",
    "--per-page-default": "documented default page size (100)",
    "--per-page-max": "documented maximum page size (100)",
    "--timeout": "per-request deadline in seconds (10)",
    "--max-wait": "seconds the run may spend waiting for rate-limit windows (default: what the "
    "estimate needs, at least 180)",
    "--baseline": "an earlier compliance.json: gate on regressions",
    "--waivers": "YAML waivers of known deviations: id, reason, expires",
    "--sign-key": "Ed25519 private key (PEM) that signs the report's manifest; its passphrase, "
    "if any, from $PLANE_SIGN_KEY_PASSPHRASE",
    "--ca-bundle": "PEM file of CAs to trust besides the system's (SSL_CERT_FILE and "
    "SSL_CERT_DIR are honoured too)",
    "--client-cert": "PEM client certificate to present to the target (mTLS)",
    "--client-key": "PEM private key of --client-cert (default: in the certificate's file)",
    "--client-key-passphrase-env": "variable holding the passphrase of an encrypted client key "
    "(default PLANE_CLIENT_KEY_PASSPHRASE)",
    "--insecure": "do not verify the target's TLS certificate (the report says so in red) "
    "(default: off)",
    "--proxy": "HTTP proxy for the requests (an https target through a CONNECT tunnel)",
    "--trust-env": "use the proxy of HTTPS_PROXY, HTTP_PROXY or ALL_PROXY unless NO_PROXY "
    "exempts the target (default: off)",
    "--allow-cleartext-proxy": "let an http target's requests, API key included, cross a proxy "
    "in clear text (default: off)",
    "--interop": "after the suite, run Plane's official Python SDK against the target and report "
    "each call it cannot complete; advisory (needs plane-conformance[interop]) (default: off)",
    "--interop-gate": "like --interop, and a call the SDK cannot complete makes the run "
    "non-conformant (default: off)",
    "--only": "run only what these requirements or areas need; the others are 'not selected' "
    "(repeatable, or a comma list: PAG-10,RATE) (default: every requirement)",
    "--operation": "run only the test of this declared operation, as the report's operations "
    "table names it ('GET workspaces/{slug}/labels/'; repeatable, or a comma list) (default: "
    "every operation)",
    "--last-failed": "re-run only what failed or errored in the previous report, "
    "<--report-dir>/compliance.json (default: off)",
    "--overwrite": "replace the reports of an earlier run or audit in --report-dir (without it, "
    "the run refuses to write over them; --last-failed replaces the report it re-runs) "
    "(default: off)",
}
GIVEN = SuiteSettings(
    target="http://127.0.0.1:9/api/v1", workspace="w", project="p", openapi="spec.yaml",
    api_key_env="K1",
    second_api_key_env="K2", profile="smoke", read_only=True, report_dir=Path("out"), seed=7,
    rate_limit=30, rate_window=10, per_page_default=20, per_page_max=50, timeout=2.5,
    max_wait=90.0, baseline=Path("b.json"), waivers=Path("w.yaml"), sign_key=Path("s.pem"),
    client_cert=Path("c.pem"), client_key=Path("k.pem"), client_key_passphrase_env="K3",
    insecure=True, proxy="http://u:p@127.0.0.1:3128", trust_env=True, allow_cleartext_proxy=True,
    only=("PAG-10", "RATE"), operation=("GET users/me/", "GET workspaces/{slug}/members/"),
    last_failed=True,
)  # fmt: skip


def test_every_field_is_a_setting() -> None:
    assert [s.name for s in SETTINGS] == [f.name for f in fields(SuiteSettings)]


def test_the_names_of_a_setting() -> None:
    (setting,) = (s for s in SETTINGS if s.name == "rate_limit")
    assert (setting.flag, setting.plugin_flag, setting.dest, setting.env, setting.kind) == (
        "--rate-limit",
        "--plane-rate-limit",
        "plane_rate_limit",
        "PLANE_CONFORMANCE_RATE_LIMIT",
        int,
    )


def test_run_help_keeps_its_words() -> None:
    assert {s.flag: s.run_help() for s in SETTINGS} == RUN_HELP


def test_the_help_notes_state_the_defaults() -> None:
    for setting in SETTINGS:
        if setting.default not in (None, False, "", ()):
            shown = f"{setting.default:g}" if setting.kind is float else str(setting.default)
            assert shown in setting.help.note, setting.name


def test_plugin_help_names_plugin_options_and_real_defaults() -> None:
    helps = {s.name: s.plugin_help() for s in SETTINGS}
    assert helps["project"] == "an existing project to read (needed with --plane-read-only)"
    assert helps["timeout"] == "per-request deadline in seconds (default 10)"
    assert helps["target"] == "API base URL ending in /api/v1"


def test_plugin_args_give_back_the_settings(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig("-p", "no:schemathesis", *plugin_args(GIVEN))
    assert settings_from(config) == GIVEN


def test_unset_settings_are_left_out_of_the_plugin_args() -> None:
    assert plugin_args(SuiteSettings(target="http://h/api/v1", workspace="w")) == [
        "--plane-target", "http://h/api/v1", "--plane-workspace", "w",
        "--plane-api-key-env", "PLANE_API_KEY", "--plane-second-api-key-env", "PLANE_API_KEY_2",
        "--plane-profile", "full", "--plane-report-dir", "reports",
        "--plane-rate-limit", "60", "--plane-rate-window", "60",
        "--plane-per-page-default", "100", "--plane-per-page-max", "100",
        "--plane-timeout", "10.0",
        "--plane-client-key-passphrase-env", "PLANE_CLIENT_KEY_PASSPHRASE",
    ]  # fmt: skip


def test_the_plugin_checks_as_the_runner_does() -> None:
    with pytest.raises(ConfigError, match="--rate-window must be a positive integer"):
        check_settings(SuiteSettings(rate_window=0))


def test_a_list_setting_is_repeated_or_a_comma_list(pytester: pytest.Pytester) -> None:
    config = pytester.parseconfig(
        "-p", "no:schemathesis", "--plane-only", "PAG-10, RATE", "--plane-only", "PAG-10",
        "--plane-operation", "GET users/me/",
    )  # fmt: skip
    settings = settings_from(config)
    assert (settings.only, settings.operation) == (("PAG-10", "RATE"), ("GET users/me/",))
    assert plugin_args(settings)[-6:] == [
        "--plane-only", "PAG-10", "--plane-only", "RATE", "--plane-operation", "GET users/me/",
    ]  # fmt: skip


def test_an_unknown_only_value_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=r"--only PAG-99: no requirement or area of that name"):
        check_settings(SuiteSettings(only=("PAG-10", "PAG-99")))


def test_a_target_with_credentials_is_refused_without_showing_them() -> None:
    """Refused before anything echoes the URL (a fleet's progress line, a report's base_url)."""
    settings = SuiteSettings(target="https://u:hunter2@127.0.0.1:9/api/v1", workspace="w")
    with pytest.raises(ConfigError) as refused:
        check_settings(settings)
    assert "credentials" in str(refused.value)
    assert "hunter2" not in str(refused.value)
