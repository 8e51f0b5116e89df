"""One run of the suite against one target: fixtures, ordering, outcomes and the reports."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import time
from collections.abc import Generator
from typing import Any

import pytest

from conformance import __version__
from conformance.catalogue import load_catalogue
from conformance.checks import Checker, Violations
from conformance.errors import ConfigError, ConformanceError
from conformance.http import (
    ClientSettings,
    Recorder,
    Redactor,
    RequestStats,
    Waiter,
    build_client,
    resolve_keys,
)
from conformance.plugin.markers import requirement_ids
from conformance.plugin.outcomes import (
    Decisions,
    outcome_for_failure,
    outcome_for_pass,
    redacted,
)
from conformance.plugin.progress import find_sink
from conformance.plugin.settings import SuiteSettings, settings_from
from conformance.plugin.target import Target
from conformance.report import (
    RunInfo,
    TestOutcome,
    apply_baseline,
    apply_waivers,
    build_document,
    load_baseline,
    load_waivers,
    write_reports,
)

AREA_ORDER = ("AUTH", "FMT", "HTTP", "FLD", "PAG", "RATE")
SETUP_REQUESTS = {"scratch": 8, "read-only": 6}
DOCUMENT_KEY = pytest.StashKey[dict[str, Any]]()
SESSION_KEY = pytest.StashKey["SessionPlugin"]()
MARK_KEY = pytest.StashKey[int]()
START_KEY = pytest.StashKey[float]()
CHECKER_KEY = pytest.StashKey[Checker]()


def _area(item: pytest.Item) -> str:
    ids = requirement_ids(item)
    return ids[0].split("-")[0] if ids else ""


def _order(item: pytest.Item) -> tuple[int, int]:
    area = _area(item)
    after_all = item.get_closest_marker("after_all") is not None
    return (int(after_all), AREA_ORDER.index(area) if area in AREA_ORDER else len(AREA_ORDER))


class SessionPlugin:
    """Registered by the plugin when a target is given; owns the client and the outcomes."""

    def __init__(self, config: pytest.Config) -> None:
        try:
            self.settings: SuiteSettings = settings_from(config)
            client_settings = ClientSettings(
                base_url=self.settings.target,
                api_key_env=self.settings.api_key_env,
                second_api_key_env=self.settings.second_api_key_env,
                timeout=self.settings.timeout,
                max_wait_s=self.settings.max_wait,
                rate_window_s=self.settings.rate_window,
            )
            keys = resolve_keys(client_settings, os.environ)
        except ConfigError as exc:
            raise pytest.UsageError(str(exc)) from None
        self.config = config
        self.sink = find_sink(config)
        self.recorder = Recorder()
        self.stats = RequestStats()
        waiter = Waiter(self.stats, on_wait=self._on_wait, max_wait_s=self.settings.max_wait)
        client = build_client(
            client_settings, keys, recorder=self.recorder, stats=self.stats, waiter=waiter
        )
        self.target = Target(self.settings, keys, client, self.recorder, self.stats, waiter)
        self.outcomes: list[TestOutcome] = []
        self.cleanup_left: list[str] = []
        self.notes: list[str] = []
        self.started = time.time()
        self.placeholders = tuple(keys.secrets())
        self.redact = Redactor(keys.secrets()).redact
        config.stash[SESSION_KEY] = self
        from conformance.plugin import fixtures

        config.pluginmanager.register(fixtures, "plane-conformance-fixtures")
        if config.pluginmanager.has_plugin("html"):
            from conformance.report import pytest_html

            config.pluginmanager.register(pytest_html, "plane-conformance-html")

    def _on_wait(self, seconds: float, reason: str) -> None:
        self.sink.waiting(seconds=seconds, reason=reason)

    # collection -------------------------------------------------------------------------------
    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        items.sort(key=_order)  # stable: tests keep their order within an area
        if self.settings.read_only:
            skip = pytest.mark.skip(reason="needs writes; the run is --read-only")
            for item in items:
                if item.get_closest_marker("writes") is not None:
                    item.add_marker(skip)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        before_rate = self._estimate(session.items)
        limit, window = self.settings.rate_limit, self.settings.rate_window
        # The RATE tests spend what is left of the last window, then one 429, the second key,
        # one request after the reset and the cleanup.
        windows = -(-max(before_rate, 1) // limit)
        self.sink.started(
            tests=len(session.items),
            estimate=windows * limit + 3,
            estimate_s=windows * window + before_rate * 0.05,
            seed=self.settings.seed,
        )

    def _estimate(self, items: list[pytest.Item]) -> int:
        total = SETUP_REQUESTS["read-only" if self.settings.read_only else "scratch"]
        for item in items:
            marker = item.get_closest_marker("budget")
            if marker is not None and not any(m.name == "skip" for m in item.iter_markers()):
                total += int(marker.args[0] if self.settings.full else marker.args[1])
        return total

    # running ----------------------------------------------------------------------------------
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        item.stash[MARK_KEY] = self.recorder.mark()
        item.stash[START_KEY] = time.monotonic()
        self.sink.test_started(nodeid=item.nodeid, area=_area(item), stats=self.stats.snapshot())
        return (yield)

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> Generator[None, Any, Any]:
        checker = pyfuncitem.funcargs.get("check")
        if isinstance(checker, Checker):
            pyfuncitem.stash[CHECKER_KEY] = checker
        try:
            result = yield
        except Exception as exc:
            # Findings made before the test was cut short (a timeout, a reset) still stand.
            if (
                isinstance(checker, Checker)
                and checker.findings
                and not isinstance(exc, Violations)
            ):
                raise Violations(checker.findings, checker.evaluated, cut_short=exc) from exc
            raise
        if isinstance(checker, Checker):
            checker.raise_if_failed()
        return result

    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_makereport(
        self, item: pytest.Item, call: pytest.CallInfo[None]
    ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
        report = yield
        outcomes = [redacted(o, self.redact) for o in self._outcomes(item, call, report)]
        for outcome in outcomes:
            for evidence in outcome.evidence:
                report.user_properties.append(("conformance_evidence", evidence))
        self.outcomes.extend(outcomes)
        return report

    def _outcomes(
        self, item: pytest.Item, call: pytest.CallInfo[None], report: pytest.TestReport
    ) -> list[TestOutcome]:
        ids = requirement_ids(item)
        if not ids:
            return []
        doc = inspect.getdoc(getattr(item, "obj", None)) or ""
        base: dict[str, Any] = {
            "nodeid": item.nodeid,
            "name": item.name,
            "doc": doc,
            "requirements": ids,
        }
        duration = time.monotonic() - item.stash.get(START_KEY, time.monotonic())
        if report.skipped and report.when in ("setup", "call"):
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else "skipped"
            return [
                TestOutcome(
                    outcome="skipped",
                    message=str(reason).removeprefix("Skipped: "),
                    duration_s=duration,
                    **base,
                )
            ]
        decisions = Decisions.of(item.stash.get(CHECKER_KEY, None))
        if report.when == "call" and report.passed:
            return outcome_for_pass(decisions=decisions, duration_s=duration, **base)
        if report.failed and report.when in ("setup", "call") and call.excinfo is not None:
            exc = call.excinfo.value
            if report.when == "setup" and not isinstance(exc, ConformanceError):
                exc = RuntimeError(f"setup failed: {exc}")
            return outcome_for_failure(
                nodeid=item.nodeid,
                name=item.name,
                doc=doc,
                requirements=ids,
                exc=exc,
                tail=self.recorder.since(item.stash.get(MARK_KEY, 0)),
                placeholders=self.placeholders,
                seed=self.settings.seed,
                duration_s=duration,
                decisions=decisions,
            )
        return []

    # the end ----------------------------------------------------------------------------------
    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        stats = self.stats.snapshot()
        run = RunInfo(
            tool_version=__version__,
            base_url=self.settings.target,
            workspace=self.settings.workspace,
            project=self.settings.project or "",
            embedded=self.settings.embedded,
            profile=self.settings.profile,
            seed=self.settings.seed,
            parameters=self.settings.parameters,
            started_at=dt.datetime.fromtimestamp(self.started, dt.UTC).isoformat(
                timespec="seconds"
            ),
            duration_s=round(time.time() - self.started, 3),
            requests_total=stats.total,
            requests_throttled=stats.throttled,
            waited_s=round(stats.waited_s, 3),
            interrupted=exitstatus == pytest.ExitCode.INTERRUPTED,
            cleanup_ok=not self.cleanup_left,
            cleanup_left=tuple(self.cleanup_left),
            notes=(*self.notes, *self._absence_notes(), *stats.notes),
        )
        document = build_document(run, self.outcomes, load_catalogue())
        document["requests"]["keyed"] = self.valid_keyed()
        document = self._gate(document)
        session.config.stash[DOCUMENT_KEY] = document
        try:
            write_reports(document, self.settings.report_dir)
        except ConfigError as exc:
            session.config.stash[DOCUMENT_KEY]["notes"].append(f"reports not written: {exc}")
            raise pytest.UsageError(str(exc)) from None
        self.sink.finished(document=document, stats=stats)
        self.target.client.close()

    def _absence_notes(self) -> list[str]:
        """Endpoints the target does not have: no verdict rests on them but the 404 checks'."""
        return [
            f"endpoint absent on the target, so not judged: {path} ({evidence})"
            for path, evidence in self.target.absent.items()
        ]

    def valid_keyed(self) -> int:
        """Requests that carried a valid key in X-API-Key: what the target's rate limit counts
        (the HTTP layer's ``keyed`` also counts the deliberately invalid keys of AUTH-02)."""
        return sum(
            1 for e in self.recorder.exchanges if e.request_header("X-API-Key") in self.placeholders
        )

    def _gate(self, document: dict[str, Any]) -> dict[str, Any]:
        if self.settings.waivers is not None:
            waivers = load_waivers(self.settings.waivers, load_catalogue().ids)
            document = apply_waivers(document, waivers, dt.date.today(), self.settings.waivers)
        if self.settings.baseline is not None:
            baseline = load_baseline(self.settings.baseline)
            document = apply_baseline(document, baseline, self.settings.baseline)
        return document
