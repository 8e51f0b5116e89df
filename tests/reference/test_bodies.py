"""Parsers of body values: each accepts what its schema describes and refuses the rest."""

from __future__ import annotations

from typing import Any

import pytest

from conformance.reference.bodies import BodyContext, date_time, instant, nullable, text
from conformance.reference.store import Store

CTX = BodyContext(store=Store(), workspace_id="w", user_id="u")


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("2027-01-01", "2027-01-01T00:00:01Z", "2027-01-01T23:59:00Z"),
        ("2027-01-01T15:30:00Z", "2027-01-01T00:00:01Z", "2027-01-01T23:59:00Z"),
        ("2027-01-01T15:30:00+02:00", "2027-01-01T00:00:01Z", "2027-01-01T23:59:00Z"),
    ],
)
def test_a_cycle_date_is_a_day_stored_as_a_date_time(value: str, start: str, end: str) -> None:
    assert (date_time()(value, CTX), date_time(end_of_day=True)(value, CTX)) == (start, end)


@pytest.mark.parametrize("value", ["2027-02-30", "2027-01-01Tnoon", "01/02/2027", 20270101, None])
def test_a_cycle_date_refuses_what_is_no_date(value: Any) -> None:
    with pytest.raises(ValueError, match="must be a date"):
        date_time()(value, CTX)


def test_an_instant_is_kept_in_utc() -> None:
    assert instant("2027-01-01T12:00:00+02:00", CTX) == "2027-01-01T10:00:00.000000Z"
    assert instant("2027-01-01", CTX) == "2027-01-01T00:00:00.000000Z"
    with pytest.raises(ValueError, match="must be a date-time"):
        instant("soon", CTX)


def test_a_parser_carries_the_schema_of_what_it_accepts() -> None:
    assert dict(nullable(text(max_length=9)).schema) == {"type": ["string", "null"], "maxLength": 9}
    assert nullable(text())(None, CTX) is None
