"""The views of Plane that hand no ``fields`` or ``expand`` to their serializer: under the fault
``fields-ignored-by-some-views`` they answer the whole resource whatever the query names, as
the transcripts of the real server show (``specs/plane-4ca6d6c.transcript.json``).

The key's user, the members of a workspace or project (and one membership), one sticky and one
invitation; a project's summary ignores the names it does not count.
"""

from __future__ import annotations

import re

_ID = "[0-9a-f-]{36}"
_IGNORING = re.compile(
    rf"/api/v1/(users/me/"
    rf"|workspaces/[^/]+/members/"
    rf"|workspaces/[^/]+/projects/{_ID}/(project-)?members/({_ID}/)?"
    rf"|workspaces/[^/]+/stickies/{_ID}/"
    rf"|workspaces/[^/]+/invitations/{_ID}/)"
)


def ignores_selection(path: str) -> bool:
    """Whether Plane's view at ``path`` (ending in ``/``) ignores ``fields`` and ``expand``."""
    return _IGNORING.fullmatch(path) is not None
