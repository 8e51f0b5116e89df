"""Judgements: one per requirement property, shared by the live suite and the passive audit
(and so by ``verify``). The suite chooses the requests and hands the answers over; the audit
finds them in recorded traffic; either way the same function decides the requirement, names its
ID and writes what broke to the caller's ``Checker``. No message is written both in the suite
and in the audit (``tests/judgements`` holds that); a few checks of what only the suite sends
(an empty page's cursor, a walk's first status) are still written where they are asked.
May import: the standard library, httpx (types only), ``conformance.checks`` and
``conformance.http`` (Exchange).
"""

from __future__ import annotations

__all__: list[str] = []
