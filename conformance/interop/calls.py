"""The table of SDK calls an interop run makes, in order (see ``scenario`` for how to read it)."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from types import MappingProxyType

from conformance.interop.scenario import Arg, Call, Place, call, const, model, read, the

FUTURE = MappingProxyType({"start_date": "2099-01-01", "end_date": "2099-01-14"})
PAST = MappingProxyType({"start_date": "2020-01-01", "end_date": "2020-01-14"})
P = the("project", text="project_id")
ITEM = the("item", text="work_item_id")
OTHER = the("other", text="other_work_item_id")
ITEMS = Arg("[work_item_id]", lambda got: [got["item"].id], ("item",))


def _page(per_page: int, cursor: Arg | None = None) -> Arg:
    if cursor is None:
        return model("query_params.WorkItemQueryParams", per_page=per_page)
    return model("query_params.WorkItemQueryParams", per_page=per_page, cursor=cursor)


def reads(place: Place) -> list[Call]:
    """What a read-only run calls: the workspace, the project and one of its work items."""
    s = const(place.slug, "slug")
    project = const(place.project_id, "project_id") if place.project_id else P
    return [
        read("users.get_me", gives="me"),
        read("workspaces.get_members", s),
        read("projects.list", s),
        read("projects.retrieve", s, project, gives="project"),
        read("projects.get_members", s, P),
        read("states.list", s, P),
        read("labels.list", s, P),
        read("work_items.list", s, P, _page(1), gives="page"),
        read(
            "work_items.list",
            s,
            P,
            _page(1, the("page", "next_cursor")),
            name="work_items.list (next page)",
        ),
        read("modules.list", s, P),
        read("cycles.list", s, P),
        read("stickies.list", s),
    ]


def writes(place: Place) -> list[Call]:
    """A scratch project with one of each thing in it, worked on, then deleted."""
    s = const(place.slug, "slug")
    tag = place.prefix.replace("-", "")  # real servers refuse '-' in project names
    me = the("me")
    owned = {"owned_by": me, "project_id": P}
    return [
        call(
            "projects.create",
            s,
            model(
                "projects.CreateProject",
                name=f"{tag} interop",
                identifier=("I" + uuid.uuid4().hex[:7]).upper(),
                module_view=True,
                cycle_view=True,
                intake_view=True,
            ),
            gives="project",
        ),
        call("projects.update", s, P, model("projects.UpdateProject", description="interop")),
        call(
            "states.create",
            s,
            P,
            model("states.CreateState", name="Review", color="#123456", group="started"),
            gives="state",
        ),
        read("states.retrieve", s, P, the("state")),
        call("states.update", s, P, the("state"), model("states.UpdateState", color="#654321")),
        call("labels.create", s, P, model("labels.CreateLabel", name="interop"), gives="label"),
        read("labels.retrieve", s, P, the("label")),
        call("labels.update", s, P, the("label"), model("labels.UpdateLabel", color="#00ff00")),
        *[
            call(
                "work_items.create",
                s,
                P,
                model("work_items.CreateWorkItem", name=name, labels=[the("label")]),
                gives=gives,
                name=f"work_items.create ({name})",
            )
            for name, gives in (("first", "item"), ("second", "other"))
        ],
        read("work_items.retrieve", s, P, ITEM),
        read(
            "work_items.retrieve_by_identifier",
            s,
            the("project", "identifier"),
            the("item", "sequence_id"),
        ),
        call("work_items.update", s, P, ITEM, model("work_items.UpdateWorkItem", priority="high")),
        read("work_items.search", s, const("first", "query")),
        *_around_a_work_item(s),
        *_modules_and_cycles(s, owned),
        *_intake_and_stickies(s, tag),
        *_deletions(s),
    ]


def _kept(s: Arg, resource: str, body: Arg, gives: str, update: str, **change: str) -> list[Call]:
    """A work item's comment or link: created, listed, retrieved, changed."""
    made = the(gives)
    return [
        call(f"{resource}.create", s, P, ITEM, body, gives=gives),
        read(f"{resource}.list", s, P, ITEM),
        read(f"{resource}.retrieve", s, P, ITEM, made),
        call(f"{resource}.update", s, P, ITEM, made, model(f"work_items.{update}", **change)),
    ]


def _around_a_work_item(s: Arg) -> list[Call]:
    comments, links = "work_items.comments", "work_items.links"
    attachments, relations = "work_items.attachments", "work_items.relations"
    body = model("work_items.CreateWorkItemComment", comment_html="<p>from the SDK</p>")
    link = model("work_items.CreateWorkItemLink", url="https://example.com/interop")
    upload = model(
        "work_items.WorkItemAttachmentUploadRequest", name="notes.txt", type="text/plain", size=5
    )
    return [
        *_kept(s, comments, body, "comment", "UpdateWorkItemComment", comment_html="<p>x</p>"),
        *_kept(s, links, link, "link", "UpdateWorkItemLink", title="edited"),
        read("work_items.activities.list", s, P, ITEM, gives="activities"),
        read(
            "work_items.activities.retrieve",
            s,
            P,
            ITEM,
            Arg("activity_id", lambda got: got["activities"].results[0].id, ("activities",)),
        ),
        call(f"{attachments}.create", s, P, ITEM, upload, gives="attachment"),
        call(
            f"{attachments}.update",
            s,
            P,
            ITEM,
            the("attachment"),
            model("work_items.UpdateWorkItemAttachment", is_uploaded=True),
        ),
        read(f"{attachments}.list", s, P, ITEM),
        read(f"{attachments}.retrieve", s, P, ITEM, the("attachment")),
        call(
            f"{relations}.create",
            s,
            P,
            ITEM,
            model("work_items.CreateWorkItemRelation", relation_type="blocking", issues=[OTHER]),
        ),
        read(f"{relations}.list", s, P, ITEM),
        call(
            f"{relations}.delete",
            s,
            P,
            ITEM,
            model("work_items.RemoveWorkItemRelation", related_issue=OTHER),
        ),
    ]


def _modules_and_cycles(s: Arg, owned: dict[str, Arg]) -> list[Call]:
    """A module and three cycles (dated, undated, finished): their work items, a transfer from
    the undated one, archiving the finished ones."""
    module, cycle = the("module", text="module_id"), the("cycle", text="cycle_id")
    draft, past = the("draft", text="draft_cycle_id"), the("past", text="past_cycle_id")

    def new_cycle(name: str, gives: str, dates: Mapping[str, str]) -> Call:
        body = model("cycles.CreateCycle", name=f"interop {name}", **owned, **dates)
        return call("cycles.create", s, P, body, gives=gives, name=f"cycles.create ({name})")

    return [
        call("modules.create", s, P, model("modules.CreateModule", name="interop"), gives="module"),
        read("modules.retrieve", s, P, module),
        call("modules.add_work_items", s, P, module, ITEMS),
        read("modules.list_work_items", s, P, module),
        call("modules.remove_work_item", s, P, module, ITEM),
        call("modules.update", s, P, module, model("modules.UpdateModule", status="completed")),
        call("modules.archive", s, P, module),
        read("modules.list_archived", s, P),
        call("modules.unarchive", s, P, module),
        new_cycle("dated", "cycle", FUTURE),
        new_cycle("undated", "draft", {}),
        new_cycle("finished", "past", PAST),
        read("cycles.retrieve", s, P, cycle),
        call("cycles.update", s, P, cycle, model("cycles.UpdateCycle", description="interop")),
        call("cycles.add_work_items", s, P, draft, ITEMS),
        read("cycles.list_work_items", s, P, draft),
        call(
            "cycles.transfer_work_items",
            s,
            P,
            draft,
            model("cycles.TransferCycleWorkItemsRequest", new_cycle_id=cycle),
        ),
        call("cycles.remove_work_item", s, P, cycle, ITEM),
        call("cycles.archive", s, P, past),
        read("cycles.list_archived", s, P),
        call("cycles.unarchive", s, P, past),
    ]


def _intake_and_stickies(s: Arg, tag: str) -> list[Call]:
    proposed = model("work_items.WorkItemForIntakeRequest", name="proposed")
    create = model("intake.CreateIntakeWorkItem", issue=proposed)
    intake = the("intake", "issue", text="intake_work_item_id")
    sticky = the("sticky", text="sticky_id")
    return [
        call("intake.create", s, P, create, gives="intake"),
        read("intake.list", s, P),
        read("intake.retrieve", s, P, intake),
        call("intake.update", s, P, intake, model("intake.UpdateIntakeWorkItem", status=1)),
        call("intake.delete", s, P, intake),
        call(
            "stickies.create",
            s,
            model("stickies.CreateSticky", name=f"{tag} interop", description_html="<p>n</p>"),
            gives="sticky",
        ),
        read("stickies.retrieve", s, sticky),
        call("stickies.update", s, sticky, model("stickies.UpdateSticky", name="edited")),
        call("stickies.delete", s, sticky),
    ]


def _deletions(s: Arg) -> list[Call]:
    """What the scratch project holds goes, then the project (archived and restored first)."""
    return [
        call("work_items.attachments.delete", s, P, ITEM, the("attachment")),
        call("work_items.links.delete", s, P, ITEM, the("link")),
        call("work_items.comments.delete", s, P, ITEM, the("comment")),
        call("cycles.delete", s, P, the("cycle")),
        call("modules.delete", s, P, the("module")),
        call("work_items.delete", s, P, OTHER),
        call("labels.delete", s, P, the("label")),
        call("states.delete", s, P, the("state")),
        call("projects.archive", s, P),
        call("projects.unarchive", s, P),
        call("projects.delete", s, P, gives="deleted"),
    ]


def _first_item_reads(place: Place) -> list[Call]:
    """A read-only run reads the first work item of the project it was given, and around it."""
    s = const(place.slug, "slug")
    first = Arg("work_item_id", lambda got: got["page"].results[0].id, ("page",))
    number = Arg("sequence_id", lambda got: got["page"].results[0].sequence_id, ("page",))
    return [
        read("work_items.retrieve", s, P, first),
        read("work_items.retrieve_by_identifier", s, the("project", "identifier"), number),
        read("work_items.search", s, const("1", "query")),
        read("work_items.comments.list", s, P, first),
        read("work_items.links.list", s, P, first),
        read("work_items.activities.list", s, P, first),
        read("work_items.attachments.list", s, P, first),
        read("work_items.relations.list", s, P, first),
    ]


def calls(place: Place, *, read_only: bool) -> list[Call]:
    """The calls of a run: with a scratch project (made first, read, worked on, deleted), or
    only the reads, on the project the run was given."""
    if read_only:
        return [*reads(place), *_first_item_reads(place)]
    made = writes(place)
    # the reads follow the project's creation and read the scratch project
    return [reads(place)[0], made[0], *reads(place)[1:], *made[1:]]
