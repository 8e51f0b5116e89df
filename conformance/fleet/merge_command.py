"""``plane-conformance merge DIR... [--report-dir OUT]``: the same fleet.json and fleet.html from
report directories made elsewhere, the fan-in of a CI matrix (each job certifies one target).

Each directory is verified against its manifest first, as ``verify`` does; one that does not
verify is shown as such (``unverified``, with what differs) and never merged silently. A target
is named by its directory. Exit codes: the worst target's (0 conformant, 3 incomplete, 1
non-conformant or a report that does not verify); 2 for arguments that cannot be used.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = (
        "Exit codes: the worst target's, in the order 0 conformant, 3 incomplete, 1 "
        "non-conformant or not verified; 2 for arguments that cannot be used."
    )
    parser.add_argument(
        "report_dirs", metavar="DIR", nargs="+", help="report directories of runs, one a target"
    )
    parser.add_argument(
        "--report-dir",
        metavar="OUT",
        default="reports",
        help="where fleet.json and fleet.html go (default reports)",
    )
    parser.add_argument(
        "--public-key",
        metavar="FILE",
        help="Ed25519 public key (PEM) every report's signature must verify with",
    )
    parser.add_argument(
        "--overwrite", action="store_true", help="replace the fleet.json of an earlier merge"
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from conformance.evidence import load_public_key
    from conformance.fleet.document import build_fleet_document, claim_fleet_dir, write_fleet
    from conformance.fleet.merging import merged_rows
    from conformance.fleet.summary import summary_lines

    out = Path(args.report_dir)
    public_key = Path(args.public_key) if args.public_key else None
    if public_key is not None:
        load_public_key(public_key)  # unreadable: one line, before any report is read
    claim_fleet_dir(out, overwrite=args.overwrite)
    rows = merged_rows([Path(d) for d in args.report_dirs], public_key)
    document = build_fleet_document(rows, out, kind="merge")
    written = write_fleet(document, out)
    for line in summary_lines(document, written):
        print(line)
    code: int = document["exit_code"]
    return code
