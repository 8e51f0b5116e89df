"""Checks: small named functions that state one property of a response and report what broke.

A check returns the list of problems it found (empty when the property holds), so it can be
unit-tested on plain values and combined by a ``Checker``, which collects every violation of a
test (soft assertions) and raises them together as one ``Violations`` error at the end.
May import: the standard library, httpx (types only), ``conformance.http`` (Exchange) and
``conformance.catalogue.ids`` (the IDs a ``Checker`` accepts).
"""

from __future__ import annotations

from conformance.checks.checker import Checker, Finding, Violations

__all__ = ["Checker", "Finding", "Violations"]
