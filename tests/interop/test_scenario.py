"""The table of calls: each call's code line, what it needs, and its arguments once earlier
calls gave what they gave."""

from __future__ import annotations

from types import SimpleNamespace

from conformance.interop.calls import calls
from conformance.interop.scenario import Place, call, const, model, the


def test_a_call_reads_as_code_and_knows_what_it_needs() -> None:
    made = call("work_items.comments.create", const("ws", "slug"), the("project"), the("item"))
    assert made.code == "client.work_items.comments.create(slug, project_id, item_id)"
    assert made.needs == ("project", "item")
    assert made.arguments(
        {"project": SimpleNamespace(id="p"), "item": SimpleNamespace(id="i")}
    ) == [
        "ws",
        "p",
        "i",
    ]


def test_a_model_argument_is_made_only_when_the_call_runs() -> None:
    body = model("work_items.CreateWorkItem", name="n", labels=[the("label")])
    assert body.text == "CreateWorkItem(...)"
    assert body.needs == ("label",)
    made = body.value({"label": SimpleNamespace(id="l1")})
    assert (made.name, made.labels) == ("n", ["l1"])


def test_each_call_needs_only_what_an_earlier_call_gives() -> None:
    for read_only in (False, True):
        given: set[str] = set()
        for each in calls(Place("ws", "pc-1", "project-id"), read_only=read_only):
            assert set(each.needs) <= given, each.name
            if each.gives:
                given.add(each.gives)


def test_names_are_unique_and_a_read_only_run_only_reads() -> None:
    every = calls(Place("ws", "pc-1"), read_only=False)
    assert len({each.name for each in every}) == len(every)
    assert not any(each.writes for each in calls(Place("ws", "pc-1", "p"), read_only=True))
    assert every[-1].name == "projects.delete"
