"""Whole-file writes: a temporary file in the target directory, then an atomic rename."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from conformance.errors import ConfigError


def prepare_directory(directory: Path) -> None:
    """Create ``directory`` if needed; ConfigError when it cannot be made or written."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(
            f"cannot create report directory {directory}: {exc.strerror or exc}"
        ) from None
    if not os.access(directory, os.W_OK | os.X_OK):
        raise ConfigError(f"report directory {directory} is not writable")


def write_text_atomically(path: Path, text: str) -> Path:
    """Write ``text`` to ``path`` so a reader sees the old file or the whole new one, never half."""
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    except OSError as exc:
        raise ConfigError(f"cannot write report {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())
        # mkstemp creates the file 0600; reports are meant to be read by others (CI artefacts).
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise ConfigError(f"cannot write report {path}: {exc.strerror or exc}") from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return path
