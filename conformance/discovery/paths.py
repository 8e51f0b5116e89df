"""Path templates of a description, relative to the API base: their segments, the parameters
they hold, and which collection each parameter names an item of.

``workspaces/{slug}/projects/{project_id}/labels/{pk}/`` has the parameters ``slug`` (the
workspace), ``project_id`` (an item of ``workspaces/{slug}/projects/``) and ``pk`` (an item of
``workspaces/{slug}/projects/{project_id}/labels/``, and the path's own item). A segment may hold
more than one parameter: ``issues/{project_identifier}-{issue_identifier}/`` names a work item
by its project's identifier and its sequence number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PARAMETER = re.compile(r"{([^{}]+)}")
WORKSPACE_COLLECTION = "workspaces"


@dataclass(frozen=True, slots=True)
class Segment:
    """One ``/``-separated part of a template, and where it stands."""

    text: str
    index: int

    @property
    def names(self) -> tuple[str, ...]:
        """The parameters the segment holds, in order."""
        return tuple(_PARAMETER.findall(self.text))

    @property
    def is_parameter(self) -> bool:
        """The whole segment is one parameter: ``{pk}``, not ``{a}-{b}`` or ``labels``."""
        return len(self.names) == 1 and self.text == "{" + self.names[0] + "}"

    @property
    def is_compound(self) -> bool:
        """The segment holds parameters with text between them: ``{a}-{b}``."""
        return bool(self.names) and not self.is_parameter


def segments(template: str) -> tuple[Segment, ...]:
    """The template's non-empty segments, numbered from 0."""
    parts = [part for part in template.split("/") if part]
    return tuple(Segment(part, index) for index, part in enumerate(parts))


def parameters(template: str) -> tuple[str, ...]:
    """Every parameter of the template, in order."""
    return tuple(name for segment in segments(template) for name in segment.names)


def collection_of(template: str, segment: Segment) -> str:
    """The collection whose item ``segment`` names: the template up to it
    (``workspaces/{slug}/projects/`` for the ``{project_id}`` segment)."""
    parts = [s.text for s in segments(template)[: segment.index]]
    return "/".join(parts) + "/"


def collection_name(template: str, segment: Segment) -> str:
    """The last fixed word before ``segment``: ``projects`` for ``{project_id}``."""
    before = [s for s in segments(template)[: segment.index] if not s.names]
    return before[-1].text if before else ""


def is_workspace(template: str, segment: Segment) -> bool:
    """The segment is the workspace slug: the parameter right after ``workspaces/``."""
    return segment.is_parameter and collection_of(template, segment) == WORKSPACE_COLLECTION + "/"


def own_segment(template: str) -> Segment | None:
    """The last segment when it holds a parameter: the one item the path names."""
    found = segments(template)
    return found[-1] if found and found[-1].names else None


def id_segments(template: str) -> tuple[Segment, ...]:
    """Segments that are one id parameter each (not the workspace slug, not compound)."""
    return tuple(s for s in segments(template) if s.is_parameter and not is_workspace(template, s))


def fill(template: str, values: dict[str, str]) -> str:
    """The template with each ``{name}`` replaced by ``values[name]`` (all must be given)."""
    return _PARAMETER.sub(lambda match: values[match.group(1)], template)
