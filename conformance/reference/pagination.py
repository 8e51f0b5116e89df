"""Cursor pagination as Plane documents it.

A cursor is ``value:offset:is_prev``: ``value`` the page size (>= 1), ``offset`` the page
number from 0 (the page to return), ``is_prev`` 0 or 1 (which link produced it; the page
returned is ``offset`` either way). The page size is ``per_page`` when given, else the cursor's
``value``, else the configured default. Page ``k`` of size ``n`` links to ``n:k+1:0`` and, for
``k > 0``, to ``n:k-1:1``; the first page's ``prev_cursor`` is ``""``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.reference.errors import ApiError
from conformance.reference.store import Record

# bounded so int() never meets a number too long to convert
DIGITS = re.compile(r"[0-9]{1,18}")


@dataclass(frozen=True, slots=True)
class PageRequest:
    size: int
    number: int


@dataclass(frozen=True, slots=True)
class Paginator:
    """Reads ``per_page`` and ``cursor`` and cuts a list into the documented envelope."""

    per_page_default: int
    per_page_max: int
    faults: frozenset[str] = frozenset()

    def request(self, query: Mapping[str, str]) -> PageRequest:
        """The page a query asks for; 400 for a bad ``per_page`` or a malformed cursor."""
        per_page = self._per_page(query.get("per_page"))
        size, number = self.per_page_default, 0
        if "cursor" in query:
            size, number = self._cursor(query["cursor"])
        return PageRequest(size=per_page or size, number=number)

    def _per_page(self, raw: str | None) -> int | None:
        if raw is None:
            return None
        significant = raw.lstrip("0")
        if not (raw.isascii() and raw.isdigit()) or not significant:
            raise ApiError(400, f"per_page must be a positive integer, got {raw[:40]!r}",
                           code="invalid_per_page")
        # the length test first: int() refuses numbers of thousands of digits
        if len(significant) > 18 or int(significant) > self.per_page_max:
            raise ApiError(400, f"per_page must be at most {self.per_page_max}",
                           code="invalid_per_page", max_per_page=self.per_page_max)
        return int(significant)

    def _cursor(self, raw: str) -> tuple[int, int]:
        parts = raw.split(":")
        if len(parts) != 3 or not all(DIGITS.fullmatch(part) for part in parts):
            raise _bad_cursor(raw)
        size, number, is_prev = (int(part) for part in parts)
        if size < 1 or is_prev not in (0, 1):
            raise _bad_cursor(raw)
        if size > self.per_page_max:
            raise ApiError(400, f"Invalid cursor format: page size must be at most "
                           f"{self.per_page_max}", code="invalid_cursor",
                           max_per_page=self.per_page_max)
        return size, number

    def envelope(self, items: Sequence[Record], page: PageRequest,
                 render: Callable[[Record], Record]) -> dict[str, Any]:
        """The documented eight keys plus the four the real server adds."""
        n, k, total = page.size, page.number, len(items)
        start = k * n
        results = [render(item) for item in items[start:start + n]]
        return {
            "grouped_by": None,
            "sub_grouped_by": None,
            "total_count": total,
            "next_cursor": f"{n}:{k + 1}:0",
            "prev_cursor": f"{n}:{k - 1}:1" if k > 0 else "",
            "next_page_results": total > start + n,
            "prev_page_results": k > 0,
            "count": len(results),
            "total_pages": math.ceil(total / n),
            "total_results": total,
            "extra_stats": {},
            "results": results,
        }


def _bad_cursor(raw: str) -> ApiError:
    return ApiError(400, f"Invalid cursor format: {raw[:40]!r}; expected value:offset:is_prev",
                    code="invalid_cursor")
