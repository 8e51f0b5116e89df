"""fleet.html: one self-contained page (inline CSS, nothing fetched) from fleet.json: the fleet's
verdict, a row per target (verdict, exit code, requests, duration, the link to its report, why)
and the matrix of targets by requirements, each cell linking to the requirement in the target's
report. Names, URLs and reasons come from files anyone may have written: autoescaping is on.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from types import MappingProxyType
from typing import Any

import jinja2

from conformance.fleet.progress import duration
from conformance.report.html import template_environment

SYMBOLS = MappingProxyType(
    {
        "pass": "\u2713",
        "fail": "\u2717",
        "warning": "!",
        "waived": "W",
        "error": "E",
        "skip": "S",
        "untested": "?",
        "not-selected": "\u00b7",
    }
)


def cell_class(cell: Mapping[str, Any]) -> str:
    """How a cell shows: its status, ``warning`` for a SHOULD that failed, ``waived`` for a
    waived failure."""
    if cell["status"] == "fail":
        if cell.get("waived"):
            return "waived"
        return "warning" if cell.get("severity") == "warning" else "fail"
    return str(cell["status"]).replace(" ", "-")


def explanation(document: Mapping[str, Any]) -> str:
    """One sentence: how many targets have each verdict."""
    targets = document["targets"]
    counts = [f"{n} {verdict}" for verdict, n in document["summary"].items() if n]
    total = f"{len(targets)} target{'' if len(targets) == 1 else 's'}"
    return f"{total}: {', '.join(counts)}. The fleet's verdict is the worst of its targets'."


def render_fleet_html(document: Mapping[str, Any]) -> str:
    template = _environment().get_template("fleet.html.j2")
    return template.render(
        doc=document, explanation=explanation(document), cell_class=cell_class, symbols=SYMBOLS
    )


@cache  # one environment a process: building it costs more than a render
def _environment() -> jinja2.Environment:
    environment = template_environment("conformance.fleet")
    environment.filters["seconds"] = duration
    return environment
