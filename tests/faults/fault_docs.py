"""The fault matrix as Markdown, generated from the catalogue: ``docs/FAULTS.md``.

Regenerate with ``python -m tests.faults.fault_docs > docs/FAULTS.md``; a test keeps the
file equal to this output, and ``tests/faults`` proves every row's "caught" in CI. It lives beside
the matrix rather than in the reference server, which never imports the catalogue.
"""

from __future__ import annotations

from conformance.catalogue import load_catalogue
from conformance.reference.faults import FAULTS

HEADER = """# The fault matrix

Each row is a realistic mistake the reference server can be switched to make
(`plane-conformance serve --fault NAME`). `tests/faults/test_matrix.py` runs the whole suite
against the server with that one fault and asserts that every requirement in *breaks* fails and
that no requirement, MUST or SHOULD, outside *breaks* and *may also break* fails; against the
clean server nothing fails. CI runs the matrix on every change, so every row below marked caught
is caught, or nothing lands. A row not caught models a real server's behaviour that the suite
sends nothing to (a preset keeps it for its clients), and says so. The complement, behaviours
the documentation allows (`serve --variation NAME`), must leave the suite conformant:
`tests/variations/` proves it.

Generated from `conformance/reference/faults.py` by `python -m tests.faults.fault_docs`.
"""


def fault_matrix_markdown() -> str:
    catalogue = load_catalogue()
    lines = [
        HEADER,
        "| fault | what it breaks | expected to fail | may also fail | caught |",
        "|---|---|---|---|---|",
    ]
    for fault in FAULTS:
        lines.append(
            f"| `{fault.name}` | {fault.summary} | {', '.join(fault.breaks)} | "
            f"{', '.join(fault.may_also_break) or '-'} | "
            f"{'no: ' + fault.unprobed if fault.unprobed else 'yes'} |"
        )
    covered = {rid for fault in FAULTS for rid in fault.breaks}
    lines += [
        "",
        "## Requirements and the faults that prove their checks",
        "",
        "| requirement | level | faults |",
        "|---|---|---|",
    ]
    for requirement in catalogue:
        names = [f"`{f.name}`" for f in FAULTS if requirement.id in f.breaks]
        lines.append(
            f"| {requirement.id} {requirement.title} | {requirement.level} | "
            f"{', '.join(names) or '**none**'} |"
        )
    uncovered = len(catalogue.ids - covered)
    lines += [
        "",
        f"{len(FAULTS)} faults; {len(catalogue) - uncovered} of {len(catalogue)} "
        "requirements are the expected failure of at least one fault.",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    print(fault_matrix_markdown(), end="")
