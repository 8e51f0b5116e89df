"""Pagination abuse on the issues collection: next_page_results true forever, cursors that
cycle, an absurd total_pages. Walks stop at their bound or at the first repeated cursor, and
the requirement the target broke fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.conftest import assert_exit_follows_the_verdict, hostile, run
from tests.hostile.modes import MODES, issues_list

pytestmark = pytest.mark.slow  # every test here is a whole run against a hostile server

# mode -> (the requirements that fail, a phrase of the first one's reason)
OUTCOMES = {
    # a cursor past the end (PAG-14) also claims more pages
    "more-pages-forever": ({"PAG-08": "fail", "PAG-14": "fail"}, "a further page has no items"),
    # the cycle is the walk's third cursor: page 2 repeats page 1's (PAG-06, PAG-08)
    "cursors-cycle": (
        {"PAG-09": "fail", "PAG-06": "fail", "PAG-08": "fail", "PAG-14": "fail"},
        "repeats an earlier cursor: the walk cycles",
    ),
    "absurd-total-pages": ({"PAG-13": "fail"}, "total_pages is 1000000000000000000"),
}
# A clean smoke run sends 26 requests to the issues collection (measured); an endless walk
# stops after (items / size + 2) pages, which adds a few. An unbounded walk would add pages
# until the rate limit and the wait budget stopped it.
MAX_ISSUE_LIST_REQUESTS = 32


@pytest.mark.parametrize("mode", list(OUTCOMES))
def test_an_abusive_pagination_is_walked_to_a_bound(mode: str, tmp_path: Path) -> None:
    expected, phrase = OUTCOMES[mode]
    with hostile(MODES[mode]) as server:
        result = run(server, tmp_path, sample=True)
    assert result.not_passed() == expected
    assert phrase in result.reason(next(iter(expected)))
    walked = [r for r in server.seen if issues_list(r)]
    assert 0 < len(walked) <= MAX_ISSUE_LIST_REQUESTS
    assert result.document["cleanup"] == {"ok": True, "left": []}
    assert_exit_follows_the_verdict(result)
