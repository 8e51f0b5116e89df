"""Cursor pagination as Plane documents it.

A cursor is ``value:offset:is_prev``: ``value`` the page size (>= 1), ``offset`` the page
number from 0 (the page to return), ``is_prev`` 0 or 1 (which link produced it; the page
returned is ``offset`` either way). The page size is ``per_page`` when given, else the cursor's
``value``, else the configured default. Page ``k`` of size ``n`` links to ``n:k+1:0`` and, for
``k > 0``, to ``n:k-1:1``; the first page's ``prev_cursor`` is ``""``.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from conformance.reference.errors import ApiError
from conformance.reference.store import Record

# bounded so int() never meets a number too long to convert
DIGITS = re.compile(r"[0-9]{1,18}")
NON_POSITIVE = re.compile(r"0+|-[0-9]{1,18}")


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
    variations: frozenset[str] = frozenset()

    @property
    def default_size(self) -> int:
        return 1000 if "default-page-1000" in self.faults else self.per_page_default

    @property
    def max_size(self) -> int:
        return 1000 if "per-page-max-1000" in self.faults else self.per_page_max

    def request(self, query: Mapping[str, str]) -> PageRequest:
        """The page a query asks for; 400 for a bad ``per_page`` or a malformed cursor."""
        per_page = self._per_page(query.get("per_page"))
        size, number, value, is_prev = self.default_size, 0, 0, 0
        if "cursor" in query:
            value, number, is_prev = self._cursor(query["cursor"])
            size = self.default_size if "cursor-size-ignored" in self.faults else value
        if "per-page-ignored" in self.faults:
            per_page = None  # the mistake: read, checked, and then forgotten
        limit = self.default_size if per_page is None else per_page
        if is_prev and value != limit and "prev-cursor-crash" in self.faults:
            # the mistake: a "previous" page whose value is not the requested page size is cut
            # from the end, and the database refuses the negative slice
            raise ValueError("Negative indexing is not supported.")
        size = size if per_page is None else per_page
        return PageRequest(size=size, number=number)

    def _per_page(self, raw: str | None) -> int | None:
        if raw is None:
            return None
        significant = raw.lstrip("0")
        if "per-page-zero-500" in self.faults and raw == "0":
            return 0  # the mistake: zero gets through to the arithmetic
        if "per-page-nonpositive-500" in self.faults and NON_POSITIVE.fullmatch(raw):
            return int(raw)  # the mistake: only "is it an integer" is asked
        if not (raw.isascii() and raw.isdigit()) or not significant:
            if "per-page-junk-default" in self.faults:
                return None
            raise ApiError(
                400,
                f"per_page must be a positive integer, got {raw[:40]!r}",
                code="invalid_per_page",
            )
        # the length test first: int() refuses numbers of thousands of digits
        if len(significant) > 18 or int(significant) > self.max_size:
            if "per-page-max-1000" in self.faults:
                raise ApiError(
                    400, "Invalid per_page value. Cannot exceed 1000.", code="invalid_per_page"
                )
            if "per-page-clamped" in self.faults:
                return self.per_page_max
            if "per-page-max-accepted" in self.faults and len(significant) <= 6:
                return int(significant)
            if "per-page-error-no-max" in self.faults:
                raise ApiError(400, "Invalid per_page value", code="invalid_per_page")
            raise ApiError(
                400,
                f"per_page must be at most {self.per_page_max}",
                code="invalid_per_page",
                max_per_page=self.per_page_max,
            )
        return int(significant)

    def _cursor(self, raw: str) -> tuple[int, int, int]:
        """(value, page number, is_prev) of a well-formed cursor; 400 for any other."""
        parts = raw.split(":")
        if len(parts) != 3 or not all(DIGITS.fullmatch(part) for part in parts):
            return self._refuse_cursor(raw)
        size, number, is_prev = (int(part) for part in parts)
        lenient = "is-prev-any-integer" in self.faults or "prev-cursor-crash" in self.faults
        if size < 1 or (is_prev not in (0, 1) and not lenient):
            return self._refuse_cursor(raw)
        if size > self.max_size:
            if "cursor-lenient" in self.faults:
                return self.default_size, 0, 0
            raise ApiError(
                400,
                f"Invalid cursor format: page size must be at most {self.per_page_max}",
                code="invalid_cursor",
                max_per_page=self.per_page_max,
            )
        if "cursor-pages-from-one" in self.faults:
            number = max(0, number - 1)
        if is_prev == 1 and "prev-cursor-wrong-page" in self.faults:
            number += 1  # the mistake: a "previous" cursor is read as the page after it
        return size, number, is_prev

    def _refuse_cursor(self, raw: str) -> tuple[int, int, int]:
        if "cursor-lenient" in self.faults:
            return self.default_size, 0, 0
        raise ApiError(
            400,
            f"Invalid cursor format: {raw[:40]!r}; expected value:offset:is_prev",
            code="invalid_cursor",
        )

    def envelope(
        self, items: Sequence[Record], page: PageRequest, render: Callable[[Record], Record]
    ) -> dict[str, Any]:
        """The documented eight keys plus the four the real server adds."""
        faults = self.faults
        n, k, total = page.size, page.number, len(items)
        if "unstable-order" in faults:
            items = random.sample(list(items), len(items))
        # the item offset a cursor's page number stands for (mistaken variants as faults)
        start = k if "cursor-offset-is-items" in faults else k * n
        if "off-by-one-repeat" in faults and start > 0:
            start -= 1
        if n < 0:  # only a faulty per_page gets this far; the database refuses the slice
            raise ValueError("Negative indexing is not supported.")
        total_pages = math.ceil(total / n)  # ZeroDivisionError if per_page 0 got through
        if "total-pages-floor" in faults:
            total_pages = total // n
        if start >= total > 0 and "past-end-404" in faults:
            raise ApiError(404, "page not found")
        results = [render(item) for item in items[start : start + n]]
        step = n if "cursor-offset-is-items" in faults else 1
        label = k + 1 if "cursor-pages-from-one" in faults else k  # the page number cursors show
        envelope: dict[str, Any] = {
            "grouped_by": None,
            "sub_grouped_by": None,
            "total_count": total,
            "next_cursor": f"{n}:{label + step}:0",
            "prev_cursor": f"{n}:{label - step}:1" if k > 0 else "",
            "next_page_results": total > start + n,
            "prev_page_results": k > 0,
            "count": len(results),
            "total_pages": total_pages,
            "total_results": total,
            "extra_stats": {} if "extra-stats-object" in self.variations else None,
            "results": results,
        }
        if "vendor-fields" in self.variations:
            envelope["vendor_query_ms"] = 3
        _mistake(envelope, faults, n, total, start)
        return envelope


def _mistake(
    envelope: dict[str, Any], faults: frozenset[str], n: int, total: int, start: int
) -> None:
    """The envelope-level faults: wrong flags, counts and keys."""
    if "first-prev-cursor-minus-one" in faults and not envelope["prev_cursor"]:
        envelope["prev_cursor"] = f"{n}:-1:1"
    if "next-page-results-true-on-last" in faults:
        envelope["next_page_results"] = total > start
    if "prev-page-results-false" in faults:
        envelope["prev_page_results"] = False
    if "count-is-total" in faults:
        envelope["count"] = total
    if "envelope-count-string" in faults:
        envelope["count"] = str(envelope["count"])
    if "total-pages-off-by-one" in faults:
        envelope["total_pages"] += 1
    if "envelope-missing-key" in faults:
        del envelope["total_pages"]
