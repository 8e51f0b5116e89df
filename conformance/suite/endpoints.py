"""Every endpoint and method of the surface, with the ids of the subject filled in, and what the
suite knows of each: which paths name things that do not exist on purpose, and which endpoints
the target does not have at all."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import pytest

from conformance.checks.probes import UNDEFINED_SEGMENT, UNKNOWN_ID, lies_below
from conformance.errors import TargetError
from conformance.plugin.coverage import Coverage
from conformance.plugin.subject import Subject
from conformance.plugin.target import Reply, Target
from conformance.suite.absent_routes import confirm_absent
from conformance.surface import COLLECTIONS, ME, MEMBERS, Collection

UNDEFINED_PATH = "workspaces/{slug}" + UNDEFINED_SEGMENT


@dataclass(frozen=True, slots=True)
class Endpoint:
    method: str
    path: str
    body: dict[str, Any] | None = None
    # the list endpoint whose presence decides whether this one exists on the target
    list_path: str | None = None

    @property
    def label(self) -> str:
        return f"{self.method} {self.path}"


def outside_api(target: Target, url: str) -> bool:
    """The URL lies outside the API base (the target's description, fetched at the start): no
    check of the API judges what it answered."""
    base = (target.settings.target or "").rstrip("/") + "/"
    return not url.startswith(base)


def list_path(target: Target, subject: Subject, item: Collection) -> str | None:
    """The collection's path for the subject, or None when the subject lacks a parent id."""
    ids = subject.ids()
    if not set(item.placeholders) - {"slug"} <= ids.keys():
        return None
    return target.path(item.path, **ids)


def missing_parent(subject: Subject, item: Collection) -> str:
    """Why the subject cannot fill ``item``'s path: the first part it lacks, with the reason."""
    lacking = [p for p in item.placeholders if p != "slug" and p not in subject.ids()]
    return subject.why_missing(lacking[0]) if lacking else "the subject has every parent"


def absence(target: Target, path: str) -> str | None:
    """Why the endpoint at ``path`` is absent from the target (a valid key's GET got 404), or
    None when it is there. Asked once per endpoint: the answer is kept on the target."""
    if path in target.absent:
        return target.absent[path]
    reply = target.get(path, params={"per_page": 1})
    note_presence(target, path, reply)
    return target.absent.get(path)


def note_presence(target: Target, path: str, reply: Reply) -> None:
    """Remember an endpoint as absent when a valid key's GET of it got 404."""
    if reply.status == 404 and confirm_absent(target, path, reply) is None:
        # a list a valid key gets 404 for is absent, whatever a keyless request gets there
        target.absent.setdefault(path, f"GET {reply.exchange.url} with a valid key answered 404")


def in_absent_endpoint(target: Target, url: str) -> bool:
    """The URL lies in an endpoint the target does not have (or below one)."""
    return lies_below(url, target.absent)


def absent_evidence(target: Target, url: str) -> str | None:
    """Why the endpoint the URL lies in (or below) is absent from the target, or None."""
    return next((why for path, why in target.absent.items() if lies_below(url, (path,))), None)


def every_endpoint(target: Target, subject: Subject, *, smoke: bool) -> list[Endpoint]:
    """Each list and item endpoint with each of its methods; item ids are well-formed unknowns
    so that a server that wrongly accepts a request cannot change real data."""
    chosen = [c for c in COLLECTIONS if not smoke or c.name in ("projects", "issues")]
    endpoints = [Endpoint("GET", ME, list_path=ME)]  # absent from older releases
    ids = subject.ids()
    for item in chosen:
        path = list_path(target, subject, item)
        if path is None:
            continue
        endpoints += [
            Endpoint("GET", path, list_path=path),
            Endpoint("POST", path, {"name": "unauthenticated"}, list_path=path),
        ]
        if item.detail is not None:
            detail = target.path(item.detail, **{**ids, "id": UNKNOWN_ID})
            endpoints += [
                Endpoint("GET", detail, list_path=path),
                Endpoint("PATCH", detail, {"name": "x"}, list_path=path),
                Endpoint("DELETE", detail, list_path=path),
            ]
    if not smoke:
        members = target.path(MEMBERS, **ids)
        endpoints.append(Endpoint("GET", members, list_path=members))
    if target.settings.read_only or not subject.created:
        # a project of the user's: nothing that could write, even refused
        endpoints = [e for e in endpoints if e.method == "GET"]
    return endpoints


def undo_creation(target: Target, path: str, reply: Reply) -> None:
    """Delete what a request that should have been refused created anyway, so a server's mistake
    in one test does not change the collections later tests count."""
    body = reply.body
    if reply.status < 300 and isinstance(body, dict) and body.get("id"):
        # The finding stands either way; the scratch project is deleted at the end anyway.
        with contextlib.suppress(TargetError):
            target.request("DELETE", f"{path.rstrip('/')}/{body['id']}/")


def judged_by_operations(plane: Target, coverage: Coverage, *templates: str) -> None:
    """Skip a test of the fixed surface whose every endpoint an operation test of this run
    judges for the same requirements (``test_operations``): its requests would decide nothing
    those do not. The smoke profile has no operation tests, so it keeps them all."""
    labels = [coverage.judged_by(template) for template in templates]
    if plane.settings.full and labels and all(labels):
        shown = ", ".join(label for label in labels if label)
        pytest.skip(f"judged with every declared operation, by the test of {shown}")
