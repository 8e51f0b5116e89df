"""``python -m conformance`` is the ``plane-conformance`` command."""

from __future__ import annotations

from conformance.cli import main

raise SystemExit(main())
