"""``plane-conformance transcript``: ``record`` the corpus's exchanges with a Plane server into a
transcript file, or ``compare`` two transcripts (exit 1 when they differ)."""

from __future__ import annotations

import argparse
from pathlib import Path

BUNDLED = Path(__file__).resolve().parents[1] / "specs" / "plane-4ca6d6c.transcript.json"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    record = actions.add_parser(
        "record", help="run the corpus against a server, write its transcript"
    )
    record.add_argument("--target", required=True, help="the API's base URL, ending /api/v1")
    record.add_argument("--workspace", required=True, help="the workspace slug to work in")
    record.add_argument("--out", type=Path, required=True, help="the transcript file to write")
    record.add_argument(
        "--server", default="", help="what the transcript is of, in words (default: the URL)"
    )
    record.add_argument(
        "--api-key-env",
        default="PLANE_API_KEY",
        help="the environment variable holding the API key (default: PLANE_API_KEY)",
    )
    compare = actions.add_parser(
        "compare", help="the exchanges where a transcript differs from a recorded one"
    )
    compare.add_argument("replayed", type=Path, help="the transcript to judge")
    compare.add_argument(
        "--recorded",
        type=Path,
        default=BUNDLED,
        help="the transcript it must match (default: the bundled one of Plane 4ca6d6c)",
    )


def run(args: argparse.Namespace) -> int:
    if args.action == "compare":
        return _compare(args.recorded, args.replayed)
    return _record(args)


def _record(args: argparse.Namespace) -> int:
    import os
    import sys

    from conformance.errors import ConfigError, TargetError, TargetUnreachable
    from conformance.http import ClientSettings, Keys, Recorder, RequestStats, build_client
    from conformance.transcripts.corpus import valid
    from conformance.transcripts.recording import record
    from conformance.transcripts.transcript import of, write
    from conformance.transcripts.variants import with_variants

    settings = ClientSettings(base_url=args.target, api_key_env=args.api_key_env)
    key = os.environ.get(args.api_key_env, "")
    if not key:
        raise ConfigError(f"set ${args.api_key_env} to the API key of the server to record")
    keys = Keys(primary=key, primary_env=args.api_key_env)
    out: Path = args.out
    if not os.access(out.parent if out.parent.exists() else Path.cwd(), os.W_OK):
        raise ConfigError(f"cannot write the transcript {out}: its directory is not writable")
    recipes = with_variants(valid())
    with build_client(settings, keys, recorder=Recorder(), stats=RequestStats()) as client:
        try:
            entries = record(
                client,
                args.workspace,
                recipes,
                progress=lambda e: print(f"{e.status} {e.method} {e.name}", file=sys.stderr),
            )
        except TargetError as exc:  # what the run made is deleted already, as far as it could be
            raise TargetUnreachable(f"the recording stopped: {exc}") from None
    write(of(args.server or settings.base_url, entries), out)
    print(f"{len(entries)} exchanges written to {args.out}")
    return 0


def _compare(recorded_path: Path, replayed_path: Path) -> int:
    from conformance.transcripts.comparison import compare
    from conformance.transcripts.transcript import read

    recorded, replayed = read(recorded_path), read(replayed_path)
    differences = compare(recorded, replayed)
    for difference in differences:
        print(difference)
    print(f"{len(differences)} differences in {len(recorded.entries)} exchanges")
    return 1 if differences else 0
