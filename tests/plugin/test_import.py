"""The plugin is cheap to import (pytest loads it in every run where the package is installed):
options and markers only, the run machinery when a target is given."""

from __future__ import annotations

import subprocess
import sys

HEAVY = ("conformance.plugin.session", "conformance.http", "conformance.report", "httpx",
         "hypothesis")  # fmt: skip


def test_importing_the_plugin_loads_no_run_machinery() -> None:
    code = (
        f"import sys, conformance.plugin; print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
