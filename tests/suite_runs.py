"""Whole runs of the suite, in-process, against a reference server, on one fake clock.

``run_suite(config, tmp_path, *extra_args)`` serves ``config`` on a free port with the two keys of
``KEYS`` (whatever port and keys ``config`` names), runs the whole suite against it with
``pytest.main`` and returns the run's compliance.json as a dict. The server and the suite's HTTP
layer share a ``FakeClock``, so rate-limit windows pass at once and a run is the same every time;
the keys reach the suite as objects, so nothing touches the environment.

The suite is told the server's rate limit, window and page sizes, as ``plane-conformance run``
tells it about the embedded server; it runs with seed 1, a 5 s deadline per request and a wait
budget of 15 windows. ``extra_args`` come last, so they override any of that
(``"--plane-profile", "smoke"``, ``"--plane-rate-limit", "30"``). The reports are written to
``tmp_path / "report"``. ``clock`` replaces the default ``FakeClock()`` (one with a tick, say);
``plugins`` are registered with the inner run beside the inputs (a probe that watches it);
``one_user`` makes the keys one user's, as the embedded run's are (its requests then spread).

``sampled(config, tmp_path)`` gives the arguments that point a run at a part of the server's own
description, one GET operation of each kind (``SAMPLE_PATHS``), instead of all 54: the fault
matrix and the single variations use it, since each of their runs asks whether the suite sees
one behaviour, and every operation costs a run about 8 requests. Runs that stand for the whole
server (the clean one, every variation at once, the plane preset, discovery's own tests) keep
the whole description.

``shared_run(tmp_path_factory, config, *extra_args, sample=..., tick=...)`` is such a run made once
per test session, whichever worker and test asks first (``tests.shared_folder``): tests that ask
different questions of one run (the fault matrix and ``verify`` of the same fault, say) share it.
``read_run(folder)`` gives its compliance document.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import pytest

from conformance.http import Keys
from conformance.plugin.inputs import RunInputs
from conformance.reference import ServerConfig, running_server
from conformance.reference.description import document
from conformance.reference.routes import PREFIX
from conformance.reference.server import RunningServer
from conformance.settings import SuiteSettings, plugin_args
from tests.clock import FakeClock
from tests.shared_folder import shared_folder

KEYS = ("plane_api_" + "1" * 32, "plane_api_" + "2" * 32)
# How far the fault matrix's clock moves on at each reading (tests/faults/test_matrix.py says
# why); the other tests that read one of its runs ask for the same clock, and so share the run.
MATRIX_TICK = 0.01
WAIT_BUDGET_WINDOWS = 15
# One operation of each kind the description declares: the singleton, a workspace array, a
# workspace page, a lookup by identifier, the search (its numeric limit), a project, a list and
# a detail under it (labels: the detail a fault breaks), work items and their nested lists, a
# list under a module; and of the writes declared on those paths, those of ``SAMPLE_WRITES``.
SAMPLE_PATHS = (
    "/users/me/",
    "/workspaces/{slug}/members/",
    "/workspaces/{slug}/stickies/",
    "/workspaces/{slug}/work-items/{project_identifier}-{issue_identifier}/",
    "/workspaces/{slug}/work-items/search/",
    "/workspaces/{slug}/projects/{pk}/",
    "/workspaces/{slug}/projects/{project_id}/labels/",
    "/workspaces/{slug}/projects/{project_id}/labels/{pk}/",
    "/workspaces/{slug}/projects/{project_id}/work-items/",
    "/workspaces/{slug}/projects/{project_id}/work-items/{pk}/",
    "/workspaces/{slug}/projects/{project_id}/work-items/{issue_id}/comments/",
    "/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/",
    "/workspaces/{slug}/projects/{project_id}/archived-cycles/",
    # the paths of writes a fault breaks: a module's PATCH, a project's members (removed), its
    # intake (500s)
    "/workspaces/{slug}/projects/{project_id}/modules/",
    "/workspaces/{slug}/projects/{project_id}/modules/{pk}/",
    "/workspaces/{slug}/projects/{project_id}/members/",
    "/workspaces/{slug}/projects/{project_id}/members/{pk}/",
    "/workspaces/{slug}/projects/{project_id}/intake-issues/",
    "/workspaces/{slug}/projects/{project_id}/intake-issues/{issue_id}/",
)


# The writes a sampled run keeps (each costs it about 4 requests): a label made, changed and
# deleted, and those a fault breaks: a module's work items added and a module changed, a member
# added and removed, an intake item proposed and changed.
SAMPLE_WRITES = frozenset(
    {
        ("post", "/workspaces/{slug}/projects/{project_id}/labels/"),
        ("patch", "/workspaces/{slug}/projects/{project_id}/labels/{pk}/"),
        ("delete", "/workspaces/{slug}/projects/{project_id}/labels/{pk}/"),
        ("post", "/workspaces/{slug}/projects/{project_id}/modules/{module_id}/module-issues/"),
        ("post", "/workspaces/{slug}/projects/{project_id}/modules/"),
        ("patch", "/workspaces/{slug}/projects/{project_id}/modules/{pk}/"),
        ("post", "/workspaces/{slug}/projects/{project_id}/members/"),
        ("delete", "/workspaces/{slug}/projects/{project_id}/members/{pk}/"),
        ("post", "/workspaces/{slug}/projects/{project_id}/intake-issues/"),
        ("patch", "/workspaces/{slug}/projects/{project_id}/intake-issues/{issue_id}/"),
    }
)
WRITE_METHODS = ("post", "patch", "delete", "put")


def sampled(config: ServerConfig, tmp_path: Path) -> tuple[str, ...]:
    """``--plane-openapi FILE``: the server's description (with its variations) cut down to the
    operations of ``SAMPLE_PATHS`` that it declares, of their writes only ``SAMPLE_WRITES``."""
    whole = document(config.variations)
    paths: dict[str, Any] = {}
    for sample in SAMPLE_PATHS:
        item = whole["paths"].get(PREFIX + sample)
        if item is not None:
            paths[PREFIX + sample] = {
                key: value
                for key, value in item.items()
                if key not in WRITE_METHODS or (key, sample) in SAMPLE_WRITES
            }
    path = tmp_path / "sampled.openapi.json"
    path.write_text(json.dumps({**whole, "paths": paths}), encoding="utf-8")
    return ("--plane-openapi", str(path))


def run_suite(
    config: ServerConfig,
    tmp_path: Path,
    *extra_args: str,
    clock: FakeClock | None = None,
    plugins: Sequence[object] = (),
    one_user: bool = False,
) -> dict[str, Any]:
    """Serve ``config``, run the whole suite against it, return the compliance document."""
    clock = clock if clock is not None else FakeClock()
    shared = KEYS[1:] if one_user else ()
    config = replace(config, port=0, api_keys=KEYS[: len(KEYS) - len(shared)], shared_keys=shared)
    inputs = RunInputs(keys=Keys(primary=KEYS[0], secondary=KEYS[1]), clock=clock, embedded=True)
    with running_server(config, clock=clock.time) as server:
        report_dir = suite_on(server, config, tmp_path, inputs, *extra_args, plugins=plugins)
    document: dict[str, Any] = json.loads((report_dir / "compliance.json").read_text())
    return document


def suite_on(
    server: RunningServer,
    config: ServerConfig,
    tmp_path: Path,
    inputs: RunInputs,
    *extra_args: str,
    plugins: Sequence[object] = (),
    report: str = "report",
) -> Path:
    """Run the whole suite against ``server`` (serving ``config``) with ``inputs``; the reports
    go to ``tmp_path / report``, which is returned."""
    report_dir = tmp_path / report
    ini = tmp_path / "empty.ini"  # the inner run must not read the project's pytest settings
    ini.write_text("[pytest]\n", encoding="utf-8")
    settings = SuiteSettings(
        target=server.base_url,
        workspace=server.workspace,
        project=server.project_id,
        report_dir=report_dir,
        seed=1,
        rate_limit=config.rate_limit,
        rate_window=config.rate_window,
        per_page_default=config.per_page_default,
        per_page_max=config.per_page_max,
        timeout=5.0,
        max_wait=float(WAIT_BUDGET_WINDOWS * config.rate_window),
    )
    args = [
        "--pyargs", "conformance.suite",
        "-q", "--no-header",
        "-p", "no:cacheprovider",
        "-p", "no:schemathesis",
        f"--rootdir={tmp_path}",
        "-c", str(ini),
        *plugin_args(settings),
        *extra_args,
    ]  # fmt: skip
    pytest.main(args, plugins=[inputs, *plugins])
    return report_dir


def shared_run(
    tmp_path_factory: pytest.TempPathFactory,
    config: ServerConfig,
    *extra_args: str,
    sample: bool = False,
    tick: float = 0.0,
) -> Path:
    """The folder of ``run_suite(config, folder, *extra_args)`` (on the ``sampled`` description
    if ``sample``, on ``FakeClock(tick=tick)``), made once per test session: the same config,
    arguments and clock give the same folder in every worker. Its report is ``folder / "report"``;
    read it, and write nothing into the folder (copy it, audit it into a folder of your own)."""
    settings = {f.name: getattr(config, f.name) for f in fields(config)}
    key = json.dumps(
        [settings, extra_args, sample, tick],
        sort_keys=True,
        default=lambda value: sorted(value) if isinstance(value, frozenset) else str(value),
    )

    def make(folder: Path) -> None:
        description = sampled(config, folder) if sample else ()
        run_suite(config, folder, *description, *extra_args, clock=FakeClock(tick=tick))

    return shared_folder(
        tmp_path_factory, "run-" + hashlib.sha256(key.encode()).hexdigest()[:16], make
    )


def read_run(folder: Path) -> dict[str, Any]:
    """The compliance document of the run in ``folder``."""
    document: dict[str, Any] = json.loads((folder / "report" / "compliance.json").read_text())
    return document
