"""The corpus's requests for cycles and modules, the containers of work items: each made, read
and changed, a work item added to it, a cycle's work items moved, each archived and restored.
"""

from __future__ import annotations

from collections.abc import Iterator

from conformance.transcripts.recipes import Recipe
from conformance.transcripts.steps import CREATED, ID, P, delete, get, post, resource


def cycles() -> Iterator[Recipe]:
    collection = f"{P}/cycles/"
    yield from resource(
        "cycles",
        collection,
        "cycle",
        {"name": "transcript_{run}", "project_id": "{project}"},
        {"description": "changed"},
    )
    yield post(
        "cycles.create_without_project_id",
        collection,
        {"name": "transcript_{run} no project"},
        undo=CREATED.format(collection),
    )
    yield post(
        "cycles.create_second",
        collection,
        {
            "name": "transcript_{run} past",
            "project_id": "{project}",
            "start_date": "2024-01-01",
            "end_date": "2024-01-02",
        },
        undo=CREATED.format(collection),
        cycle2=ID,
    )
    issues = collection + "{cycle}/cycle-issues/"
    yield get("cycles.issues.list", issues, "list")
    yield post("cycles.issues.create", issues, {"issues": ["{item}"]})
    yield get("cycles.issues.retrieve", issues + "{item}/")
    yield post(
        "cycles.transfer", collection + "{cycle}/transfer-issues/", {"new_cycle_id": "{cycle2}"}
    )
    yield post("cycles.archive", collection + "{cycle2}/archive/", None)
    yield get("cycles.archived", f"{P}/archived-cycles/", "list")
    yield delete("cycles.unarchive", f"{P}/archived-cycles/{{cycle2}}/unarchive/")


def modules() -> Iterator[Recipe]:
    collection = f"{P}/modules/"
    yield from resource(
        "modules", collection, "module", {"name": "transcript_{run}"}, {"status": "completed"}
    )
    issues = collection + "{module}/module-issues/"
    yield get("modules.issues.list", issues, "list")
    yield post("modules.issues.create", issues, {"issues": ["{item}"]})
    yield post("modules.archive", collection + "{module}/archive/", None)
    yield get("modules.archived", f"{P}/archived-modules/", "list")
    yield delete("modules.unarchive", f"{P}/archived-modules/{{module}}/unarchive/")
