"""The suite run itself: ``pytest.main`` in-process, isolated from the user's pytest setup, with
SIGTERM turned into Ctrl-C so the plugin writes a partial report and deletes its scratch project.
The settings go to the suite as ``--plane-*`` options, the keys as an object (``RunInputs``).
"""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from types import FrameType

import pytest

from conformance.http import Clock
from conformance.plugin.inputs import RunInputs
from conformance.runner.display import RunDisplay
from conformance.runner.embedded import TargetInfo
from conformance.settings import SuiteSettings, plugin_args

SUITE = "conformance.suite"
PYTEST_REPORT = "pytest-report.html"
REPORT_FILES = (
    "compliance.json",
    "compliance.html",
    "junit.xml",
    PYTEST_REPORT,
    "badge.svg",
    "exchanges.jsonl",
    "manifest.json",
)
# Variables through which a user's environment would add options or plugins to the run.
ISOLATED_VARIABLES = ("PYTEST_ADDOPTS", "PYTEST_PLUGINS")


def pytest_args(settings: SuiteSettings, target: TargetInfo, seed: int, ini: Path) -> list[str]:
    """The command line of the suite run; it names key variables, never keys."""
    suite_dir = str(Path(str(resources.files(SUITE))))
    run = replace(
        settings,
        target=target.base_url,
        workspace=target.workspace,
        project=target.project,
        seed=seed,
    )
    return [
        "--pyargs", SUITE,
        "-c", str(ini),
        # the suite's own folder: short, stable node ids, and no conftest.py from above it
        "--rootdir", suite_dir,
        "--confcutdir", suite_dir,
        "-p", "no:cacheprovider",
        "-p", "no:schemathesis",
        # the display is the interface; pytest's own lines would interleave with it
        "-p", "no:terminal",
        "--strict-markers",
        "--html", str(settings.report_dir / PYTEST_REPORT), "--self-contained-html",
        *plugin_args(run),
    ]  # fmt: skip


def run_pytest(
    settings: SuiteSettings, target: TargetInfo, seed: int, display: RunDisplay, clock: Clock
) -> int | pytest.ExitCode:
    """Run the suite; the result is in ``display.document`` (None if it never got that far)."""
    with ExitStack() as stack:
        ini = stack.enter_context(resources.as_file(resources.files(__package__) / "pytest.ini"))
        stack.enter_context(_without_variables(ISOLATED_VARIABLES))
        stack.enter_context(sigterm_interrupts())
        try:
            inputs = RunInputs(
                keys=target.keys,
                clock=clock,
                embedded=target.embedded,
                network=target.network,
                one_user=target.embedded,
            )
            args = pytest_args(settings, target, seed, ini)
            return pytest.main(args, plugins=[display, inputs])
        finally:
            display.stop()


@contextmanager
def _without_variables(names: tuple[str, ...]) -> Iterator[None]:
    saved = {name: os.environ.pop(name) for name in names if name in os.environ}
    try:
        yield
    finally:
        os.environ.update(saved)


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


@contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """SIGTERM raises KeyboardInterrupt in the main thread for the block (signal handlers can
    only be set there; elsewhere the block runs unchanged)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGTERM, _interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)
