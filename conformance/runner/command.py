"""``plane-conformance run``: run the conformance suite against a target, or against the
embedded reference server when no target is given.

Settings come from the command line, then the environment (``PLANE_CONFORMANCE_TARGET``,
``_WORKSPACE``, ``_PROJECT``, ``_API_KEY_ENV``, ``_SECOND_API_KEY_ENV``, ``_PROFILE``,
``_READ_ONLY``, ``_REPORT_DIR``, ``_SEED``, ``_RATE_LIMIT``, ``_RATE_WINDOW``,
``_PER_PAGE_DEFAULT``, ``_PER_PAGE_MAX``, ``_TIMEOUT``, ``_MAX_WAIT``, ``_BASELINE``,
``_WAIVERS``, and ``_CONFIG`` for the file), then the config file, then the defaults.
Exit codes: 0 conformant, 1 non-conformant, 2 the run could not start, 3 incomplete,
130 interrupted; with ``--baseline`` the gate decides 0, 1 or 3.
"""

from __future__ import annotations

import argparse

PROFILES = ("full", "smoke")
_EPILOG = (
    "API keys are read from environment variables (--api-key-env, --second-api-key-env), "
    "never from the command line. Every setting may also come from PLANE_CONFORMANCE_<NAME> "
    "(e.g. PLANE_CONFORMANCE_TARGET) or from plane-conformance.toml (keys: the long option "
    "names; ${VAR} is replaced by the variable's value). Exit codes: 0 conformant, "
    "1 non-conformant, 2 could not start, 3 incomplete, 130 interrupted."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = _EPILOG
    add = parser.add_argument
    # Every default is None: "not given", so the environment and the config file may decide.
    add(
        "--target",
        metavar="BASE_URL",
        help="API base URL ending in /api/v1 (default: start the embedded reference server)",
    )
    add("--workspace", metavar="SLUG", help="workspace slug the key belongs to")
    add("--project", metavar="ID", help="an existing project to read (needed with --read-only)")
    add(
        "--api-key-env", metavar="NAME", help="variable holding the API key (default PLANE_API_KEY)"
    )
    add(
        "--second-api-key-env",
        metavar="NAME",
        help="variable holding a second key, for RATE-07 (default PLANE_API_KEY_2)",
    )
    add("--profile", choices=PROFILES, help="example budget (default full)")
    add(
        "--read-only",
        action=argparse.BooleanOptionalAction,
        help="send only GET requests (default: off)",
    )
    add("--report-dir", metavar="DIR", help="where the reports go (default reports)")
    add("--seed", metavar="N", type=int, help="seed of the property tests (default: random)")
    add("--rate-limit", metavar="N", type=int, help="requests per key per window (default 60)")
    add("--rate-window", metavar="S", type=int, help="rate-limit window in seconds (default 60)")
    add("--per-page-default", metavar="N", type=int, help="documented default page size (100)")
    add("--per-page-max", metavar="N", type=int, help="documented maximum page size (100)")
    add("--timeout", metavar="S", type=float, help="per-request deadline in seconds (10)")
    add(
        "--max-wait",
        metavar="S",
        type=float,
        help="seconds the run may spend waiting for rate-limit windows (180)",
    )
    add("--baseline", metavar="PATH", help="an earlier compliance.json: gate on regressions")
    add("--waivers", metavar="FILE", help="YAML waivers of known deviations: id, reason, expires")
    add(
        "--config",
        metavar="FILE",
        help="TOML config file (default: plane-conformance.toml in the current directory)",
    )


def run(args: argparse.Namespace) -> int:
    import os
    import sys
    from pathlib import Path

    from conformance.runner.execution import execute
    from conformance.runner.settings import SETTINGS, resolve_settings

    given = {name: getattr(args, name, None) for name in (*SETTINGS, "config")}
    settings = resolve_settings(given, os.environ, Path.cwd())
    return execute(settings, sys.stderr)
