"""``plane-conformance fleet FLEET.toml [--report-dir DIR] [--parallel N] [--overwrite]``: every
target of a fleet file certified at once, side by side.

Each ``[[target]]`` table (``name`` and the settings of one ``run``) runs as its own child
``plane-conformance run`` writing ``DIR/<name>/``; then ``DIR/fleet.json`` and
``DIR/fleet.html`` show the targets by requirements. A target that is unreachable or refused by
its preflight is one row with its reason and stops nothing else. Progress on stderr, one line
per target; the rows and the fleet's verdict on stdout.
Exit codes: the worst target's (0 conformant, 3 incomplete, 2 could not start, 1
non-conformant, in that order); 2 for a fleet file that cannot be used; 130 interrupted.
"""

from __future__ import annotations

import argparse

_EPILOG = (
    "A fleet file holds [[target]] tables, each with a name and the settings of one run (keys: "
    "the long option names of plane-conformance run; keys above the tables are shared by every "
    "target). Keys are read by each run from the variables api-key-env and second-api-key-env "
    "name, never from the file. Exit codes: the worst target's, in the order 0 conformant, 3 "
    "incomplete, 2 could not start, 1 non-conformant; 2 for an unusable fleet file; 130 "
    "interrupted."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = _EPILOG
    parser.add_argument("fleet_file", metavar="FLEET.toml", help="the fleet file")
    parser.add_argument(
        "--report-dir",
        metavar="DIR",
        default="reports",
        help="where DIR/<name>/, fleet.json and fleet.html go (default reports)",
    )
    parser.add_argument(
        "--parallel",
        metavar="N",
        type=int,
        help="run at most N targets at a time (default: every target at once)",
    )
    parser.add_argument(
        "--overwrite",
        action="store_true",
        help="replace the reports and the fleet.json of an earlier fleet run in DIR",
    )


def run(args: argparse.Namespace) -> int:
    import os
    import sys
    from pathlib import Path

    from conformance.errors import ConfigError
    from conformance.fleet.document import (
        build_fleet_document,
        claim_fleet_dir,
        write_fleet,
    )
    from conformance.fleet.fleet_file import read_fleet_file
    from conformance.fleet.running import run_fleet
    from conformance.fleet.summary import summary_lines
    from conformance.report import claim_report_dir

    if args.parallel is not None and args.parallel < 1:
        raise ConfigError(f"--parallel must be a positive integer, not {args.parallel}")
    out = Path(args.report_dir)
    targets = read_fleet_file(Path(args.fleet_file), os.environ, out, overwrite=args.overwrite)
    # before any target runs: nothing of an earlier fleet is written over without --overwrite
    claim_fleet_dir(out, overwrite=args.overwrite)
    for target in targets:
        claim_report_dir(target.settings.report_dir, overwrite=args.overwrite)
    parallel = args.parallel or len(targets)
    print(
        f"fleet: {len(targets)} target{'' if len(targets) == 1 else 's'}, at most {parallel} at "
        f"a time; reports in {out}",
        file=sys.stderr,
    )
    outcome = run_fleet(targets, parallel, os.environ, sys.stderr)
    document = build_fleet_document(
        outcome.rows,
        out,
        kind="fleet",
        interrupted=outcome.interrupted,
        duration_s=outcome.duration_s,
    )
    written = write_fleet(document, out)
    for line in summary_lines(document, written):
        print(line)
    code: int = document["exit_code"]
    return code
