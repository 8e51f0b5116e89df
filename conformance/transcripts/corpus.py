"""The corpus: a valid request for every operation of Plane's v1 surface, in the order a client
makes them (create, read, change, then delete), on a scratch project the run creates.

``valid()`` is that sequence; ``variants`` derives the invalid requests from it. Names are the
run's own (``transcript_<run>``): Plane refuses ``-`` in a project's name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from conformance.transcripts.recipes import Reader, Recipe, field_of

W = "/workspaces/{slug}"
P = W + "/projects/{project}"
ID = field_of("id")
# the path that deletes what a creation made: its collection and the id it answered
CREATED = "{}{{created}}/"


def _other_member(answer: Any, values: Mapping[str, str]) -> str | None:
    """The id of a workspace member who is not the key's user (``{me}``)."""
    members = answer if isinstance(answer, list) else []
    others = [
        m.get("id") for m in members if isinstance(m, dict) and m.get("id") != values.get("me")
    ]
    return str(others[0]) if others else None


def _attachment_id(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("attachment", "id")(answer, values) or ID(answer, values)


def _asset_id(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("asset_id")(answer, values) or ID(answer, values)


def _intake_issue(answer: Any, values: Mapping[str, str]) -> str | None:
    return field_of("issue")(answer, values) or field_of("issue_detail", "id")(answer, values)


def _get(name: str, path: str, role: str = "detail", **captures: Reader) -> Recipe:
    return Recipe(name, "GET", path, role, captures=captures)


def _post(name: str, path: str, body: Any, undo: str | None = None, **captures: Reader) -> Recipe:
    return Recipe(name, "POST", path, "create", body=body, captures=captures, undo=undo)


def _patch(name: str, path: str, body: Any) -> Recipe:
    return Recipe(name, "PATCH", path, "update", body=body)


def _delete(name: str, path: str) -> Recipe:
    return Recipe(name, "DELETE", path, "delete")


def _resource(
    name: str,
    collection: str,
    key: str,
    create: Any,
    change: Any,
    reader: Reader = ID,
    **captures: Reader,
) -> Iterator[Recipe]:
    """List, create (capturing ``key`` with ``reader``), retrieve and change one resource of
    ``collection``."""
    detail = f"{collection}{{{key}}}/"
    yield _get(f"{name}.list", collection, "list")
    yield _post(
        f"{name}.create",
        collection,
        create,
        undo=CREATED.format(collection),
        **{key: reader, **captures},
    )
    yield _get(f"{name}.retrieve", detail)
    yield _patch(f"{name}.update", detail, change)


def valid() -> tuple[Recipe, ...]:
    """Every operation once, with a request the real server takes, in a runnable order."""
    return tuple(_valid())


def _valid() -> Iterator[Recipe]:
    items = f"{P}/work-items/"
    item = f"{items}{{item}}/"
    yield _get("users.me", "/users/me/", me=ID)
    yield _get("members.list", f"{W}/members/", "list", other_user=_other_member)
    yield from _projects()
    yield from _resource(
        "states",
        f"{P}/states/",
        "state",
        {"name": "transcript_{run}", "color": "#112233"},
        {"color": "#332211"},
    )
    yield from _resource(
        "labels",
        f"{P}/labels/",
        "label",
        {"name": "transcript_{run}", "color": "#112233"},
        {"description": "changed"},
    )
    yield from _resource(
        "work_items",
        items,
        "item",
        {"name": "transcript_{run} one", "priority": "low"},
        {"priority": "high"},
        item_seq=field_of("sequence_id"),
    )
    yield _post(
        "work_items.create_second",
        items,
        {"name": "transcript_{run} two"},
        undo=CREATED.format(items),
        item2=ID,
    )
    yield from _resource(
        "issues", f"{P}/issues/", "item3", {"name": "transcript_{run} three"}, {"priority": "low"}
    )
    yield _get("work_items.by_identifier", W + "/work-items/{project_identifier}-{item_seq}/")
    yield _get("issues.by_identifier", W + "/issues/{project_identifier}-{item_seq}/")
    yield Recipe(
        "work_items.search",
        "GET",
        f"{W}/work-items/search/",
        "action",
        query=(("search", "transcript"),),
    )
    # paths that are not the API's, though they look like its lookups (issue 22)
    yield _get("work_items.by_identifier_uuid", W + "/work-items/{project}/", "action")
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
        yield from _resource(
            f"{alias}.comments",
            f"{base}comments/",
            f"{alias}_comment",
            {"comment_html": "<p>transcript</p>"},
            {"comment_html": "<p>x</p>"},
        )
        yield from _resource(
            f"{alias}.links",
            f"{base}links/",
            f"{alias}_link",
            {"url": f"https://example.com/{alias}/{{run}}"},
            {"title": "changed"},
        )
        yield _get(
            f"{alias}.activities.list",
            f"{base}activities/",
            "list",
            **{f"{alias}_activity": field_of("results", 0, "id")},
        )
        yield _get(f"{alias}.activities.retrieve", f"{base}activities/{{{alias}_activity}}/")
    yield _get("work_items.relations.list", f"{item}relations/", "detail")
    yield _post(
        "work_items.relations.create",
        f"{item}relations/",
        {"relation_type": "blocking", "issues": ["{item2}"]},
    )
    for alias, segment in (("work_items", "attachments"), ("issues", "issue-attachments")):
        base = f"{P}/{alias.replace('_', '-')}/{{item}}/{segment}/"
        key = f"{alias}_attachment"
        yield _get(f"{alias}.attachments.list", base, "list")
        yield _post(
            f"{alias}.attachments.create",
            base,
            {"name": "transcript.txt", "type": "text/plain", "size": 4},
            None,
            **{key: _attachment_id},
        )
        yield _get(f"{alias}.attachments.retrieve", f"{base}{{{key}}}/")
        yield _patch(f"{alias}.attachments.update", f"{base}{{{key}}}/", {"is_uploaded": True})
    yield from _cycles()
    yield from _modules()
    yield from _resource(
        "intake",
        f"{P}/intake-issues/",
        "intake",
        {"issue": {"name": "transcript_{run} intake"}},
        {"issue": {"name": "transcript_{run} triaged"}},
        _intake_issue,
    )
    yield _get("project_members.members_list", f"{P}/members/", "list")
    yield from _resource(
        "project_members",
        f"{P}/project-members/",
        "membership",
        {"member": "{other_user}", "role": 15},
        {"role": 5},
    )
    yield _get("projects.summary", f"{P}/summary/")
    yield from _workspace_level()
    yield from _deletions(item)


def _projects() -> Iterator[Recipe]:
    projects = f"{W}/projects/"
    undo = CREATED.format(projects)
    yield _get("projects.list", projects, "list")
    yield _post(
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
        yield _post(
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
        yield _post(
            f"projects.create_identifier_{label}",
            projects,
            {"name": f"transcript_{{run}} {label}", "identifier": identifier},
            undo=undo,
        )
    yield _post(
        "projects.create_name_refused",
        projects,
        {"name": "transcript_{run} bad!", "identifier": "TB{run}"},
        undo=undo,
    )
    yield _post(
        "projects.create_duplicate",
        projects,
        {"name": "transcript_{run}", "identifier": "TD{run}"},
        undo=undo,
    )
    yield _get("projects.retrieve", projects + "{project}/")
    yield _patch("projects.update", projects + "{project}/", {"description": "changed"})
    yield _post("projects.archive", f"{P}/archive/", None)
    yield _delete("projects.unarchive", f"{P}/archive/")


def _cycles() -> Iterator[Recipe]:
    cycles = f"{P}/cycles/"
    yield from _resource(
        "cycles",
        cycles,
        "cycle",
        {"name": "transcript_{run}", "project_id": "{project}"},
        {"description": "changed"},
    )
    yield _post(
        "cycles.create_without_project_id",
        cycles,
        {"name": "transcript_{run} no project"},
        undo=CREATED.format(cycles),
    )
    yield _post(
        "cycles.create_second",
        cycles,
        {
            "name": "transcript_{run} past",
            "project_id": "{project}",
            "start_date": "2024-01-01",
            "end_date": "2024-01-02",
        },
        undo=CREATED.format(cycles),
        cycle2=ID,
    )
    issues = cycles + "{cycle}/cycle-issues/"
    yield _get("cycles.issues.list", issues, "list")
    yield _post("cycles.issues.create", issues, {"issues": ["{item}"]})
    yield _get("cycles.issues.retrieve", issues + "{item}/")
    yield _post(
        "cycles.transfer", cycles + "{cycle}/transfer-issues/", {"new_cycle_id": "{cycle2}"}
    )
    yield _post("cycles.archive", cycles + "{cycle2}/archive/", None)
    yield _get("cycles.archived", f"{P}/archived-cycles/", "list")
    yield _delete("cycles.unarchive", f"{P}/archived-cycles/{{cycle2}}/unarchive/")


def _modules() -> Iterator[Recipe]:
    modules = f"{P}/modules/"
    yield from _resource(
        "modules", modules, "module", {"name": "transcript_{run}"}, {"status": "completed"}
    )
    issues = modules + "{module}/module-issues/"
    yield _get("modules.issues.list", issues, "list")
    yield _post("modules.issues.create", issues, {"issues": ["{item}"]})
    yield _post("modules.archive", modules + "{module}/archive/", None)
    yield _get("modules.archived", f"{P}/archived-modules/", "list")
    yield _delete("modules.unarchive", f"{P}/archived-modules/{{module}}/unarchive/")


def _workspace_level() -> Iterator[Recipe]:
    yield from _resource(
        "stickies",
        f"{W}/stickies/",
        "sticky",
        {"name": "transcript_{run}", "description_html": "<p>t</p>"},
        {"name": "transcript_{run} changed"},
    )
    yield from _resource(
        "invitations",
        f"{W}/invitations/",
        "invitation",
        {"email": "transcript_{run}@example.com", "role": 5},
        {"role": 15},
    )
    # a workspace asset has no DELETE in the API: the one record it leaves holds no file
    yield _post(
        "assets.create",
        f"{W}/assets/",
        {"name": "transcript.txt", "type": "text/plain", "size": 4},
        asset=_asset_id,
    )
    yield _get("assets.retrieve", W + "/assets/{asset}/")
    yield _patch("assets.update", W + "/assets/{asset}/", {"is_uploaded": True})
    user_assets = "/assets/user-assets/"
    yield _post(
        "user_assets.create",
        user_assets,
        {"name": "transcript.png", "type": "image/png", "size": 4, "entity_type": "USER_AVATAR"},
        undo=CREATED.format(user_assets),
        user_asset=_asset_id,
    )
    yield _patch("user_assets.update", user_assets + "{user_asset}/", {"attributes": {}})
    yield _delete("user_assets.delete", user_assets + "{user_asset}/")


def _deletions(item: str) -> Iterator[Recipe]:
    yield _delete("modules.issues.delete", P + "/modules/{module}/module-issues/{item}/")
    yield _delete("cycles.issues.delete", P + "/cycles/{cycle}/cycle-issues/{item}/")
    for alias, segment in (("work_items", "attachments"), ("issues", "issue-attachments")):
        yield _delete(
            f"{alias}.attachments.delete",
            f"{P}/{alias.replace('_', '-')}/{{item}}/{segment}/{{{alias}_attachment}}/",
        )
    for alias, base in (("work_items", item), ("issues", f"{P}/issues/{{item}}/")):
        yield _delete(f"{alias}.links.delete", f"{base}links/{{{alias}_link}}/")
        yield _delete(f"{alias}.comments.delete", f"{base}comments/{{{alias}_comment}}/")
    yield _delete("issues.delete", P + "/issues/{item3}/")
    yield _delete("work_items.delete", item)
    yield _delete("intake.delete", P + "/intake-issues/{intake}/")
    yield _delete("labels.delete", P + "/labels/{label}/")
    yield _delete("states.delete", P + "/states/{state}/")
    yield _delete("cycles.delete", P + "/cycles/{cycle}/")
    yield _delete("modules.delete", P + "/modules/{module}/")
    yield _delete("project_members.delete", P + "/project-members/{membership}/")
    yield _delete("stickies.delete", W + "/stickies/{sticky}/")
    yield _delete("invitations.delete", W + "/invitations/{invitation}/")
    yield _delete("projects.delete", P + "/")
