"""``plane-conformance verify REPORT_DIR [--public-key FILE]``: does the report still say what
its run found?

First the evidence: every artifact and every exchange against the manifest's SHA-256, every
status against the manifest, every quoted exchange against the log, and, with ``--public-key``,
the manifest's Ed25519 signature. Then the judgement: every requirement judged again from the
exchange log with the suite's own checks; a status the exchanges contradict is named (unless
the run already recorded the same difference between its verdict and the exchanges').

What it proves: the files are those the manifest lists, and (signed) that the holder of the key
sealed them; and that no verdict the traffic can show was turned round. What it cannot: that the
tool that ran was an honest build, that the target behind the traffic was the one named, or,
without a signature, that the whole directory was not rewritten consistently.
Exit codes: 0 verified, 1 tampered (each difference named), 2 unreadable.
"""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.epilog = "Exit codes: 0 verified, 1 tampered, 2 unreadable."
    parser.add_argument("report_dir", metavar="REPORT_DIR", help="a report directory of a run")
    parser.add_argument(
        "--public-key",
        metavar="FILE",
        help="Ed25519 public key (PEM) the manifest's signature must verify with",
    )


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from conformance.audit.verification import verify

    public_key = Path(args.public_key) if args.public_key else None
    differences, notes, summary = verify(Path(args.report_dir), public_key)
    for line in differences:
        print(f"changed: {line}")
    for line in notes:
        print(f"note: {line}")
    if differences:
        print(f"tampered: {len(differences)} difference(s) from what the run recorded")
        return 1
    print(f"verified: {summary}")
    return 0
