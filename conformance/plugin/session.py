"""One run of the suite against one target, from the first hook to the reports: the session plugin
wires the parts together and leaves the work to them."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import secrets
import sys
import time
from collections.abc import Generator
from dataclasses import replace
from typing import Any

import pytest

from conformance import __version__
from conformance.audit import judge
from conformance.catalogue import load_catalogue
from conformance.checks import Checker, Violations
from conformance.errors import ConfigError, ConformanceError
from conformance.evidence import (
    EXCHANGES_JSONL,
    KeyRoles,
    RunFacts,
    Signer,
    load_signer,
    seal,
    stated_version,
    write_log,
)
from conformance.http import Redactor
from conformance.plugin import fixtures
from conformance.plugin.connect import connect, keys_needed
from conformance.plugin.coverage import Coverage
from conformance.plugin.described import certified_against, find_description
from conformance.plugin.estimate import Forecast, forecast
from conformance.plugin.inputs import find_inputs
from conformance.plugin.interop import interop_section
from conformance.plugin.markers import requirement_ids
from conformance.plugin.ordering import area, arrange, keyed_budget, operation_tests
from conformance.plugin.outcomes import (
    Decisions,
    outcome_for_failure,
    outcome_for_pass,
    redacted,
)
from conformance.plugin.progress import find_sink
from conformance.plugin.selection import deselect, nothing_to_rerun, previous_report, wanted
from conformance.plugin.stash import (
    CHECKER_KEY,
    COVERAGE_KEY,
    JOURNAL_KEY,
    MARK_KEY,
    START_KEY,
    TARGET_KEY,
    Journal,
)
from conformance.report import (
    Connection,
    Gate,
    RunInfo,
    Selection,
    TestOutcome,
    build_document,
    claim_report_dir,
    gate_exit_code,
    load_gate,
    write_reports,
)
from conformance.report.selection import NOT_SELECTED
from conformance.settings import MAX_SEED, MIN_WAIT_BUDGET, SuiteSettings, settings_from


class SessionPlugin:
    """Registered by the plugin when a target is given; owns the target and the outcomes."""

    def __init__(self, config: pytest.Config) -> None:
        inputs = find_inputs(config)
        try:
            given = settings_from(config)
            # the previous report, read before anything is sent or written
            failures = previous_report(given.last_failed, given.report_dir)
            # an earlier report is replaced only when asked (said below, once the sink is known)
            replacing = claim_report_dir(
                given.report_dir, overwrite=given.overwrite, rerun=given.last_failed
            )
            rerun = nothing_to_rerun(given.only, failures)
            if rerun is not None:
                pytest.exit(rerun, returncode=pytest.ExitCode.OK)
            self.seed = given.seed if given.seed is not None else secrets.randbelow(MAX_SEED + 1)
            self.settings: SuiteSettings = replace(given, seed=self.seed)
            self.gate: Gate = load_gate(
                given.waivers, given.baseline, tls_unverified=given.tls_unverified
            )
            self.signer: Signer | None = (
                load_signer(given.sign_key, os.environ) if given.sign_key is not None else None
            )
            self.target = connect(self.settings, inputs, os.environ, self._on_wait)
            self.coverage = Coverage(*find_description(self.target))
            self.certified = certified_against(
                self.target, self.coverage.description, self.coverage.note
            )
            declared = [op.label for op in self.coverage.description.operations]
            declared += [op.label for op in self.coverage.description.writes]
            self.wanted = wanted(given.only, given.operation, failures, declared)
        except ConfigError as exc:
            if hasattr(self, "target"):  # a bad --operation, --openapi: the client is open
                self.target.client.close()
            raise pytest.UsageError(str(exc)) from None
        self.embedded = inputs.embedded
        self.target.spread_keys = inputs.one_user  # else the suite asks users/me/ per key
        self.clock = inputs.clock
        self.sink = find_sink(config)
        if replacing is not None:
            self.sink.notice(replacing)
        self.recorder = self.target.recorder
        self.outcomes: list[TestOutcome] = []
        self.document: dict[str, Any] | None = None
        self.selection: Selection | None = None
        self.journal = Journal()
        self.forecast: Forecast | None = None  # once the tests are collected
        self.started = self.clock.time()
        self.placeholders = tuple(self.target.keys.secrets())
        self.redact = Redactor(self.target.keys.secrets()).redact
        config.stash[TARGET_KEY] = self.target
        config.stash[JOURNAL_KEY] = self.journal
        config.stash[COVERAGE_KEY] = self.coverage
        config.pluginmanager.register(fixtures, "plane-conformance-fixtures")
        if config.pluginmanager.has_plugin("html"):
            from conformance.report import pytest_html

            config.pluginmanager.register(pytest_html, "plane-conformance-html")

    def _on_wait(self, seconds: float, reason: str) -> None:
        eta = self.forecast.waiting(seconds) if self.forecast is not None else None
        self.sink.waiting(seconds=seconds, reason=reason, eta_s=eta)

    # collection -------------------------------------------------------------------------------
    def pytest_collection_modifyitems(
        self, config: pytest.Config, items: list[pytest.Item]
    ) -> None:
        arrange(items, self.settings)
        self.selection = deselect(config, items, self.wanted)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.coverage.tests.update(operation_tests(session.items))
        if self.embedded:  # generated keys: as many as carry the run in one window
            budget = keyed_budget(session.items, self.settings)
            self.target.keys = keys_needed(self.target.keys, budget, self.settings.rate_limit)
        self.forecast = forecast(
            session.items,
            self.settings,
            self.target,
            embedded=self.embedded,
            started=self.started,
        )
        plan = self.forecast.plan
        if self.settings.max_wait is None:
            # the waits the estimate foresees, one for RATE-05 and one to spare
            self.target.waiter.max_wait_s = max(MIN_WAIT_BUDGET, (plan.windows + 2) * plan.window)
        self.sink.started(
            tests=len(session.items), estimate=self.forecast.estimate(), seed=self.seed
        )

    # running ----------------------------------------------------------------------------------
    @pytest.hookimpl(wrapper=True)
    def pytest_runtest_setup(self, item: pytest.Item) -> Generator[None, None, None]:
        item.stash[MARK_KEY] = self.recorder.mark()
        item.stash[START_KEY] = time.monotonic()
        self.sink.test_started(
            nodeid=item.nodeid,
            area=area(item),
            stats=self.target.stats.snapshot(),
            eta_s=self.forecast.test_started(item.nodeid) if self.forecast is not None else None,
        )
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
                seed=self.seed,
                duration_s=duration,
                decisions=decisions,
            )
        return []

    # the end ----------------------------------------------------------------------------------
    def pytest_keyboard_interrupt(self) -> None:
        self.journal.interrupted = True  # before the cleanup: it says a second Ctrl-C leaves

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session, exitstatus: int) -> None:
        interop = self._interop(exitstatus)  # first: its requests count in the run's
        stats = self.target.stats.snapshot()
        now = self.clock.time()
        run = RunInfo(
            tool_version=__version__,
            base_url=self.settings.target or "",
            workspace=self.settings.workspace,
            project=self.settings.project or "",
            embedded=self.embedded,
            profile=self.settings.profile,
            seed=self.seed,
            parameters=self.settings.parameters,
            started_at=dt.datetime.fromtimestamp(self.started, dt.UTC).isoformat(
                timespec="seconds"
            ),
            duration_s=round(now - self.started, 3),
            requests_total=stats.total,
            requests_throttled=stats.throttled,
            waited_s=round(stats.waited_s, 3),
            interrupted=exitstatus == pytest.ExitCode.INTERRUPTED,
            cleanup_ok=not self.journal.cleanup_left,
            cleanup_left=tuple(self.journal.cleanup_left),
            notes=(
                self.coverage.note,
                *self.journal.notes,
                *self._absence_notes(),
                *stats.notes,
            ),
            connection=self._connection(),
            description=self.coverage.description.source,
            certified_against=self.certified,
            operations=self.coverage.operations(),
            drift=self.coverage.drift_records(self.placeholders, self.redact),
            parameter_search=self.coverage.parameters.summary(),
            selection=self.selection,
        )
        document = build_document(run, self.outcomes, load_catalogue(), interop=interop)
        document["requests"]["keyed"] = self.valid_keyed()
        document["requests"]["per_key"] = self.per_key()
        document = self.gate.apply(document, dt.date.fromtimestamp(now))
        try:
            write_reports(document, self.settings.report_dir)
        except ConfigError as exc:
            raise pytest.UsageError(str(exc)) from None
        self.document = document
        if exitstatus in (pytest.ExitCode.OK, pytest.ExitCode.TESTS_FAILED):
            # plain pytest exits as plane-conformance run does: 0 conformant, 1 non-conformant,
            # 3 incomplete (or the baseline gate's code); an incomplete run never exits 0
            session.exitstatus = gate_exit_code(document)
        self.sink.finished(document=document, stats=stats)
        self.target.client.close()

    def _interop(self, exitstatus: int) -> dict[str, Any] | None:
        """Plane's SDK against the target, when asked and the run was not interrupted."""
        if not self.settings.interop_asked or exitstatus == pytest.ExitCode.INTERRUPTED:
            return None
        try:
            return interop_section(self.target, gate=self.settings.interop_gate)
        except ConformanceError as exc:
            self.journal.notes.append(f"the interop run stopped: {self.redact(str(exc))}")
            return None

    def _connection(self) -> Connection:
        """How the requests reached the target, for the report: no credential in it."""
        network = self.target.network
        if network is None:
            return Connection()
        proxy = network.proxy
        return Connection(
            tls=network.tls,
            tls_verified=network.verified,
            client_certificate=network.client_cert is not None,
            proxy=proxy.shown if proxy is not None else None,
            proxy_source=proxy.source if proxy is not None else None,
            tunnel=proxy is not None and proxy.tunnel,
        )

    def pytest_unconfigure(self, config: pytest.Config) -> None:
        """The exchange log and the manifest, once every other report is written (pytest-html
        writes its page as the session finishes too)."""
        if self.document is None:
            return
        try:
            self.seal(self.document)
        except ConfigError as exc:  # the reports stand; only their seal is missing
            print(f"plane-conformance: the report was not sealed: {exc}", file=sys.stderr)

    def seal(self, document: dict[str, Any]) -> None:
        exchanges = self.recorder.exchanges
        roles = KeyRoles(self.target.primary_placeholder, frozenset(self.placeholders))
        report_dir = self.settings.report_dir
        hashes = write_log(report_dir / EXCHANGES_JSONL, exchanges, roles)
        # what a targeted run did not select, it does not judge again either
        live = [r["id"] for r in document["requirements"] if r["status"] != NOT_SELECTED]
        verdicts = judge(exchanges, roles, self.settings.parameters, live)
        facts = RunFacts(
            kind="run",
            server_version=stated_version(exchanges),
            description_sha256=self.coverage.description.sha256,
            rejudged=verdicts.statuses(),
        )
        seal(document, report_dir, hashes, facts, self.signer)

    def _absence_notes(self) -> list[str]:
        """Endpoints the target does not have: no verdict rests on them but the 404 checks'."""
        return [
            f"endpoint absent on the target, so not judged: {path} ({evidence})"
            for path, evidence in self.target.absent.items()
        ]

    def per_key(self) -> dict[str, int]:
        """Requests each key the run used carried in X-API-Key, by placeholder."""
        counts = dict.fromkeys(self.target.keys.secrets(), 0)
        for exchange in self.recorder.exchanges:
            key = exchange.request_header("X-API-Key")
            if key in counts:
                counts[key] += 1
        return counts

    def valid_keyed(self) -> int:
        """Requests that carried a valid key in X-API-Key: what the target's rate limit counts
        (the HTTP layer's ``keyed`` also counts the deliberately invalid keys of AUTH-02)."""
        return sum(
            1 for e in self.recorder.exchanges if e.request_header("X-API-Key") in self.placeholders
        )
