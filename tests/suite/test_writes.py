"""The writes' shared part: what a write acts on, the paths it fills from what the run made,
and the bodies it builds from the declared request schema."""

from __future__ import annotations

import functools
from types import SimpleNamespace
from typing import Any, cast

import pytest

from conformance.checks.probes import UNKNOWN_ID
from conformance.discovery import Description, Operation, bundled
from conformance.discovery.requests import BodyField
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.writes import (
    Book,
    Builder,
    Made,
    Unbuildable,
    acts_on_item,
    fill_write,
    made_id,
    own_collection,
    shape,
)

PROJECT = "workspaces/{slug}/projects/{project_id}/"


@functools.cache
def described() -> Description:
    return bundled()


def write(label: str) -> Operation:
    found = described().write(label)
    assert found is not None, label
    return found


def plane() -> Target:
    return cast(Target, SimpleNamespace(settings=SimpleNamespace(workspace="ws")))


def subject() -> Subject:
    return Subject(project="p1", created=True, prefix="pc0", issues=["i1", "i2"], cycle="c1")


def reply(body: Any) -> Reply:
    return cast(Reply, SimpleNamespace(body=body))


@pytest.mark.parametrize(
    ("label", "acts", "own"),
    [
        ("POST " + PROJECT + "labels/", False, None),
        ("PATCH " + PROJECT + "labels/{pk}/", False, PROJECT + "labels/"),
        ("POST " + PROJECT + "cycles/{cycle_id}/archive/", True, PROJECT + "cycles/"),
        ("POST " + PROJECT + "cycles/{cycle_id}/cycle-issues/", False, None),
        ("DELETE " + PROJECT + "archive/", True, "workspaces/{slug}/projects/"),
    ],
)
def test_what_a_write_acts_on(label: str, acts: bool, own: str | None) -> None:
    operation = write(label)
    assert acts_on_item(operation) is acts
    assert own_collection(operation) == own


def test_a_patch_names_what_a_post_of_the_run_made_and_else_says_why() -> None:
    book = Book()
    patch = write("PATCH " + PROJECT + "labels/{pk}/")
    missing = fill_write(plane(), subject(), book, patch)
    assert missing.path is None
    assert missing.probe == f"workspaces/ws/projects/p1/labels/{UNKNOWN_ID}/"
    assert "no POST of this run made an item" in missing.missing
    book.made[shape(PROJECT + "labels/")] = Made("l9", reply({"id": "l9"}), {})
    filled = fill_write(plane(), subject(), book, patch)
    assert filled.path == "workspaces/ws/projects/p1/labels/l9/"
    assert filled.unknown == f"workspaces/ws/projects/p1/labels/{UNKNOWN_ID}/"


def test_an_intake_item_is_named_by_its_work_item() -> None:
    book = Book()
    made = reply({"id": "intake1", "issue": "i7"})
    book.made[shape(PROJECT + "intake-issues/")] = Made("intake1", made, {})
    filled = fill_write(
        plane(), subject(), book, write("DELETE " + PROJECT + "intake-issues/{issue_id}/")
    )
    assert filled.path == "workspaces/ws/projects/p1/intake-issues/i7/"


def test_a_transfer_moves_from_a_cycle_the_run_made_to_the_subjects() -> None:
    book = Book()
    transfer = write("POST " + PROJECT + "cycles/{cycle_id}/transfer-issues/")
    assert "no POST of this run" in fill_write(plane(), subject(), book, transfer).missing
    book.made[shape(PROJECT + "cycles/")] = Made("c2", reply({"id": "c2"}), {})
    filled = fill_write(plane(), subject(), book, transfer)
    assert filled.path == "workspaces/ws/projects/p1/cycles/c2/transfer-issues/"
    assert Builder(plane(), subject(), book).create(transfer) == {"new_cycle_id": "c1"}


def test_made_ids() -> None:
    assert made_id(reply({"id": "x"}), {"name": "n"}) == "x"
    assert made_id(reply({"asset_id": "a"}), {}) == "a"
    assert made_id(reply([{"id": "row"}]), {"issues": ["i1"]}) == "i1"
    assert made_id(reply({"message": "ok"}), {}) is None


def test_bodies_from_the_declared_schema() -> None:
    builder = Builder(plane(), subject(), Book())
    label = write("POST " + PROJECT + "labels/")
    assert builder.create(label) == {"name": "pc0 name"}
    assert builder.invalid(label) == ("name", {})
    link = write("POST " + PROJECT + "issues/{issue_id}/links/")
    assert builder.create(link) == {
        "url": "https://example.com/pc0/workspaces-slug-projects-project_id-issues-issue_id-links"
    }
    added = write("POST " + PROJECT + "cycles/{cycle_id}/cycle-issues/")
    assert builder.create(added) == {"issues": ["i1"]}
    related = write("POST " + PROJECT + "work-items/{issue_id}/relations/")
    assert builder.create(related)["issues"] == ["i2"]  # not the item the path names
    assert builder.change(write("PATCH " + PROJECT + "labels/{pk}/")) == {"name": "pc0 changed"}
    comment = write("PATCH " + PROJECT + "issues/{issue_id}/comments/{pk}/")
    assert builder.change(comment) == {"comment_html": "<p>pc0 changed</p>"}


def test_what_cannot_be_built_says_why() -> None:
    builder = Builder(plane(), subject(), Book())
    strange = BodyField("tags", required=True, type="array")
    with pytest.raises(Unbuildable, match="'tags'"):
        builder.value(strange, write("POST " + PROJECT + "labels/"))
    with pytest.raises(Unbuildable, match="'owner'"):
        builder.value(
            BodyField("owner", required=True, format="uuid"), write("POST " + PROJECT + "labels/")
        )


def test_no_upload_ticket_is_asked() -> None:
    builder = Builder(plane(), subject(), Book())
    with pytest.raises(Unbuildable, match="object storage"):
        builder.create(write("POST " + PROJECT + "issues/{issue_id}/issue-attachments/"))
