"""What every passive judge needs beside the traffic: the endpoints the target does not have,
the requests that are another requirement's evidence, and the checker they all write to."""

from __future__ import annotations

from dataclasses import dataclass, field

from conformance.audit.traffic import Call, Traffic, list_of, lists_members
from conformance.checks import Checker
from conformance.checks.pagination import parse_cursor, positive_int
from conformance.checks.probes import (
    FOREIGN_WORKSPACE,
    UNKNOWN_ID,
    lies_below,
    names_unknown,
    names_unknown_id,
)
from conformance.surface import Collection

NOT_SHOWN = "not shown by the traffic"


def invalid_parameters(call: Call) -> bool:
    """The query holds a page size or a cursor that is not of the documented form."""
    size, cursor = call.param("per_page"), call.param("cursor")
    return (size is not None and positive_int(size) is None) or (
        cursor is not None and parse_cursor(cursor) is None
    )


def probes_authentication_order(call: Call) -> bool:
    """An unauthenticated request that AUTH-06 speaks for: invalid parameters, another
    workspace, or an unknown id above the last segment (an unknown project's list)."""
    url = call.exchange.url
    parents = call.path.strip("/").split("/")[:-1]
    return invalid_parameters(call) or FOREIGN_WORKSPACE in url or UNKNOWN_ID in parents


@dataclass(slots=True)
class Scope:
    traffic: Traffic
    check: Checker = field(default_factory=Checker)
    absent: set[str] = field(default_factory=set)
    _keyed: list[Call] | None = None

    @classmethod
    def of(cls, traffic: Traffic) -> Scope:
        """Endpoints a valid key's GET found missing (404) are absent, as the suite notes them
        (a GET with a cursor is not asked whether the endpoint exists: a 404 there is PAG-14's)."""
        absent = {
            c.path
            for c in traffic.answered()
            if c.method == "GET"
            and c.status == 404
            and traffic.valid(c)
            and (list_of(c.path) is not None or lists_members(c.path))
            and not names_unknown(c.exchange.url)
            and c.param("cursor") is None
        }
        return cls(traffic, Checker(), absent | absent_for_anyone(traffic))

    def is_absent(self, url: str) -> bool:
        return lies_below(url, self.absent)

    def keyed(self) -> list[Call]:
        """Answered calls with a valid key in X-API-Key, to endpoints the target has, that the
        rate limit let through: a 429 is RATE's to judge and says nothing of the endpoint (a
        client sends the request again)."""
        if self._keyed is None:
            self._keyed = [
                c
                for c in self.traffic.answered()
                if self.traffic.valid(c) and not self.is_absent(c.exchange.url) and c.status != 429
            ]
        return self._keyed

    def untested(self, requirement: str, reason: str = NOT_SHOWN) -> None:
        self.check.skip(requirement, reason)


def absent_for_anyone(traffic: Traffic) -> set[str]:
    """Paths a valid key's GET and a keyless request both got 404 for, on a target whose projects
    list answers a keyless GET with 401 (and a project with an unknown id too, for a path that
    names one): routes the target does not have, as ``conformance.suite.absent_routes`` tells
    them."""
    answered = [c for c in traffic.answered() if c.method == "GET" and c.param("cursor") is None]
    keyless = [c for c in answered if c.keyless]
    refuses = any(c.status == 401 and _named(list_of(c.path)) == "projects" for c in keyless)
    refuses_unknown = any(
        c.status == 401 and UNKNOWN_ID in c.exchange.url and _is_project(c.path) for c in keyless
    )
    if not refuses:
        return set()
    # a keyless 404 of any method: the write tests ask their POSTs, PATCHes and DELETEs too
    nobody = {
        c.path
        for c in traffic.answered()
        if c.keyless and c.status == 404 and c.param("cursor") is None
    }
    return {
        c.path
        for c in answered
        if c.status == 404
        and traffic.valid(c)
        and c.path in nobody
        and (refuses_unknown or not names_unknown_id(c.exchange.url))
        and FOREIGN_WORKSPACE not in c.exchange.url
    }


def _named(collection: Collection | None) -> str | None:
    return collection.name if collection is not None else None


def _is_project(path: str) -> bool:
    """``workspaces/<slug>/projects/<id>/``: one project."""
    parts = path.strip("/").split("/")
    return len(parts) == 4 and parts[0] == "workspaces" and parts[2] == "projects"
