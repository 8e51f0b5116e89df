"""Which operations of the API are lists, which are single resources, and which are neither.

One decision, shared by the linter and the suite, made from two things a description states
and a client sees: the path, and the body declared for the 200 response.

- The path names **one item** when its last segment holds a parameter (``.../labels/{pk}/``,
  ``.../issues/{project_identifier}-{issue_identifier}/``); otherwise it names a collection or
  a fixed resource (``.../labels/``, ``users/me/``).
- The 200 body is the paginated **envelope** (an object with ``results`` and ``next_cursor`` or
  ``count``), a JSON **array**, some other JSON **object**, or **none** (no 200, or no JSON).

A GET is then:

=============  ======================================================================
``LIST``       on a collection path, declaring the envelope or a ``per_page``/``cursor``
               parameter, or on any path declaring an array and a paging parameter: a
               paginated list (the PAG and FLD requirements apply)
``PLAIN_LIST`` declaring a bare array and no paging parameter (on an item path too: the
               parameter then filters, as in ``/refs/{prefix}``)
``DETAIL``     on an item path, declaring a JSON object: one resource (FLD applies; PAG does
               not, and an envelope declared here is itself a mistake)
``SINGLETON``  on a collection path, declaring an object that is not the envelope:
               ``users/me/``, a summary, a search result
``OTHER``      no JSON body declared (a redirect to a file, an upload URL), or not a GET
=============  ======================================================================

Imports only the standard library.
"""

from __future__ import annotations

import enum
from collections.abc import Collection

#: The documented list envelope (PAG-01), in the documentation's order.
ENVELOPE_KEYS = (
    "next_cursor",
    "prev_cursor",
    "next_page_results",
    "prev_page_results",
    "count",
    "total_pages",
    "extra_stats",
    "results",
)
PAGING_PARAMETERS = ("per_page", "cursor")


class Body(enum.Enum):
    """What the 200 response of an operation is declared to carry."""

    ENVELOPE = "envelope"
    ARRAY = "array"
    OBJECT = "object"
    NONE = "none"


class Kind(enum.Enum):
    """What a GET is, from its path and its declared 200 body (see the module docstring)."""

    LIST = "list"
    PLAIN_LIST = "plain list"
    DETAIL = "detail"
    SINGLETON = "singleton"
    OTHER = "other"


_SCOPES = {
    Kind.LIST: "lists (GET on a collection path declaring the envelope, per_page or cursor, "
    "or on any path declaring an array and per_page or cursor)",
    Kind.PLAIN_LIST: "plain lists (GET declaring a bare array and no per_page or cursor)",
    Kind.DETAIL: "details (GET on an item path, whose last segment holds a parameter, "
    "declaring a JSON object)",
    Kind.SINGLETON: "singletons (GET on a collection path declaring an object that is not the "
    "envelope: users/me/, a summary, a search)",
    Kind.OTHER: "other operations (not a GET, or no JSON body declared)",
}


def describe(*kinds: Kind) -> str:
    """The kinds in words, for documenting the operations a check applies to."""
    return " and ".join(_SCOPES[kind] for kind in kinds)


def names_one_item(path: str) -> bool:
    """Whether the path's last segment holds a parameter: ``/labels/{pk}/`` but not
    ``/labels/`` or ``/users/me/``."""
    segments = [segment for segment in path.split("/") if segment]
    return bool(segments) and "{" in segments[-1]


def is_envelope(keys: Collection[str]) -> bool:
    """Whether an object with these keys (declared properties, or a response body's keys) is
    the list envelope: ``results`` and at least one of the paging keys beside it."""
    return "results" in keys and ("next_cursor" in keys or "count" in keys)


def body_of(declared_type: object, keys: Collection[str]) -> Body:
    """The ``Body`` of a declared JSON schema: its ``type`` and its property names."""
    types = {declared_type} if isinstance(declared_type, str) else set()
    if isinstance(declared_type, list):
        types = {str(kind) for kind in declared_type}
    if "array" in types and "object" not in types:
        return Body.ARRAY
    return Body.ENVELOPE if is_envelope(keys) else Body.OBJECT


def classify(method: str, path: str, body: Body, *, takes_paging: bool) -> Kind:
    """The kind of an operation. ``takes_paging``: it declares ``per_page`` or ``cursor``."""
    if method.lower() != "get":
        return Kind.OTHER
    if body is Body.ARRAY:
        return Kind.LIST if takes_paging else Kind.PLAIN_LIST
    if names_one_item(path):
        return Kind.OTHER if body is Body.NONE else Kind.DETAIL
    if body is Body.ENVELOPE or takes_paging:
        return Kind.LIST
    if body is Body.OBJECT:
        return Kind.SINGLETON
    return Kind.OTHER


def selects_fields(kind: Kind) -> bool:
    """Whether ``fields`` and ``expand`` apply (FLD-01..05): list items and single resources."""
    return kind in (Kind.LIST, Kind.DETAIL)


__all__ = [
    "ENVELOPE_KEYS",
    "PAGING_PARAMETERS",
    "Body",
    "Kind",
    "body_of",
    "classify",
    "describe",
    "is_envelope",
    "names_one_item",
    "selects_fields",
]
