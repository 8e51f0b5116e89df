"""The data a run tests against: a scratch project it creates (and always deletes), or, with
``--read-only``, the ids of an existing project it only reads."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from conformance.errors import TargetError
from conformance.plugin.target import Reply, Target
from conformance.surface import ME, collection

SCRATCH_ISSUES = 3


@dataclass(slots=True)
class Subject:
    """Ids of the project under test and of what it holds; ``created`` when it is scratch."""

    project: str
    created: bool
    prefix: str
    issues: list[str] = field(default_factory=list)
    label: str | None = None
    user: str | None = None
    module: str | None = None
    cycle: str | None = None
    state: str | None = None
    creations: list[Reply] = field(default_factory=list)
    listings: dict[str, list[str]] = field(default_factory=dict)

    def ids(self) -> dict[str, str]:
        """Placeholder values for surface paths (only those that are known)."""
        known = {
            "project": self.project,
            "module": self.module,
            "cycle": self.cycle,
            "issue": self.issues[0] if self.issues else None,
        }
        return {k: v for k, v in known.items() if v}


class ScratchFailed(TargetError):
    """The scratch project could not be built; ``reply`` is the creation that failed."""

    def __init__(self, message: str, reply: Reply) -> None:
        super().__init__(message)
        self.reply = reply


def _created_id(reply: Reply, what: str) -> str:
    body = reply.body
    if reply.status >= 300 or not isinstance(body, dict) or not body.get("id"):
        shown = "without an id" if reply.status < 300 else ""
        raise ScratchFailed(
            f"could not create the scratch {what}: {reply.exchange.method} "
            f"{reply.exchange.url} answered {reply.status} {shown}".rstrip(),
            reply,
        )
    return str(body["id"])


def create_scratch(target: Target, made: list[Subject]) -> Subject:
    """A fresh project named with a run prefix, holding what the deep checks need. The subject
    goes into ``made`` as soon as the project exists, so an interrupted setup still deletes it."""
    prefix = "pc-" + secrets.token_hex(3)
    identifier = "PC" + secrets.token_hex(4).upper()[:8]
    reply = target.request(
        "POST",
        target.path("workspaces/{slug}/projects/"),
        json={"name": f"{prefix} conformance scratch", "identifier": identifier},
    )
    subject = Subject(project=_created_id(reply, "project"), created=True, prefix=prefix)
    made.append(subject)
    subject.creations.append(reply)
    me = target.get(ME)
    if me.status == 200 and isinstance(me.body, dict) and "id" in me.body:
        subject.user = str(me.body["id"])
    base = target.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    label = target.request(
        "POST", base + "labels/", json={"name": f"{prefix}-label", "color": "#3366ff"}
    )
    subject.creations.append(label)
    subject.label = _created_id(label, "label")
    for number in range(1, SCRATCH_ISSUES + 1):
        body: dict[str, object] = {
            "name": f"{prefix} issue {number}",
            "priority": "medium",
            "labels": [subject.label],
        }
        if subject.user:
            body["assignees"] = [subject.user]
        if subject.issues:
            body["parent"] = subject.issues[0]
        issue = target.request("POST", base + "issues/", json=body)
        subject.creations.append(issue)
        subject.issues.append(_created_id(issue, "issue"))
    module = target.request("POST", base + "modules/", json={"name": f"{prefix} module"})
    subject.creations.append(module)
    subject.module = _created_id(module, "module")
    cycle = target.request("POST", base + "cycles/", json={"name": f"{prefix} cycle"})
    subject.creations.append(cycle)
    subject.cycle = _created_id(cycle, "cycle")
    return subject


def discover(target: Target, project: str) -> Subject:
    """Ids of an existing project's contents, read with one small page per collection."""
    subject = Subject(project=project, created=False, prefix="")
    ids = {"project": project}
    for name in ("issues", "labels", "modules", "cycles", "states"):
        path = target.path(collection(name).path, **ids)
        reply = target.get(path, params={"per_page": SCRATCH_ISSUES})
        body = reply.body
        if reply.status != 200 or not isinstance(body, dict):
            raise TargetError(f"cannot read {name} of project {project}: {reply.status}")
        found = [str(i["id"]) for i in body.get("results", []) if isinstance(i, dict) and "id" in i]
        if name == "issues":
            subject.issues = found
        elif found:
            setattr(subject, name.rstrip("s"), found[0])
    me = target.get(ME)
    if me.status == 200 and isinstance(me.body, dict):
        subject.user = str(me.body.get("id")) if me.body.get("id") else None
    return subject


def delete_scratch(target: Target, subject: Subject) -> list[str]:
    """Delete the scratch project (the server cascades); what was left behind, if anything."""
    if not subject.created:
        return []
    path = target.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    target.waiter.allow(target.settings.rate_window + 5)
    try:
        reply = target.request("DELETE", path)
    except TargetError as exc:
        return [f"project {subject.project} ({subject.prefix}): {exc}"]
    if reply.status in (200, 202, 204, 404):
        return []
    return [f"project {subject.project} ({subject.prefix}): DELETE answered {reply.status}"]
