"""The fleet's progress display: one line per target (its state, elapsed time and the last line
its run printed), live on a terminal; elsewhere (CI logs) a line as each target starts and ends.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TextIO

from rich.console import Console, ConsoleOptions, RenderResult
from rich.live import Live
from rich.table import Table
from rich.text import Text

from conformance.fleet.child import TargetRun

_CODE_WORDS = {
    0: ("conformant", "bold green"),
    1: ("non-conformant", "bold red"),
    2: ("could not start", "bold red"),
    3: ("incomplete", "yellow"),
    130: ("interrupted", "yellow"),
}


def duration(seconds: float) -> str:
    """``42.0 s`` under a minute, else ``2 min 16 s`` (as ``run`` says it)."""
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s"


def ended_words(code: int | None) -> tuple[str, str]:
    """How a finished target's exit code reads (words, style)."""
    if code is None:
        return "", ""
    return _CODE_WORDS.get(code, (f"exit code {code}", "bold red"))


class _Lines:
    """The live renderable: the table as it is now."""

    def __init__(self, runs: Sequence[TargetRun]) -> None:
        self.runs = runs

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        table = Table.grid(padding=(0, 1))
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True)
        table.add_column(no_wrap=True, justify="right")
        table.add_column(no_wrap=True, overflow="ellipsis", ratio=1)
        for run in self.runs:
            elapsed = run.elapsed_s
            if run.state == "done":
                words, style = ended_words(run.code)
                state = Text(words, style=style)
            else:
                state = Text(run.state, style="cyan" if run.state == "running" else "dim")
            table.add_row(
                Text(run.name, style="bold"),
                state,
                duration(elapsed) if elapsed is not None else "",
                Text(run.line, style="dim"),
            )
        yield table


class FleetProgress:
    """One line per target on ``stream`` (stderr)."""

    def __init__(self, stream: TextIO, runs: Sequence[TargetRun], *, live: bool | None = None):
        self.console = Console(file=stream, soft_wrap=False, highlight=False, force_terminal=live)
        self.runs = runs
        self._live: Live | None = None
        self._seen: dict[str, str] = {}

    def start(self) -> None:
        if self.console.is_terminal:
            self._live = Live(
                _Lines(self.runs), console=self.console, refresh_per_second=4, transient=False
            )
            self._live.start()

    def tick(self) -> None:
        """Called a few times a second: off a terminal, a line for each start and each end."""
        if self._live is not None:
            return
        for run in self.runs:
            if self._seen.get(run.name) == run.state:
                continue
            self._seen[run.name] = run.state
            if run.state == "running":
                self.console.print(Text(f"{run.name}: started ({run.target.settings.target})"))
            elif run.state == "done":
                words, style = ended_words(run.code)
                took = f" in {duration(run.elapsed_s)}" if run.elapsed_s is not None else ""
                self.console.print(Text(f"{run.name}: {words}{took}", style=style))

    def stop(self) -> None:
        if self._live is not None:
            self._live.refresh()
            self._live.stop()
            self._live = None
        else:
            self.tick()

    def line(self, text: str, style: str = "") -> None:
        self.console.print(Text(text, style=style))
