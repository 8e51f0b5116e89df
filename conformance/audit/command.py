"""``plane-conformance audit TRAFFIC.har|REPORT_DIR``: judge recorded traffic, send nothing.

A HAR 1.2 file (from a browser, mitmproxy or a gateway) or a report directory of an earlier run
(its ``exchanges.jsonl``, judged again with today's checks). The reports are those of ``run``.
Keys: name the variables that hold the valid keys (as for ``run``); without them, what rests on
a key's validity is untested. Exit codes: 0 conformant, 1 non-conformant, 2 the input cannot be
read, 3 incomplete (what the traffic does not show is untested). A ``--report-dir`` that holds
the reports of an earlier run or audit is not written over unless ``--overwrite`` is given.
The verdict goes to stdout; what is replaced, to stderr.
"""

from __future__ import annotations

import argparse

# the options of `run` that an audit shares, from the one table of run settings
SHARED = (
    "report_dir",
    "api_key_env",
    "second_api_key_env",
    "rate_limit",
    "rate_window",
    "per_page_default",
    "per_page_max",
    "overwrite",
)
_EPILOG = (
    "No request is sent. Keys in the traffic are redacted in every output. "
    "Exit codes: 0 conformant, 1 non-conformant, 2 the input cannot be read, 3 incomplete."
)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from conformance.settings import SETTINGS

    parser.epilog = _EPILOG
    parser.add_argument(
        "source", metavar="TRAFFIC.har|REPORT_DIR", help="a HAR file, or a report directory"
    )
    for setting in SETTINGS:
        if setting.name in SHARED:
            parser.add_argument(setting.flag, **setting.option(plugin=False))


def run(args: argparse.Namespace) -> int:
    import os
    import sys
    from pathlib import Path

    from conformance.audit.auditing import audit, read_report, read_traffic
    from conformance.errors import ConfigError
    from conformance.report import claim_report_dir, gate_exit_code
    from conformance.report.selection import NOT_SELECTED
    from conformance.settings import SETTINGS

    defaults = {s.name: s.default for s in SETTINGS}
    report_dir = Path(args.report_dir or defaults["report_dir"])
    source = Path(args.source)
    parameters = {
        "rate_limit": args.rate_limit,
        "rate_window_s": args.rate_window,
        "per_page_default": args.per_page_default,
        "per_page_max": args.per_page_max,
    }
    if source.is_dir():
        if source.resolve() == report_dir.resolve():
            raise ConfigError(f"auditing {source} would overwrite it: choose another --report-dir")
        recorded = read_report(source, parameters)
    elif source.exists():
        names = (
            args.api_key_env or defaults["api_key_env"],
            args.second_api_key_env or defaults["second_api_key_env"],
        )
        keys = {f"${name}": os.environ.get(name, "") for name in names}
        recorded = read_traffic(source, keys, parameters)
    else:
        raise ConfigError(f"{source} does not exist")
    # the reports of an earlier run or audit in report_dir stay, unless --overwrite
    replacing = claim_report_dir(report_dir, overwrite=bool(args.overwrite))
    if replacing is not None:
        print(replacing, file=sys.stderr)
    document = audit(recorded, report_dir)
    counts = document["summary"]
    print(f"verdict: {document['verdict']} (an audit of recorded traffic: no request was sent)")
    # an audit judges all the traffic shows: nothing in it is ever "not selected"
    print("requirements: " + ", ".join(f"{counts[k]} {k}" for k in counts if k != NOT_SELECTED))
    print(f"exchanges judged: {len(recorded.exchanges)}; reports in {report_dir}")
    for requirement in document["requirements"]:
        if requirement["status"] == "fail":
            print(f"FAIL  {requirement['id']:<8} {requirement['reason'].splitlines()[0]}")
    sys.stdout.flush()
    return gate_exit_code(document)
