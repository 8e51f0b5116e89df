"""``plane-conformance diff OLD_REPORT NEW_REPORT [--format text|json]``: what changed between two
reports (two targets, or two releases of one): requirements that changed status, operations
that appeared or disappeared, drift findings added or removed. Each report is a report
directory or its compliance.json. The difference on stdout.
Exit codes (as ``diff`` has them): 0 no change, 1 a change, 2 a report that cannot be read.
"""

from __future__ import annotations

import argparse

FORMATS = ("text", "json")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Exit codes: 0 no change, 1 a change, 2 a report that cannot be read."
    parser.add_argument("old", metavar="OLD_REPORT", help="a report directory (or compliance.json)")
    parser.add_argument("new", metavar="NEW_REPORT", help="a report directory (or compliance.json)")
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default) or json")


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from conformance.fleet.diffing import diff_json, diff_reports, diff_text, read_report

    old_path, new_path = Path(args.old), Path(args.new)
    diff = diff_reports(read_report(old_path), read_report(new_path))
    if args.format == "json":
        print(json.dumps(diff_json(diff, old_path, new_path), indent=2, ensure_ascii=False))
    else:
        for line in diff_text(diff, old_path, new_path):
            print(line)
    return 1 if diff.changed else 0
