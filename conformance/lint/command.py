"""The ``lint`` sub-command: ``plane-conformance lint SPEC... [--format ...] [--output FILE]``.

Exit 0 when no finding is at or above ``--fail-severity``, 1 when one is, 2 when a document
cannot be linted at all: not YAML or JSON, not OpenAPI 3.0/3.1, a YAML alias bomb (a
``SpecError``, one line on stderr). Every file given is linted; each that cannot be gets its own
line, and the exit code is the worst of the files'. A document that breaks the OpenAPI
meta-schema is linted: its structural errors are findings. Findings go to stdout (or
``--output``), errors to stderr.
"""

from __future__ import annotations

import argparse
from pathlib import Path

FORMAT_NAMES = ("text", "summary", "json", "sarif", "junit", "html")
SEVERITY_NAMES = ("error", "warning", "info")
EXIT_UNREADABLE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "specs",
        nargs="*",
        metavar="SPEC",
        type=Path,
        help="OpenAPI 3.0/3.1 documents (YAML or JSON)",
    )
    parser.add_argument(
        "--format", choices=FORMAT_NAMES, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "--output",
        type=Path,
        metavar="FILE",
        help="write the output to FILE instead of standard output",
    )
    parser.add_argument(
        "--fail-severity",
        choices=SEVERITY_NAMES,
        default="error",
        help="exit 1 when a finding is at or above this severity (default: error)",
    )
    parser.add_argument(
        "--ignore-file",
        type=Path,
        metavar="FILE",
        help="YAML list of {rule, path?} entries to suppress",
    )
    parser.add_argument(
        "--strict",
        action="store_true",
        help="disregard every suppression (inline and ignore file) and say "
        "how many were disregarded",
    )
    parser.add_argument(
        "--list-rules", action="store_true", help="list the rules with their requirements and exit"
    )


def run(args: argparse.Namespace) -> int:
    import sys

    from conformance.errors import ConfigError, SpecError
    from conformance.lint.engine import lint_path
    from conformance.lint.findings import Severity
    from conformance.lint.formats import renderer
    from conformance.lint.rules import RULES
    from conformance.lint.suppression import load_ignore_file

    if args.list_rules:
        for rule in RULES:
            print(
                f"{rule.id:<12} {rule.name:<30} {rule.severity.value:<8} "
                f"{', '.join(rule.requirements) or '-':<32} {rule.rationale} "
                f"Applies to {rule.scope}."
            )
        return 0
    if not args.specs:
        raise ConfigError("no SPEC given (plane-conformance lint SPEC...)")
    entries = (
        load_ignore_file(args.ignore_file, frozenset(rule.id for rule in RULES))
        if args.ignore_file
        else ()
    )
    threshold = Severity(args.fail_severity)
    reports = []
    unreadable = 0
    for spec in args.specs:  # every file, as Spectral and Redocly do: one line per unreadable one
        try:
            reports.append(lint_path(spec, rules=RULES, ignore_entries=entries, strict=args.strict))
        except SpecError as exc:
            unreadable += 1
            print(f"plane-conformance lint: error: {exc}", file=sys.stderr)
    if not reports:
        return EXIT_UNREADABLE
    output = renderer(args.format)(reports, RULES, threshold)
    if args.output is None:
        print(output, end="")
    else:
        try:
            args.output.parent.mkdir(parents=True, exist_ok=True)
            args.output.write_text(output, encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write {args.output}: {exc.strerror or exc}") from None
    if unreadable:
        return EXIT_UNREADABLE  # the worst outcome of the files
    return 1 if any(report.at_or_above(threshold) for report in reports) else 0
