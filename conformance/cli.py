"""The ``plane-conformance`` command: one sub-command per part, each defined beside its part.

Every sub-command module exposes ``add_arguments(parser)`` and ``run(args) -> int``; a command
module imports only ``argparse`` at module level and its heavy dependencies inside ``run``, so
``plane-conformance --help`` stays cheap. Harness errors become one line on
stderr and exit code 2; nothing else escapes as a traceback.

Streams: what a command was asked for (a verdict, report paths, a listing, findings) goes to
stdout; progress and diagnostics (the live line, waits, notes, errors) go to stderr. A reader
that goes away (``| head``) ends the command quietly with 141, as SIGPIPE ends ``cat``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from conformance import __version__
from conformance.errors import HarnessError

EXIT_USAGE = 2
# 128 + SIGPIPE: what a shell reports for a command whose reader closed the pipe
EXIT_BROKEN_PIPE = 141

COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("run", "conformance.runner.command", "run the conformance suite against a target"),
    ("serve", "conformance.reference.command", "serve the in-memory reference Plane API"),
    ("requirements", "conformance.catalogue.command", "list the requirement catalogue"),
    ("lint", "conformance.lint.command", "check OpenAPI documents against the Plane conventions"),
    (
        "audit",
        "conformance.audit.command",
        "judge recorded traffic (HAR, a report) without a request",
    ),
    ("verify", "conformance.audit.verify_command", "check a report against its manifest"),
    ("fleet", "conformance.fleet.command", "run every target of a fleet file, side by side"),
    (
        "merge",
        "conformance.fleet.merge_command",
        "join report directories made elsewhere into one fleet dashboard",
    ),
    ("diff", "conformance.fleet.diff_command", "what changed between two reports"),
    (
        "transcript",
        "conformance.transcripts.command",
        "record a Plane server's answers to the transcript corpus, or compare two transcripts",
    ),
)


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The full parser; only the chosen command's module is imported to add its arguments."""
    parser = _Parser(
        prog="plane-conformance",
        description="Conformance suite, reference server and API linter for the Plane REST API.",
    )
    parser.add_argument("--version", action="version", version=f"plane-conformance {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    sub.required = True
    for name, module_name, help_text in COMMANDS:
        command_parser = sub.add_parser(name, help=help_text, description=help_text)
        if name == command:
            module = importlib.import_module(module_name)
            module.add_arguments(command_parser)
            command_parser.set_defaults(_module=module)
    return parser


def _chosen_command(argv: Sequence[str]) -> str | None:
    names = {name for name, _, _ in COMMANDS}
    return next((arg for arg in argv if arg in names), None)


def main(argv: Sequence[str] | None = None) -> int:
    """The command line's exit code; a closed stdout (``| head``) ends it quietly."""
    try:
        code = _main(argv)
        sys.stdout.flush()  # inside the try: a pipe closed early fails here, not at exit
    except BrokenPipeError:
        # as the Python documentation advises (signal module, "Note on SIGPIPE"): point stdout
        # at devnull so that the interpreter's own flush at exit cannot fail again
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_BROKEN_PIPE
    return code


def _main(argv: Sequence[str] | None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    args = build_parser(_chosen_command(arguments)).parse_args(arguments)
    try:
        code: int = args._module.run(args)
    except HarnessError as exc:
        print(f"plane-conformance {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print(f"plane-conformance {args.command}: interrupted", file=sys.stderr)
        return 130
    return code
