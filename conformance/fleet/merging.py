"""``merge``'s rows: each report directory verified against its manifest (``verify``'s own code)
before anything of it is shown; one that does not verify is a row saying so, with what differs,
and none of its statuses enters the matrix."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from conformance.audit.verification import verify
from conformance.errors import ConfigError, HarnessError
from conformance.fleet.rows import TargetRow, read_compliance, reported_row, unverified_row
from conformance.report import gate_exit_code


def merged_rows(directories: Sequence[Path], public_key: Path | None) -> tuple[TargetRow, ...]:
    """A row per directory, named by the directory; ConfigError (one line) for an argument that
    is no directory, or two of the same name."""
    names: dict[str, Path] = {}
    for directory in directories:
        if not directory.is_dir():
            raise ConfigError(f"{directory} is not a directory")
        name = directory.resolve().name
        if name in names:
            raise ConfigError(
                f"{names[name]} and {directory} are both named {name!r}: a fleet names each "
                "target once (rename one directory)"
            )
        names[name] = directory
    return tuple(merged_row(name, directory, public_key) for name, directory in names.items())


def merged_row(name: str, directory: Path, public_key: Path | None) -> TargetRow:
    """The row of one report directory: verified, then read; else unverified, saying why."""
    try:
        differences, _notes, _summary = verify(directory, public_key)
    except HarnessError as exc:  # no manifest, not JSON, another version: unreadable
        differences = [str(exc)]
    try:
        document = read_compliance(directory)
    except ConfigError as exc:
        if not differences:
            differences = [str(exc)]
        document = None
    if differences or document is None:
        return unverified_row(name, directory, differences, document)
    return reported_row(name, directory, document, gate_exit_code(document), verified=True)
