"""What a judgement reads of one answer: the suite's ``Reply`` and the audit's ``Call`` are both
one."""

from __future__ import annotations

from typing import Any, Protocol

import httpx

from conformance.http import Exchange


class Answer(Protocol):
    """An answer and the recorded exchange that proves it."""

    @property
    def response(self) -> httpx.Response: ...

    @property
    def exchange(self) -> Exchange: ...

    @property
    def status(self) -> int | None: ...

    @property
    def body(self) -> Any: ...
