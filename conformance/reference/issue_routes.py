"""The route table's work items and what hangs off them (comments, links, activity,
attachments, relations), and the work items of modules and cycles, with their archives."""

from __future__ import annotations

from functools import partial

from conformance.reference import activity, archives, assets, relations, resources
from conformance.reference.endpoint import Endpoint, Operation, read, resource

W = "/workspaces/{slug}"
P = f"{W}/projects/{{project_id}}"
ISSUE_SEGMENTS = ("issues", "work-items")  # Plane serves work-items/ as an alias of issues/


def issue_children(segment: str) -> list[Endpoint]:
    """What hangs off a work item, under ``issues/`` or ``work-items/``."""
    base = f"{P}/{segment}/{{issue_id}}"
    files = "issue-attachments" if segment == "issues" else "attachments"
    endpoints = [
        *resource(base, "comments", "comment", "comments", "comment"),
        *resource(base, "links", "link", "links", "link"),
        Endpoint(
            f"{base}/activities/",
            activity.activities,
            "activity",
            "activities",
            (read("page", "List the work item's activity"),),
        ),
        Endpoint(
            f"{base}/activities/{{pk}}/",
            activity.activity,
            "activity",
            "activities",
            (read("one", "Get an entry of the work item's activity"),),
        ),
        Endpoint(
            f"{base}/{files}/",
            assets.attachments,
            "asset",
            "attachments",
            (
                read("array", "List the work item's uploaded attachments"),
                Operation("POST", 201, "Attachment", "Create an attachment", "Upload"),
            ),
        ),
        Endpoint(
            f"{base}/{files}/{{pk}}/",
            assets.attachment,
            "asset",
            "attachments",
            (
                read("one", "Get an uploaded attachment"),
                Operation("PATCH", 200, "one", "Mark an attachment uploaded", "Uploaded"),
                Operation("DELETE", 204, "none", "Delete an attachment"),
            ),
        ),
    ]
    if segment == "work-items":
        endpoints += [
            Endpoint(
                f"{base}/relations/",
                relations.relations,
                None,
                "relations",
                (
                    read("Relations", "List the work item's relations by type"),
                    Operation("POST", 201, "RelationRows", "Relate work items", "NewRelation"),
                ),
            ),
            Endpoint(
                f"{base}/relations/remove/",
                relations.remove,
                None,
                "relations",
                (Operation("POST", 204, "none", "Remove a relation", "RemovedRelation"),),
                absent_with="no-relation-remove",
                lint_ignore=("PLN-PATH-02",),
            ),
        ]
    return endpoints


def container(kind: str, item_methods: tuple[Operation, ...]) -> tuple[Endpoint, ...]:
    """A module's or cycle's work items, and archiving it."""
    base = f"{P}/{kind}s/{{{kind}_id}}/{kind}-issues"
    archive_pk = "pk" if kind == "module" else "cycle_id"
    return (
        Endpoint(
            f"{base}/",
            partial(resources.contained_issues, kind=kind),
            "issue",
            f"{kind}s",
            (
                read("page", f"List the {kind}'s work items"),
                Operation(
                    "POST", 201, f"array:{kind}_issue", f"Add work items to the {kind}", "IssueIds"
                ),
            ),
        ),
        Endpoint(
            f"{base}/{{issue_id}}/",
            partial(resources.contained_issue, kind=kind),
            f"{kind}_issue",
            f"{kind}s",
            item_methods,
        ),
        Endpoint(
            f"{P}/{kind}s/{{{archive_pk}}}/archive/",
            partial(archives.archive, kind=kind),
            None,
            f"{kind}s",
            (Operation("POST", 204, "none", f"Archive a finished {kind}", "Empty"),),
        ),
        Endpoint(
            f"{P}/archived-{kind}s/",
            partial(archives.archived, kind=kind),
            kind,
            f"{kind}s",
            (read("page", f"List the archived {kind}s"),),
        ),
        Endpoint(
            f"{P}/archived-{kind}s/{{{archive_pk}}}/unarchive/",
            partial(archives.unarchive, kind=kind),
            None,
            f"{kind}s",
            (Operation("DELETE", 204, "none", f"Restore an archived {kind}"),),
            lint_ignore=("PLN-PATH-01",),
        ),
    )
