"""``plane-conformance run``: run the conformance suite against a target, or against the
embedded reference server when no target is given.

Settings come from the command line, then the environment (``PLANE_CONFORMANCE_<NAME>`` for each
setting, e.g. ``PLANE_CONFORMANCE_RATE_LIMIT``, and ``PLANE_CONFORMANCE_CONFIG`` for the file),
then the config file, then the defaults; ``conformance.settings`` declares them.
Exit codes: 0 conformant, 1 non-conformant, 2 the run could not start, 3 incomplete,
130 interrupted; with ``--baseline`` the gate decides 0, 1 or 3.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only argparse at run time: `plane-conformance --help` stays cheap
    from pathlib import Path

    from conformance.settings import SuiteSettings

_EPILOG = (
    "API keys are read from environment variables (--api-key-env, --second-api-key-env), "
    "never from the command line. Every setting may also come from PLANE_CONFORMANCE_<NAME> "
    "(e.g. PLANE_CONFORMANCE_TARGET) or from plane-conformance.toml (keys: the long option "
    "names; ${VAR} is replaced by the variable's value). Each on/off option has a --no- form "
    "(--no-read-only) that turns off what the environment or the config file turned on. The "
    "verdict, the gate and the report paths go to stdout, progress to stderr. Exit codes: "
    "0 conformant, 1 non-conformant, 2 could not start, 3 incomplete, 130 interrupted."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """One option per run setting (``conformance.settings``), then ``--config``."""
    from conformance.settings import SETTINGS

    parser.epilog = _EPILOG
    for setting in SETTINGS:
        parser.add_argument(setting.flag, **setting.option(plugin=False))
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML config file (default: plane-conformance.toml in the current directory)",
    )


def run(args: argparse.Namespace) -> int:
    import os
    import sys
    from pathlib import Path

    from conformance.runner.execution import execute
    from conformance.runner.settings import unknown_variables

    for warning in unknown_variables(os.environ):
        print(f"plane-conformance run: warning: {warning}", file=sys.stderr)
    # progress on stderr, the verdict and the report paths on stdout
    return execute(settings_of(args, os.environ, Path.cwd()), sys.stderr, results=sys.stdout)


def settings_of(args: argparse.Namespace, environ: Mapping[str, str], cwd: Path) -> SuiteSettings:
    """The settings of the run ``args`` ask for, with ``environ`` and the config file in ``cwd``
    (or named) filling in what the command line leaves out."""
    from conformance.runner.settings import resolve_settings
    from conformance.settings import SETTING_NAMES

    given = {name: getattr(args, name, None) for name in (*SETTING_NAMES, "config")}
    return resolve_settings(given, environ, cwd)
