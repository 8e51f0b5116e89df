"""A folder made once per test session and shared by every pytest-xdist worker.

``shared_folder(tmp_path_factory, name, make)`` returns the folder ``name``, which ``make(folder)``
filled the first time any worker of the session asked for it; every later ask, in that worker or
another, gets the same folder without making it again. The workers of one session share the
parent of their base temporary directories (``popen-gw0``, ``popen-gw1``, ... inside the
session's own); a lock file there lets one worker make a folder while the others wait for it.
A module-scoped fixture alone would make it once on every worker that runs one of its tests.

Whoever uses a shared folder reads it; a test that changes it works on a copy. A ``make`` that
raises leaves nothing behind: the next ask makes the folder afresh.
"""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest


def session_directory(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The temporary directory of the whole session: under xdist the parent of this worker's."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


def shared_folder(
    tmp_path_factory: pytest.TempPathFactory, name: str, make: Callable[[Path], object]
) -> Path:
    """The folder ``name`` of this session, made by ``make`` if no worker has made it yet."""
    root = session_directory(tmp_path_factory) / "shared"
    root.mkdir(exist_ok=True)
    folder, made = root / name, root / f"{name}.made"
    with (root / f"{name}.lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            try:
                make(folder)
            except BaseException:
                shutil.rmtree(folder, ignore_errors=True)
                raise
            made.touch()
    return folder
