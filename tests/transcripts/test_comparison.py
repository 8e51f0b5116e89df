"""Comparing a replay with a recording: status, kind and field sets, exchange by exchange."""

from __future__ import annotations

from dataclasses import replace

from conformance.transcripts import Entry, Transcript, compare

ONE = Entry("a", "GET", "/a/", (), None, 200, "object", ("id", "name"))


def transcript(*entries: Entry) -> Transcript:
    return Transcript("test", entries)


def test_the_same_answers_do_not_differ() -> None:
    assert compare(transcript(ONE), transcript(ONE)) == ()


def test_a_status_differs() -> None:
    (difference,) = compare(transcript(ONE), transcript(replace(ONE, status=201)))
    assert str(difference) == "a: status 200 recorded, 201 replayed"


def test_a_field_set_differs_by_what_each_side_has() -> None:
    (difference,) = compare(transcript(ONE), transcript(replace(ONE, fields=("id", "extra"))))
    assert str(difference) == "a: fields {name} recorded, {extra} replayed"


def test_another_kind_is_one_difference_not_two() -> None:
    other = replace(ONE, kind="page", fields=("results",))
    assert [d.aspect for d in compare(transcript(ONE), transcript(other))] == ["kind"]


def test_an_exchange_the_replay_lacks_is_missing() -> None:
    assert [d.aspect for d in compare(transcript(ONE), transcript())] == ["missing"]


def test_the_request_is_not_compared() -> None:
    """Only the answer is held to the recording; the request is the corpus's own."""
    assert compare(transcript(ONE), transcript(replace(ONE, body="object: x"))) == ()
