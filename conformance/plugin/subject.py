"""The data a run tests against: a scratch project it creates (and always deletes), or, with
``--read-only``, the ids of an existing project it only reads.

Scratch data uses names and bodies any reasonable server accepts: letters, digits and spaces.
Only the project is essential; a resource the target refuses to create (a label, work items, a
module, a cycle) is recorded with the target's answer, and only the checks that need it skip.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from conformance.errors import TargetError
from conformance.http.waiting import longest_wait_s
from conformance.plugin.target import Reply, Target
from conformance.surface import collection

SCRATCH_ISSUES = 3
# How a part of the subject is named in messages, where its path name is not enough.
NAMES = {"issue": "work item"}


@dataclass(slots=True)
class Subject:
    """Ids of the project under test and of what it holds; ``created`` when it is scratch.

    ``missing`` says, for each part the run could not create or find, why (the target's
    answer): a check that needs it skips with that reason.
    """

    project: str
    created: bool
    prefix: str
    issues: list[str] = field(default_factory=list)
    label: str | None = None
    user: str | None = None
    module: str | None = None
    cycle: str | None = None
    state: str | None = None
    comment: str | None = None
    link: str | None = None
    creations: list[Reply] = field(default_factory=list)
    listings: dict[str, list[str]] = field(default_factory=dict)
    missing: dict[str, str] = field(default_factory=dict)
    # items the run made outside the scratch project (paths, to DELETE before the project)
    outside: list[str] = field(default_factory=list)

    def ids(self) -> dict[str, str]:
        """Placeholder values for surface paths (only those that are known)."""
        known = {
            "project": self.project,
            "module": self.module,
            "cycle": self.cycle,
            "issue": self.issues[0] if self.issues else None,
        }
        return {k: v for k, v in known.items() if v}

    def unwritable(self) -> str | None:
        """Why the run may not write here, or None on a scratch project of its own."""
        if self.created:
            return None
        return self.missing.get("scratch", "the run only reads the given project")

    def why_missing(self, part: str) -> str:
        """Why the subject has no ``part``: the target's answer when there is one."""
        reason = self.missing.get(part)
        what = NAMES.get(part, part)
        return reason or f"the {'scratch' if self.created else 'given'} project has no {what}"


class ScratchFailed(TargetError):
    """The scratch project could not be built; ``reply`` is the creation that failed."""

    def __init__(self, message: str, reply: Reply) -> None:
        super().__init__(message)
        self.reply = reply


def failed_creation(reply: Reply) -> str | None:
    """What a creation that did not produce a resource with an id was answered, or None."""
    body = reply.body
    if reply.status < 300 and isinstance(body, dict) and body.get("id"):
        return None
    shown = "without an id" if reply.status < 300 else reply.response.text[:160].strip()
    return f"{reply.exchange.method} {reply.exchange.url} answered {reply.status} {shown}".rstrip()


def refusal(reply: Reply, what: str) -> str | None:
    """Why a creation did not produce a resource with an id, or None when it did."""
    answer = failed_creation(reply)
    return None if answer is None else f"the target refused to create the {what}: {answer}"


def _create(
    target: Target, subject: Subject, path: str, body: dict[str, object], part: str
) -> str | None:
    """POST ``body``; the new id, or None with the refusal noted in ``subject.missing``."""
    reply = target.request("POST", path, json=body)
    subject.creations.append(reply)
    reason = refusal(reply, NAMES.get(part, part))
    if reason is not None:
        subject.missing.setdefault(part, reason)
        return None
    return str(reply.body["id"])


def create_scratch(target: Target, made: list[Subject]) -> Subject:
    """A fresh project named with a run prefix, holding what the deep checks need (and the
    operation tests read: a comment and a link on the first work item). The subject
    goes into ``made`` as soon as the project exists, so an interrupted setup still deletes it."""
    prefix = "pc" + secrets.token_hex(3)
    identifier = "PC" + secrets.token_hex(4).upper()[:8]
    reply = target.request(
        "POST",
        target.path("workspaces/{slug}/projects/"),
        # modules, cycles and intake asked for by name: a server may keep them off until asked
        json={
            "name": f"{prefix} conformance scratch",
            "identifier": identifier,
            "module_view": True,
            "cycle_view": True,
            "intake_view": True,
        },
    )
    answer = failed_creation(reply)
    if answer is not None:
        raise ScratchFailed(f"could not create the scratch project: {answer}", reply)
    subject = Subject(project=str(reply.body["id"]), created=True, prefix=prefix)
    made.append(subject)
    subject.creations.append(reply)
    me = target.me()
    if me.status == 200 and isinstance(me.body, dict) and "id" in me.body:
        subject.user = str(me.body["id"])
    base = target.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    subject.label = _create(
        target, subject, base + "labels/", {"name": f"{prefix} label", "color": "#3366ff"}, "label"
    )
    for number in range(1, SCRATCH_ISSUES + 1):
        body: dict[str, object] = {"name": f"{prefix} issue {number}", "priority": "medium"}
        if subject.label:
            body["labels"] = [subject.label]
        if subject.user:
            body["assignees"] = [subject.user]
        if subject.issues:
            body["parent"] = subject.issues[0]
        issue = _create(target, subject, base + "issues/", body, "issue")
        if issue is None:
            break
        subject.issues.append(issue)
    if subject.issues:
        issue = f"{base}issues/{subject.issues[0]}/"
        comment: dict[str, object] = {"comment_html": f"<p>{prefix} comment</p>"}
        subject.comment = _create(target, subject, issue + "comments/", comment, "comment")
        link: dict[str, object] = {
            "url": f"https://example.com/{prefix}",
            "title": f"{prefix} link",
        }
        subject.link = _create(target, subject, issue + "links/", link, "link")
    subject.module = _create(
        target, subject, base + "modules/", {"name": f"{prefix} module"}, "module"
    )
    subject.cycle = _create(target, subject, base + "cycles/", {"name": f"{prefix} cycle"}, "cycle")
    return subject


def read_instead(target: Target, project: str, failed: ScratchFailed) -> Subject:
    """The given project, only read, for a run whose scratch project the target refused: the
    reads are still judged, what needs writes skips with the refusal, and the refused creation
    stays evidence (HTTP-02, FMT-02)."""
    subject = discover(target, project)
    subject.creations.append(failed.reply)
    subject.missing["scratch"] = f"{failed}; the run read project {project} instead"
    return subject


def discover(target: Target, project: str) -> Subject:
    """Ids of an existing project's contents, read with one small page per collection (the
    first item; the first issues); a collection that cannot be read is noted as missing, with
    the target's answer."""
    subject = Subject(project=project, created=False, prefix="")
    ids = {"project": project}
    for name in ("issues", "labels", "modules", "cycles", "states"):
        path = target.path(collection(name).path, **ids)
        # one item but of the issues, and read as the operation tests read a list: once
        size = SCRATCH_ISSUES if name == "issues" else 1
        reply = target.read_once(path, {"per_page": size})
        body = reply.body
        part = name.removesuffix("s")
        if reply.status != 200 or not isinstance(body, dict):
            if name == "issues" and reply.status in (401, 403, 404):
                raise TargetError(f"cannot read the issues of project {project}: {reply.status}")
            subject.missing[part] = f"GET {reply.exchange.url} answered {reply.status}"
            continue
        found = [str(i["id"]) for i in body.get("results", []) if isinstance(i, dict) and "id" in i]
        if name == "issues":
            subject.issues = found
        elif found:
            setattr(subject, part, found[0])
    me = target.me()
    if me.status == 200 and isinstance(me.body, dict):
        subject.user = str(me.body.get("id")) if me.body.get("id") else None
    return subject


def delete_scratch(target: Target, subject: Subject) -> list[str]:
    """Delete the scratch project (the server cascades) and read it back: what was left behind,
    if anything, as the target showed it."""
    if not subject.created:
        return []
    path = target.path("workspaces/{slug}/projects/{project}/", project=subject.project)
    target.waiter.allow(longest_wait_s(target.settings.rate_window))
    left = f"project {subject.project} ({subject.prefix})"
    gone = delete_outside(target, subject)
    try:
        reply = target.request("DELETE", path)
        if reply.status not in (200, 202, 204, 404):
            return [*gone, f"{left}: DELETE answered {reply.status}"]
        after = target.get(path)
    except TargetError as exc:
        return [*gone, f"{left}: {exc}"]
    if after.status != 404:
        return [*gone, f"{left}: still there after DELETE (GET answered {after.status})"]
    return gone


def delete_outside(target: Target, subject: Subject) -> list[str]:
    """Delete what the run made outside the scratch project (the last made first): what could
    not be deleted, as the target answered."""
    left: list[str] = []
    while subject.outside:
        path = subject.outside.pop()
        try:
            reply = target.request("DELETE", path)
        except TargetError as exc:
            left.append(f"{path}: {exc}")
            continue
        if reply.status not in (200, 202, 204, 404):
            left.append(f"{path}: DELETE answered {reply.status}")
    return left
