"""conformance.report stays light: importing it brings in neither pytest nor the HTTP layer
(its ``__all__`` is pinned in tests/test_parts.py)."""

from __future__ import annotations

import subprocess
import sys


def test_the_report_package_does_not_import_pytest_or_the_http_layer() -> None:
    code = (
        "import sys, conformance.report; "
        "print(sorted(m for m in ('pytest', 'httpx', 'conformance.http', 'conformance.plugin') "
        "if m in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
