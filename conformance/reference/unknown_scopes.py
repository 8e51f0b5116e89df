"""What each of Plane's views answers for a workspace or project the key cannot see, an unknown
one included (the fault ``unknown-scope-per-view``, over ``unknown-project-403``'s 403 for all).

Plane's permission classes differ from view to view: most refuse (403 ``{"detail"}``), some
only filter by the ids in the path (an empty list, or 404 for one record), as the transcripts
of the real server show (``specs/plane-4ca6d6c.transcript.json``).
"""

from __future__ import annotations

import re
from enum import Enum


class Outcome(Enum):
    DENIED = "denied"  # 403 {"detail"}: the permission class refuses
    EMPTY = "empty"  # the view filters by the unknown id: nothing there (lists empty, 404 else)
    NOT_FOUND = "not found"  # 404 {"error"}: the view looks the scope up itself
    DENIED_AS_ERROR = "denied as error"  # 403 in the view's own shape, {"error"}


_ID = "[0-9a-f-]{36}"
_PROJECT = rf"/api/v1/workspaces/[^/]+/projects/{_ID}/"
_ATTACHMENTS = rf"{_PROJECT}(work-items/{_ID}/attachments|issues/{_ID}/issue-attachments)/"
# (method, path) -> outcome, under a workspace that exists and a project that does not
_UNKNOWN_PROJECT: tuple[tuple[str, re.Pattern[str], Outcome], ...] = (
    ("GET", re.compile(rf"{_PROJECT}labels/"), Outcome.EMPTY),
    ("POST", re.compile(rf"{_PROJECT}labels/"), Outcome.NOT_FOUND),
    ("GET", re.compile(rf"{_PROJECT}labels/{_ID}/"), Outcome.NOT_FOUND),
    ("GET", re.compile(_ATTACHMENTS), Outcome.EMPTY),
    ("POST", re.compile(_ATTACHMENTS), Outcome.NOT_FOUND),
    ("GET", re.compile(rf"{_ATTACHMENTS}{_ID}/"), Outcome.DENIED_AS_ERROR),
    ("PATCH", re.compile(rf"{_ATTACHMENTS}{_ID}/"), Outcome.NOT_FOUND),
    ("DELETE", re.compile(rf"{_ATTACHMENTS}{_ID}/"), Outcome.NOT_FOUND),
    ("GET", re.compile(rf"{_PROJECT}(project-)?members/"), Outcome.EMPTY),
    ("GET", re.compile(rf"{_PROJECT}(project-)?members/{_ID}/"), Outcome.NOT_FOUND),
    ("GET", re.compile(rf"{_PROJECT}summary/"), Outcome.NOT_FOUND),
)
# the same for a workspace that does not exist
_UNKNOWN_WORKSPACE: tuple[tuple[str, re.Pattern[str], Outcome], ...] = (
    ("GET", re.compile(r"/api/v1/workspaces/[^/]+/(work-items|issues)/search/"), Outcome.EMPTY),
    ("GET", re.compile(_ATTACHMENTS), Outcome.EMPTY),
    ("GET", re.compile(rf"{_ATTACHMENTS}{_ID}/"), Outcome.NOT_FOUND),
    ("GET", re.compile(rf"/api/v1/workspaces/[^/]+/assets/{_ID}/"), Outcome.NOT_FOUND),
)


def outcome(method: str, path: str, *, workspace_known: bool) -> Outcome:
    """What Plane's view at ``path`` answers ``method`` when the path's project (or, without
    ``workspace_known``, its workspace) is one the key cannot see."""
    table = _UNKNOWN_PROJECT if workspace_known else _UNKNOWN_WORKSPACE
    for wanted, pattern, answer in table:
        if method == wanted and pattern.fullmatch(path):
            return answer
    return Outcome.DENIED
