"""``plane-conformance run`` as a separate process, as a user or CI starts it: the real clock,
real signals, and its output in files."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

# As in an interactive shell, Ctrl-C must raise KeyboardInterrupt even when the test process
# was itself started with SIGINT ignored (a background job inherits that).
CHILD = (
    "import signal, sys\n"
    "signal.signal(signal.SIGINT, signal.default_int_handler)\n"
    "from conformance.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def start_run(
    tmp_path: Path, args: Sequence[str], environ: Mapping[str, str]
) -> subprocess.Popen[bytes]:
    """``plane-conformance run ARGS`` in ``tmp_path``, its output into ``tmp_path / "stdout"``
    and ``tmp_path / "stderr"``."""
    with (tmp_path / "stdout").open("wb") as out, (tmp_path / "stderr").open("wb") as err:
        return subprocess.Popen(
            [sys.executable, "-c", CHILD, "run", *args],
            stdout=out,
            stderr=err,
            env=dict(environ),
            cwd=tmp_path,
        )
