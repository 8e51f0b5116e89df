"""One ``plane-conformance run`` from settings to exit code: check, start, run, summarise."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, nullcontext
from typing import TextIO

import pytest

from conformance.errors import HarnessError
from conformance.http import SYSTEM_CLOCK, Clock, Network
from conformance.plugin.selection import nothing_to_rerun, previous_report
from conformance.runner.display import RunDisplay
from conformance.runner.embedded import TargetInfo, embedded_target
from conformance.runner.invocation import REPORT_FILES, run_pytest
from conformance.runner.preflight import check_files, check_target, probe_target
from conformance.settings import MAX_SEED, SuiteSettings

EXIT_INTERRUPTED = 130
EXIT_USAGE = 2


def execute(
    settings: SuiteSettings,
    stream: TextIO,
    *,
    clock: Clock = SYSTEM_CLOCK,
    environ: Mapping[str, str] | None = None,
    results: TextIO | None = None,
) -> int:
    """Run the suite as ``settings`` say; progress goes to ``stream``, the summary to
    ``results`` (the CLI's stdout; ``stream`` too when not given). ``clock`` is the time of the
    run, and of the embedded server when there is one; the keys of a --target are read from
    ``environ`` (this process's environment unless given).

    Raises HarnessError (exit 2, one line) for anything that stops the run from starting.
    """
    environ = os.environ if environ is None else environ
    # before the first request: a --last-failed run may have nothing to re-run
    rerun = nothing_to_rerun(
        settings.only, previous_report(settings.last_failed, settings.report_dir)
    )
    if rerun is not None:
        RunDisplay(stream, results=results).result(rerun)
        return 0
    with (
        _uncaptured(stream) as display_stream,
        _uncaptured(results) if results is not None else nullcontext() as results_stream,
        _target(settings, clock, environ) as target,
    ):
        display = RunDisplay(display_stream, results=results_stream)
        seed = settings.seed if settings.seed is not None else secrets.randbelow(MAX_SEED + 1)
        kind = "embedded reference server" if target.embedded else "target"
        display.line(f"{kind}: {target.base_url} (workspace {target.workspace})")
        for text, style in connection_lines(target.network):
            display.line(text, style)
        display.line(f"seed {seed} (replay with --seed {seed})")
        pytest_code = run_pytest(settings, target, seed, display, clock)
        return run_exit_code(settings, display, pytest_code)


def connection_lines(network: Network | None) -> list[tuple[str, str]]:
    """What the person at the terminal must know of the way to the target (text, style)."""
    if network is None:
        return []
    lines = []
    proxy = network.proxy
    if proxy is not None:
        how = "a CONNECT tunnel" if proxy.tunnel else "in clear text, API key included"
        lines.append((f"through the proxy {proxy.shown} (from {proxy.source}): {how}", ""))
    if not network.verified:
        lines.append(
            ("TLS is not verified (--insecure): the key goes to whoever answers", "bold red")
        )
    return lines


@contextmanager
def _uncaptured(stream: TextIO) -> Iterator[TextIO]:
    """A second handle on ``stream``'s file descriptor: pytest captures fd 2 while a test runs,
    and the display must still reach the terminal then (waits, the live countdown)."""
    try:
        descriptor = stream.fileno()
    except (AttributeError, OSError, ValueError):  # not a real file: a test's StringIO
        yield stream
        return
    stream.flush()
    duplicate = open(  # noqa: SIM115 -- closed by the with block below
        os.dup(descriptor),
        "w",
        encoding=getattr(stream, "encoding", None) or "utf-8",
        errors="replace",
        buffering=1,
    )
    with duplicate:
        yield duplicate


@contextmanager
def _target(
    settings: SuiteSettings, clock: Clock, environ: Mapping[str, str]
) -> Iterator[TargetInfo]:
    """Check everything, then yield the target: the embedded server or the probed --target."""
    if settings.target is None:
        check_files(settings)
        with embedded_target(settings, clock) as target:
            yield target
        return
    http, keys, network = check_target(settings, settings.target, environ)
    check_files(settings)
    probe_target(http, keys, network)
    yield TargetInfo(
        base_url=http.base_url,
        workspace=settings.workspace,
        project=settings.project,
        embedded=False,
        keys=keys,
        network=network,
    )


def run_exit_code(
    settings: SuiteSettings, display: RunDisplay, pytest_code: int | pytest.ExitCode
) -> int:
    """The exit code once pytest is done: 130 after Ctrl-C or SIGTERM, else the gate's code
    for the final document (the verdict's, or the baseline comparison's)."""
    from conformance.report import gate_exit_code

    document = display.document
    if document is None:
        if display.interrupted:
            display.line("interrupted before the report was written")
            return EXIT_INTERRUPTED
        if pytest_code == pytest.ExitCode.USAGE_ERROR:
            return EXIT_USAGE  # pytest showed the plugin's one line (--operation, --openapi)
        raise HarnessError(
            f"the suite stopped before writing a report (pytest exit code {int(pytest_code)})"
        )
    reports = [settings.report_dir / name for name in REPORT_FILES]
    display.summary(document, [path for path in reports if path.exists()])
    if display.interrupted:
        return EXIT_INTERRUPTED
    return gate_exit_code(document)
