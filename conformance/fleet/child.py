"""One target of a fleet as a child ``plane-conformance run`` process.

A child, not the suite in this process: pytest keeps global state, one run to a process, and a
run spends its time waiting on its target's rate limit, so twenty children on two cores take
about as long as the slowest one. The child's settings go in its environment, as
``PLANE_CONFORMANCE_<NAME>`` variables (never its command line, which any user of the machine
may read: a proxy URL can carry credentials); the user's own such variables and
``plane-conformance.toml`` are kept from it, so the fleet file alone decides. Keys stay in the
variables the settings name, which the child inherits: this process never reads one. A child
inherits only its own target's key variables: those that other targets of the fleet name are
left out of its environment (``key_variables``), so a run can never send another target's key,
whatever its settings say. The child
runs in a session of its own, so Ctrl-C at the terminal reaches the fleet only, and the fleet
passes exactly one interrupt on to each child (a second one would make it leave its scratch
project).
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Collection, Mapping
from pathlib import Path

from conformance.fleet.fleet_file import FleetTarget
from conformance.runner.settings import CONFIG_ENV
from conformance.settings import ENV_PREFIX, SETTINGS, SuiteSettings

ERROR_MARK = "plane-conformance run: error: "
_TAIL = 20


def key_variables(settings: SuiteSettings) -> frozenset[str]:
    """The names of the variables a run reads its keys from."""
    return frozenset({settings.api_key_env, settings.second_api_key_env, *settings.more_key_envs})


def child_environment(
    settings: SuiteSettings,
    environ: Mapping[str, str],
    empty_config: Path,
    foreign_keys: Collection[str] = (),
) -> dict[str, str]:
    """The child's environment: ``environ`` without its ``PLANE_CONFORMANCE_*`` variables and
    without ``foreign_keys`` (the key variables of the fleet's other targets) unless its own
    settings name them, then one ``PLANE_CONFORMANCE_*`` variable per setting that differs from
    its default; the config file an empty one (so no ``plane-conformance.toml`` in the working
    directory is read)."""
    left_out = frozenset(foreign_keys) - key_variables(settings)
    child = {k: v for k, v in environ.items() if not k.startswith(ENV_PREFIX) and k not in left_out}
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        if value is None or value == setting.default:
            continue
        if isinstance(value, bool):
            child[setting.env] = "true" if value else "false"
        elif isinstance(value, tuple):
            child[setting.env] = ",".join(value)
        elif isinstance(value, Path):
            child[setting.env] = str(value.resolve())
        else:
            child[setting.env] = str(value)
    child[CONFIG_ENV] = str(empty_config)
    return child


class TargetRun:
    """A target's child run: its state, its last line of progress, its end. The fleet's worker
    thread calls ``run``; the display thread reads the attributes."""

    def __init__(self, target: FleetTarget) -> None:
        self.target = target
        self.state = "waiting"  # then: running, done
        self.line = ""
        self.started: float | None = None
        self.ended: float | None = None
        self.code: int | None = None
        self.tail: deque[str] = deque(maxlen=_TAIL)
        self._process: subprocess.Popen[str] | None = None
        self._lock = threading.Lock()
        self._interrupts = 0

    @property
    def name(self) -> str:
        return self.target.name

    @property
    def elapsed_s(self) -> float | None:
        if self.started is None:
            return None
        return (self.ended if self.ended is not None else time.monotonic()) - self.started

    def run(
        self, environ: Mapping[str, str], empty_config: Path, foreign_keys: Collection[str] = ()
    ) -> int:
        """Start the child, follow its progress (stderr, line by line) and wait for it: its exit
        code. Returns at once, 130, when the fleet was interrupted before it started.
        ``foreign_keys``: the other targets' key variables, kept from the child."""
        with self._lock:
            if self._interrupts:
                self.state, self.code = "done", 130
                self.line = "not started: the fleet was interrupted"
                return 130
            self.started = time.monotonic()
            self.state = "running"
            self._process = subprocess.Popen(
                [sys.executable, "-m", "conformance", "run"],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,  # the summary is in compliance.json
                stderr=subprocess.PIPE,
                env=child_environment(self.target.settings, environ, empty_config, foreign_keys),
                text=True,
                encoding="utf-8",
                errors="replace",
                start_new_session=os.name == "posix",
            )
        process = self._process
        assert process.stderr is not None
        for raw in process.stderr:
            line = raw.rstrip()
            if line:
                self.tail.append(line)
                self.line = line
        self.code = process.wait()
        self.ended = time.monotonic()
        self.state = "done"
        return self.code

    def interrupt(self) -> None:
        """Pass one interrupt on to the child (a second call, a second one: the child then
        leaves its scratch project); one that has not started never will."""
        with self._lock:
            self._interrupts += 1
            process = self._process
        if process is not None and process.poll() is None:
            process.send_signal(signal.SIGINT)

    def error_line(self) -> str:
        """Why the run stopped before its report: the child's one-line error, else its last
        line of output."""
        for line in reversed(self.tail):
            if line.startswith(ERROR_MARK):
                return line.removeprefix(ERROR_MARK)
        if self.tail:
            return self.tail[-1]
        return f"the run ended with exit code {self.code} and said nothing"
