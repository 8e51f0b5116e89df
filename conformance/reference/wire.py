"""An HTTP/1.1 protocol for uvicorn that also tells the app how the client spelled header names.

ASGI lowercases header names, so a server written against ASGI cannot match them
case-sensitively even by mistake; the fault ``key-header-case-sensitive`` needs the original
spelling, which this protocol passes in ``scope["extensions"][RAW_HEADER_NAMES]``. Only a server
with that fault uses it.
"""

from __future__ import annotations

from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

RAW_HEADER_NAMES = "plane_conformance.raw_header_names"


class RawHeaderNamesProtocol(H11Protocol):
    """uvicorn's h11 protocol, plus the header names exactly as they came over the wire."""

    def handle_events(self) -> None:
        spelled: list[bytes] = []
        read_event = self.conn.next_event

        def next_event() -> Any:
            event = read_event()
            if isinstance(event, h11.Request):
                spelled[:] = [name for name, _ in event.headers.raw_items()]
            return event

        self.conn.next_event = next_event  # type: ignore[method-assign]
        scope_before = getattr(self, "scope", None)
        try:
            super().handle_events()
        finally:
            del self.conn.next_event
        # the request's task is scheduled but cannot have run yet: the scope is still ours to add to
        scope = getattr(self, "scope", None)
        if spelled and scope is not None and scope is not scope_before:
            scope.setdefault("extensions", {})[RAW_HEADER_NAMES] = list(spelled)
