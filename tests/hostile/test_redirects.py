"""A target that answers every keyed request with a redirect to another origin: the redirect is
never followed and the key reaches no one but the target. The second origin is a server of its
own that records every request it gets."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import KEYS, assert_exit_follows_the_verdict, hostile, run
from tests.hostile.modes import Mode, everything, keyed, redirects_to
from tests.hostile.wire import pass_through

pytestmark = pytest.mark.slow  # a whole run against a hostile server


def test_a_redirect_to_another_origin_is_never_followed(tmp_path: Path) -> None:
    with hostile(Mode("elsewhere", everything, pass_through)) as elsewhere:
        origin = f"http://127.0.0.1:{elsewhere.port}"
        with hostile(Mode("redirects-elsewhere", keyed, redirects_to(origin))) as server:
            result = run(server, tmp_path, sample=True)
        assert elsewhere.seen == ()
    assert any(r.header("x-api-key") == KEYS[0] for r in server.seen)
    statuses = result.statuses
    # the redirect is judged as the answer it is
    assert statuses["HTTP-10"] == "fail"
    assert "expected 404, got 307" in result.reason("HTTP-10")
    # a creation answered with a redirect created nothing: no evidence for HTTP-02 either way
    assert statuses["HTTP-02"] == "skip"
    assert "answered 307" in result.reason("HTTP-02")
    # the scratch project was refused with the 307: the run read --project instead, where
    # every keyed answer is the redirect (judged as such), and what needs writes skips
    for rid in ("HTTP-03", "HTTP-04", "HTTP-06", "HTTP-08"):
        assert statuses[rid] == "skip"
        assert "could not create the scratch project" in result.reason(rid)
        assert "answered 307" in result.reason(rid)
    assert statuses["HTTP-01"] == "fail"
    assert "got 307" in result.reason("HTTP-01")
    assert "error" not in statuses.values()
    assert_exit_follows_the_verdict(result)
