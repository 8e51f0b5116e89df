"""The corpus: a valid request for every operation of Plane's v1 surface, in the order a client
makes them (create, read, change, then delete), on a scratch project the run creates.

``valid()`` is that sequence; ``variants`` derives the invalid requests from it. Names are the
run's own (``transcript_<run>``): Plane refuses ``-`` in a project's name.
"""

from __future__ import annotations

from collections.abc import Iterator

from conformance.transcripts.containers import cycles, modules
from conformance.transcripts.recipes import Recipe, field_of
from conformance.transcripts.steps import (
    CREATED,
    ID,
    P,
    W,
    asset_id,
    attachment_id,
    delete,
    get,
    intake_issue,
    other_member,
    patch,
    post,
    resource,
)


def valid() -> tuple[Recipe, ...]:
    """Every operation once, with a request the real server takes, in a runnable order."""
    return tuple(_valid())


def _valid() -> Iterator[Recipe]:
    items = f"{P}/work-items/"
    item = f"{items}{{item}}/"
    yield get("users.me", "/users/me/", me=ID)
    yield get("members.list", f"{W}/members/", "list", other_user=other_member)
    yield from _projects()
    yield from resource(
        "states",
        f"{P}/states/",
        "state",
        {"name": "transcript_{run}", "color": "#112233"},
        {"color": "#332211"},
    )
    yield from resource(
        "labels",
        f"{P}/labels/",
        "label",
        {"name": "transcript_{run}", "color": "#112233"},
        {"description": "changed"},
    )
    yield from resource(
        "work_items",
        items,
        "item",
        {"name": "transcript_{run} one", "priority": "low"},
        {"priority": "high"},
        item_seq=field_of("sequence_id"),
    )
    yield post(
        "work_items.create_second",
        items,
        {"name": "transcript_{run} two"},
        undo=CREATED.format(items),
        item2=ID,
    )
    yield from resource(
        "issues", f"{P}/issues/", "item3", {"name": "transcript_{run} three"}, {"priority": "low"}
    )
    yield get("work_items.by_identifier", W + "/work-items/{project_identifier}-{item_seq}/")
    yield get("issues.by_identifier", W + "/issues/{project_identifier}-{item_seq}/")
    yield Recipe(
        "work_items.search",
        "GET",
        f"{W}/work-items/search/",
        "action",
        query=(("search", "transcript"),),
    )
    # paths that are not the API's, though they look like its lookups (issue 22)
    yield get("work_items.by_identifier_uuid", W + "/work-items/{project}/", "action")
    yield Recipe(
        "work_items.advanced_search",
        "POST",
        f"{W}/work-items/advanced-search/",
        "action",
        body={"query": "transcript"},
    )
    yield Recipe(
        "projects.templates",
        "POST",
        f"{W}/projects/templates/",
        "action",
        body={"name": "transcript_{run}"},
        undo=f"{W}/projects/{{created}}/",
    )
    yield Recipe(
        "issues.search", "GET", f"{W}/issues/search/", "action", query=(("search", "transcript"),)
    )
    for alias, base in (("work_items", item), ("issues", f"{P}/issues/{{item}}/")):
        yield from resource(
            f"{alias}.comments",
            f"{base}comments/",
            f"{alias}_comment",
            {"comment_html": "<p>transcript</p>"},
            {"comment_html": "<p>x</p>"},
        )
        yield from resource(
            f"{alias}.links",
            f"{base}links/",
            f"{alias}_link",
            {"url": f"https://example.com/{alias}/{{run}}"},
            {"title": "changed"},
        )
        yield get(
            f"{alias}.activities.list",
            f"{base}activities/",
            "list",
            **{f"{alias}_activity": field_of("results", 0, "id")},
        )
        yield get(f"{alias}.activities.retrieve", f"{base}activities/{{{alias}_activity}}/")
    yield get("work_items.relations.list", f"{item}relations/", "detail")
    yield post(
        "work_items.relations.create",
        f"{item}relations/",
        {"relation_type": "blocking", "issues": ["{item2}"]},
    )
    for alias, segment in (("work_items", "attachments"), ("issues", "issue-attachments")):
        base = f"{P}/{alias.replace('_', '-')}/{{item}}/{segment}/"
        key = f"{alias}_attachment"
        yield get(f"{alias}.attachments.list", base, "list")
        yield post(
            f"{alias}.attachments.create",
            base,
            {"name": "transcript.txt", "type": "text/plain", "size": 4},
            None,
            **{key: attachment_id},
        )
        yield get(f"{alias}.attachments.retrieve", f"{base}{{{key}}}/")
        yield patch(f"{alias}.attachments.update", f"{base}{{{key}}}/", {"is_uploaded": True})
    yield from cycles()
    yield from modules()
    yield from resource(
        "intake",
        f"{P}/intake-issues/",
        "intake",
        {"issue": {"name": "transcript_{run} intake"}},
        {"issue": {"name": "transcript_{run} triaged"}},
        intake_issue,
    )
    yield from resource(
        "project_members",
        f"{P}/project-members/",
        "membership",
        {"member": "{other_user}", "role": 15},
        {"role": 5},
    )
    # members/ is project-members/ under another name: the same membership, read and changed
    # there, and added again (the member is one already)
    yield get("project_members.members_list", f"{P}/members/", "list")
    yield post(
        "project_members.members_create",
        f"{P}/members/",
        {"member": "{other_user}", "role": 15},
        undo=CREATED.format(f"{P}/members/"),
    )
    yield get("project_members.members_retrieve", P + "/members/{membership}/")
    yield patch("project_members.members_update", P + "/members/{membership}/", {"role": 15})
    yield get("projects.summary", f"{P}/summary/")
    yield from _workspace_level()
    yield from _deletions(item)


def _projects() -> Iterator[Recipe]:
    projects = f"{W}/projects/"
    undo = CREATED.format(projects)
    yield get("projects.list", projects, "list")
    yield post(
        "projects.create",
        projects,
        {
            "name": "transcript_{run}",
            "identifier": "TR{run}",
            "intake_view": True,
            "module_view": True,
            "cycle_view": True,
        },
        undo=undo,
        project=ID,
        project_identifier=field_of("identifier"),
    )
    # the identifier rule (issue 22): what Plane accepts, then what it refuses
    for label, identifier in (
        ("lower_underscore", "tr_{run}"),
        ("space", "T{run} 1"),
        ("umlaut", "TÄ{run}"),
    ):
        yield post(
            f"projects.create_identifier_{label}",
            projects,
            {"name": f"transcript_{{run}} {label}", "identifier": identifier},
            undo=undo,
        )
    for label, identifier in (
        ("hyphen", "T-{run}"),
        ("dot", "T.{run}"),
        ("thirteen", "TR{run}ABCDEFG"),
    ):
        yield post(
            f"projects.create_identifier_{label}",
            projects,
            {"name": f"transcript_{{run}} {label}", "identifier": identifier},
            undo=undo,
        )
    yield post(
        "projects.create_name_refused",
        projects,
        {"name": "transcript_{run} bad!", "identifier": "TB{run}"},
        undo=undo,
    )
    yield post(
        "projects.create_duplicate",
        projects,
        {"name": "transcript_{run}", "identifier": "TD{run}"},
        undo=undo,
    )
    yield get("projects.retrieve", projects + "{project}/")
    yield patch("projects.update", projects + "{project}/", {"description": "changed"})
    yield post("projects.archive", f"{P}/archive/", None)
    yield delete("projects.unarchive", f"{P}/archive/")


def _workspace_level() -> Iterator[Recipe]:
    yield from resource(
        "stickies",
        f"{W}/stickies/",
        "sticky",
        {"name": "transcript_{run}", "description_html": "<p>t</p>"},
        {"name": "transcript_{run} changed"},
    )
    yield from resource(
        "invitations",
        f"{W}/invitations/",
        "invitation",
        {"email": "transcript_{run}@example.com", "role": 5},
        {"role": 15},
    )
    # a workspace asset has no DELETE in the API: the one record it leaves holds no file
    yield post(
        "assets.create",
        f"{W}/assets/",
        {"name": "transcript.txt", "type": "text/plain", "size": 4},
        asset=asset_id,
    )
    yield get("assets.retrieve", W + "/assets/{asset}/")
    yield patch("assets.update", W + "/assets/{asset}/", {"is_uploaded": True})
    user_assets = "/assets/user-assets/"
    yield post(
        "user_assets.create",
        user_assets,
        {"name": "transcript.png", "type": "image/png", "size": 4, "entity_type": "USER_AVATAR"},
        undo=CREATED.format(user_assets),
        user_asset=asset_id,
    )
    yield patch("user_assets.update", user_assets + "{user_asset}/", {"attributes": {}})
    yield delete("user_assets.delete", user_assets + "{user_asset}/")


def _deletions(item: str) -> Iterator[Recipe]:
    yield delete("modules.issues.delete", P + "/modules/{module}/module-issues/{item}/")
    yield delete("cycles.issues.delete", P + "/cycles/{cycle}/cycle-issues/{item}/")
    for alias, segment in (("work_items", "attachments"), ("issues", "issue-attachments")):
        yield delete(
            f"{alias}.attachments.delete",
            f"{P}/{alias.replace('_', '-')}/{{item}}/{segment}/{{{alias}_attachment}}/",
        )
    for alias, base in (("work_items", item), ("issues", f"{P}/issues/{{item}}/")):
        yield delete(f"{alias}.links.delete", f"{base}links/{{{alias}_link}}/")
        yield delete(f"{alias}.comments.delete", f"{base}comments/{{{alias}_comment}}/")
    yield delete("issues.delete", P + "/issues/{item3}/")
    yield delete("work_items.delete", item)
    yield delete("intake.delete", P + "/intake-issues/{intake}/")
    yield delete("labels.delete", P + "/labels/{label}/")
    yield delete("states.delete", P + "/states/{state}/")
    yield delete("cycles.delete", P + "/cycles/{cycle}/")
    yield delete("modules.delete", P + "/modules/{module}/")
    yield delete("project_members.delete", P + "/project-members/{membership}/")
    yield delete("project_members.members_delete", P + "/members/{membership}/")
    yield delete("stickies.delete", W + "/stickies/{sticky}/")
    yield delete("invitations.delete", W + "/invitations/{invitation}/")
    yield delete("projects.delete", P + "/")
