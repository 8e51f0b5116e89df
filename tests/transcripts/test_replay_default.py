"""Under the default options the reference answers the corpus as makeplane/plane 4ca6d6c did,
except where the documentation decides: each such difference is a row of docs/REAL-PLANE.md's
"Where the reference server differs from it", and this module holds that list to the transcript.

Each row names the preset's switches that model the real server's side of it (``ROWS``). Every
switch of the preset belongs to a row, and the preset replays with no difference at all
(``test_replay_plane``), so every difference under the default options comes from a row's
switches. A row the transcript shows must show: the preset without its switches differs from
the recording. A row a transcript cannot show says why (``unseen``). The default replay uses the
preset's seed (no stickies or invitations beside the seeded project), which is data, not
behaviour: the real workspace held none when it was recorded.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from conformance.reference.presets import preset
from conformance.transcripts import Difference, compare
from tests.transcripts.replay import BASE, PLANE, recorded, replay

DOC = Path(__file__).resolve().parents[2] / "docs" / "REAL-PLANE.md"
SECTION = "## Where the reference server differs from it"


@dataclass(frozen=True, slots=True)
class Row:
    what: str  # how the row's first cell starts
    switches: frozenset[str] = frozenset()
    unseen: str = ""  # why no transcript shows it; empty: the transcript shows it


def _row(what: str, *switches: str, unseen: str = "") -> Row:
    return Row(what, frozenset(switches), unseen)


NOT_THE_CORPUS = "the corpus does not send it"
VALUES = "a transcript keeps statuses and field sets, not values"
NO_STORAGE = "the recorded server has no object storage: no attachment or asset exists there"
ROWS = (
    _row("the rate limit", "sliding-log", unseen="a transcript keeps no headers"),
    _row(
        "the faults above",
        "invalid-key-403",
        "unknown-project-403",
        "per-page-max-1000",
        "per-page-nonpositive-500",
        "prev-cursor-crash",
        "cursor-size-ignored",
        "first-prev-cursor-minus-one",
        "fields-empty-objects",
        "unknown-expand-ignored",
        "module-members-always",
        "label-detail-ignores-selection",
        "429-without-rate-headers",
        "order-by-unknown-500",
        "limit-negative-500",
        "search-nul-html-500",
    ),
    _row("error bodies", "drf-error-shapes"),
    _row("creating a state", "creates-200-for-states-and-links"),
    _row("`PATCH` of a module", "module-patch-written-only"),
    _row("`PATCH` of an attachment", unseen=NO_STORAGE),
    _row("`GET` of an attachment", unseen=NO_STORAGE),
    _row("creating an attachment", unseen=NO_STORAGE),
    _row("the upload itself", "no-file-storage"),
    _row("`search?limit=abc`", unseen=NOT_THE_CORPUS),
    _row("a work item's relations", "relations-as-objects", unseen=VALUES),
    _row("relating two work items already related", unseen=NOT_THE_CORPUS),
    _row(
        "`relations/remove/`",
        "no-relation-remove",
        unseen="the corpus covers the recorded server's surface, which lacks it",
    ),
    _row("a cycle's body", "cycle-needs-project-id"),
    _row("without `per_page`", "default-page-1000", unseen=VALUES),
    _row("a path the API does not define, without a key", unseen=NOT_THE_CORPUS),
    _row("field sets", "plane-field-sets"),
    _row("a cycle's dates", unseen=VALUES),
    _row("activity", unseen=VALUES),
    _row("an intake item's `issue_detail`", unseen="a transcript keeps top-level fields"),
    _row("inviting an email invited before", unseen=NOT_THE_CORPUS),
    _row(
        "removing a project member",
        "member-delete-keeps-member",
        unseen="the corpus does not read a membership back after deleting it",
    ),
    _row(
        "writing intake items in a project created with its intake on",
        "intake-without-inbox-500",
        unseen="the corpus's project is created without its intake",
    ),
    _row("a new project's icon", unseen=VALUES),
    _row("the order of lists", unseen=VALUES),
    _row("a list under a work item, cycle or module", "unknown-parent-lists-empty"),
    _row("a workspace or project the key cannot see", "unknown-scope-per-view"),
    _row("a body's rules", "plane-body-rules"),
    _row("`fields` and `expand` on the key's user", "fields-ignored-by-some-views"),
    _row("`PUT`, which the API does not document", "put-as-plane"),
)
SHOWN = [row for row in ROWS if not row.unseen]


def documented_rows() -> list[str]:
    """The first cell of each row of the section's table."""
    section = DOC.read_text(encoding="utf-8").split(SECTION, 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if re.match(r"\| (?!what \|)[^-]", line)]
    return [line.split("|")[1].strip() for line in rows]


def without(row: Row) -> tuple[Difference, ...]:
    """The differences of the preset with ``row``'s switches off."""
    config = replace(
        PLANE, faults=PLANE.faults - row.switches, variations=PLANE.variations - row.switches
    )
    return compare(recorded(), replay(config))


def with_only(row: Row) -> tuple[Difference, ...]:
    """The differences of the default options with ``row``'s switches on."""
    config = replace(
        BASE,
        seed_extras=False,
        faults=BASE.faults | (row.switches & PLANE.faults),
        variations=BASE.variations | (row.switches & PLANE.variations),
    )
    return compare(recorded(), replay(config))


def test_each_documented_row_is_listed_once() -> None:
    cells = documented_rows()
    matched = {row.what: [cell for cell in cells if cell.startswith(row.what)] for row in ROWS}
    assert {what: len(found) for what, found in matched.items() if len(found) != 1} == {}
    assert len(cells) == len(ROWS)


def test_every_switch_of_the_preset_belongs_to_a_row() -> None:
    plane = preset("plane")
    named = [switch for row in ROWS for switch in row.switches]
    assert len(named) == len(set(named))
    assert set(named) == plane.faults | plane.variations


def test_the_default_options_differ_from_the_recording() -> None:
    """The default options are not the preset: they differ, where the rows say."""
    assert compare(recorded(), replay(replace(BASE, seed_extras=False)))


@pytest.mark.slow
def test_every_difference_of_the_default_options_has_a_row() -> None:
    """Each exchange where the default options differ differs too when one shown row's switches
    are off; and each shown row shows: without its switches the preset differs."""
    default = {d.name for d in compare(recorded(), replay(replace(BASE, seed_extras=False)))}
    explained: set[str] = set()
    silent: list[str] = []
    for row in SHOWN:
        names = {d.name for d in without(row)}
        if not names:
            silent.append(row.what)
        explained |= names
    assert silent == []
    # where two rows meet (unknown expand on a view that ignores expand), one row's switches
    # alone settle it: the difference is gone when they are on under the default options
    for row in SHOWN:
        left = default - explained
        if not left:
            break
        explained |= left - {d.name for d in with_only(row)}
    assert sorted(default - explained) == []
