"""Plane's official SDK through the interop run: every call works against the reference server;
under the plane preset the calls fail that fail on the real server, the same way; and an
envelope the SDK cannot read is reported as the failure it is, with its exchanges."""

from __future__ import annotations

from conformance.interop.calls import calls
from conformance.interop.results import FAILED, NOT_RUN, OK, PARSE
from conformance.interop.scenario import Place
from conformance.reference import ServerConfig
from conformance.reference.presets import with_preset
from tests.interop.conftest import PREFIX, Interop
from tests.real_plane_doc import expected_interop


def test_every_call_works_against_the_reference_server(interop: Interop) -> None:
    ran = interop(ServerConfig())
    assert {name: o for name, o in ran.outcomes().items() if o[0] != OK} == {}
    assert len(ran.result.calls) == len(calls(Place("ws", PREFIX), read_only=False))
    # every call went through the HTTP layer, and the scratch project is gone
    assert ran.stats.snapshot().total == len(ran.recorder) >= len(ran.result.calls)
    assert not [name for name in ran.projects_after if name.startswith(PREFIX.replace("-", ""))]
    assert ran.result.notes == ()


def test_a_read_only_run_only_reads(interop: Interop) -> None:
    ran = interop(ServerConfig(), read_only=True)
    assert all(call.outcome == OK for call in ran.result.calls)
    assert {exchange.method for exchange in ran.recorder.exchanges} == {"GET"}
    assert "work_items.retrieve_by_identifier" in ran.outcomes()


def test_the_plane_preset_fails_the_calls_the_real_server_fails(interop: Interop) -> None:
    """docs/REAL-PLANE.md records the calls that do not work against the real server."""
    ran = interop(with_preset(ServerConfig(), "plane"))
    failing = {name: o for name, o in ran.outcomes().items() if o[0] != OK}
    assert failing == expected_interop()


def test_the_documentations_extra_stats_object_breaks_every_list(interop: Interop) -> None:
    """extra_stats {} (the documentation's example) is a parse failure in each list call."""
    ran = interop(ServerConfig(variations=frozenset({"extra-stats-object"})))
    failed = [call for call in ran.result.calls if call.outcome == FAILED]
    assert len(failed) == 15
    for call in failed:
        assert call.problem == PARSE
        assert "extra_stats: Input should be a valid string, got {}" in call.message
        assert call.exchanges[-1].status == 200
        assert '"extra_stats":{}' in call.exchanges[-1].response_body.replace(" ", "")
    # what needs a failed list's answer is not run, and says why
    not_run = [call for call in ran.result.calls if call.outcome == NOT_RUN]
    assert not_run
    assert all("which failed" in call.message for call in not_run)
