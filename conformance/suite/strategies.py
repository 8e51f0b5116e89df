"""Hypothesis strategies for the inputs the properties range over: page sizes, junk
``per_page`` values, near-miss cursors, field and expand lists."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

_NAME_CHARS = "abcdefghijklmnopqrstuvwxyz_"


def unknown_names() -> st.SearchStrategy[str]:
    """Field names no Plane resource has (prefixed, so they cannot collide with real ones)."""
    return st.text(_NAME_CHARS, min_size=1, max_size=8).map(lambda s: f"zz_{s}")


def subsets(names: Sequence[str], max_size: int = 4) -> st.SearchStrategy[list[str]]:
    return st.lists(st.sampled_from(list(names)), min_size=1, max_size=max_size, unique=True)


def mixed_unknown(known: Sequence[str]) -> st.SearchStrategy[tuple[list[str], list[str]]]:
    """(known names, unknown names): at least one unknown, in a shuffled comma list."""
    return st.tuples(
        st.lists(st.sampled_from(list(known)), max_size=2, unique=True),
        st.lists(unknown_names(), min_size=1, max_size=3, unique=True),
    )


def junk_per_page(maximum: int) -> st.SearchStrategy[str]:
    """Values that are not a positive integer: zero, negatives, decimals, words, exponents."""
    return st.one_of(
        st.integers(max_value=0).map(str),
        st.floats(min_value=0.01, max_value=maximum, allow_nan=False)
        .filter(lambda f: not f.is_integer())
        .map(lambda f: f"{f:.2f}"),
        st.text("abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=6),
        st.integers(min_value=1, max_value=9).map(lambda n: f"{n}e1"),
    )


def above_maximum(maximum: int) -> st.SearchStrategy[int]:
    return st.integers(min_value=maximum + 1, max_value=maximum * 100)


def _part() -> st.SearchStrategy[str]:
    return st.integers(min_value=0, max_value=30).map(str)


def malformed_cursors() -> st.SearchStrategy[str]:
    """Near misses of ``value:offset:is_prev``: each breaks exactly one rule of the grammar."""
    value = st.integers(min_value=1, max_value=30).map(str)
    bad_part = st.one_of(
        st.integers(max_value=-1).map(str),
        st.text("abcxyz", min_size=1, max_size=3),
        st.sampled_from(["1.5", "", " "]),
    )
    bad_is_prev = st.one_of(
        st.integers(min_value=2, max_value=99).map(str), st.integers(max_value=-1).map(str)
    )
    return st.one_of(
        st.tuples(value, _part()).map(":".join),  # two parts
        st.tuples(value, _part(), st.sampled_from(["0", "1"]), _part()).map(":".join),  # four
        st.tuples(bad_part, _part(), st.sampled_from(["0", "1"])).map(":".join),
        st.tuples(value, bad_part, st.sampled_from(["0", "1"])).map(":".join),
        st.tuples(value, _part(), bad_is_prev).map(":".join),
        st.text("abcdefxyz", min_size=1, max_size=10),  # no separators at all
    )
