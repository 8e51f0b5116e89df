"""Judgements: one per requirement property, shared by the live suite and the passive audit
(and so by ``verify``). The suite chooses the requests and hands the answers over; the audit
finds them in recorded traffic; either way the same function decides the requirement, names its
ID and writes what broke to the caller's ``Checker``. No message of a requirement is written
anywhere else.
May import: the standard library, httpx (types only), ``conformance.checks`` and
``conformance.http`` (Exchange).
"""

from __future__ import annotations

__all__: list[str] = []
