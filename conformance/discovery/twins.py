"""Twin routes: one operation a description declares on two paths.

Plane serves some views under two names: ``issues/`` and ``work-items/`` (the older name and
the newer), ``members/`` and ``project-members/``. Its description declares each twin exactly
as the first: the same summary, parameters and responses, only the path's literal segments and
the ``operationId`` differ (drf-spectacular's ``list_work_items`` and ``list_work_items_2``).
The run reads and probes each path, but asks a view's query parameters (``per_page``, ``fields``,
``expand``) once, on the first of its twins, where the twin's own read answers alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from typing import Any

# What may differ between twins: the name of the operation and how it is filed.
_NAMING = frozenset({"operationId", "tags"})
# A literal segment of a path (not the last one, which is empty after the trailing slash).
_LITERAL = re.compile(r"(?<=/)[^/{}]+(?=/)")


def declaration(path: str, node: Mapping[str, Any], path_item: Mapping[str, Any]) -> str:
    """What makes two declared operations twins, as one text: the path with its literal
    segments blanked out, the operation without its name, and the path's own parameters."""
    declared = {key: value for key, value in node.items() if key not in _NAMING}
    shared = path_item.get("parameters")
    text = json.dumps([declared, shared], sort_keys=True, default=str)
    return f"{_LITERAL.sub('*', path)} {text}"


def first_twins(declared: Iterable[tuple[str, str]]) -> dict[str, str]:
    """For each label (of ``(label, declaration)`` pairs, in order) declared exactly as an
    earlier one, the label of the first."""
    first: dict[str, str] = {}
    twins: dict[str, str] = {}
    for label, text in declared:
        if text in first:
            twins[label] = first[text]
        else:
            first[text] = label
    return twins
