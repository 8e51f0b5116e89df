"""Targeted runs: what ``--only``, ``--operation`` and ``--last-failed`` select, on stand-ins
for the suite's tests (their markers and parameters are all the selection reads)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

import pytest

from conformance.catalogue.ids import only_ids
from conformance.errors import ConfigError
from conformance.plugin.selection import (
    Wanted,
    choose,
    deselect,
    nothing_to_rerun,
    operation_labels,
    wanted,
)
from conformance.report import Failures

LABELS = "GET workspaces/{slug}/projects/{project_id}/labels/"
STATES = "GET workspaces/{slug}/projects/{project_id}/states/"
OPERATION_IDS = ("HTTP-01", "HTTP-05", "PAG-01", "RATE-01", "FMT-01")


@dataclass(frozen=True, slots=True)
class _Operation:
    label: str


@dataclass
class _CallSpec:
    params: dict[str, Any] = field(default_factory=dict)


@dataclass
class _Item:
    """What the selection reads of a pytest item: its node id, markers and parameters."""

    nodeid: str
    ids: tuple[str, ...]
    passive: bool = False
    callspec: _CallSpec | None = None

    def iter_markers(self, name: str) -> Iterator[pytest.Mark]:
        if name == "req":
            yield pytest.mark.req(*self.ids).mark

    def get_closest_marker(self, name: str) -> pytest.Mark | None:
        return pytest.mark.after_all.mark if name == "after_all" and self.passive else None


def _operation(label: str) -> _Item:
    node = f"test_operations.py::test_declared_operation[{label}]"
    return _Item(node, OPERATION_IDS, callspec=_CallSpec({"operation": _Operation(label)}))


SUITE = (
    _Item("test_pagination.py::test_walk[issues]", ("PAG-09", "PAG-10")),
    _Item("test_pagination.py::test_walk[states]", ("PAG-09", "PAG-10")),
    _Item("test_http.py::test_unknown_id_gets_404", ("HTTP-05",)),
    _operation(LABELS),
    _operation(STATES),
    _Item("test_rate.py::test_window_resets", ("RATE-05",)),
    _Item("test_rate.py::test_limit_is_per_key", ("RATE-07",)),
    _Item("test_rate.py::test_rate_headers", ("RATE-01",), passive=True),
    _Item("test_format.py::test_every_body_is_json", ("FMT-01",), passive=True),
)


def _items() -> list[pytest.Item]:
    return [cast(pytest.Item, item) for item in SUITE]


def _chosen(want: Wanted) -> tuple[list[str], list[str]]:
    """(the node ids run, the selected requirement IDs)."""
    kept, selection = choose(_items(), want)
    return [i.nodeid for i in kept], sorted(selection.requirements)


def _want(
    only: tuple[str, ...] = (),
    operations: tuple[str, ...] = (),
    failures: Failures | None = None,
) -> Wanted:
    return wanted(only, operations, failures, [LABELS, STATES])


def test_only_names_ids_and_areas_in_any_case() -> None:
    assert only_ids(["pag-10", "RATE"]) == {
        "PAG-10", "RATE-01", "RATE-02", "RATE-03", "RATE-04", "RATE-05", "RATE-06", "RATE-07",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("value", "hint"),
    [
        ("PAG10", " (did you mean PAG-10?)"),
        ("PAG-1O", " (did you mean PAG-10?)"),
        ("rat", " (did you mean RATE?)"),
        ("XYZ-99", ""),
    ],
)
def test_an_unknown_only_value_is_named_with_the_closest_valid_one(value: str, hint: str) -> None:
    with pytest.raises(ConfigError) as caught:
        only_ids(["PAG-10", value])
    assert str(caught.value) == (
        f"--only {value}: no requirement or area of that name{hint}; "
        "`plane-conformance requirements` lists them"
    )


def test_operation_labels_as_declared_and_an_unknown_one_named() -> None:
    given = ["get /workspaces/{slug}/projects/{project_id}/labels/", STATES, LABELS]
    assert operation_labels(given, [LABELS, STATES]) == (LABELS, STATES)
    with pytest.raises(ConfigError) as caught:
        operation_labels([LABELS.replace("labels", "labls")], [LABELS, STATES])
    assert str(caught.value) == (
        f"--operation '{LABELS.replace('labels', 'labls')}': the description does not declare "
        f"it as a GET operation (did you mean {LABELS}?); the report's operations table lists "
        "them"
    )


def test_an_id_runs_only_the_tests_that_judge_it() -> None:
    assert _chosen(_want(only=("PAG-10",))) == (
        ["test_pagination.py::test_walk[issues]", "test_pagination.py::test_walk[states]"],
        ["PAG-10"],
    )


def test_an_id_the_operations_judge_runs_every_operation_test() -> None:
    run, selected = _chosen(_want(only=("HTTP-05",)))
    assert run == [
        "test_http.py::test_unknown_id_gets_404",
        f"test_operations.py::test_declared_operation[{LABELS}]",
        f"test_operations.py::test_declared_operation[{STATES}]",
    ]
    assert selected == ["HTTP-05"]


def test_an_area_judges_its_passive_requirements_on_the_answers_of_its_other_tests() -> None:
    """RATE-01 is judged on every answer: it does not pull in the operation tests."""
    run, selected = _chosen(_want(only=("RATE",)))
    assert run == [
        "test_rate.py::test_window_resets",
        "test_rate.py::test_limit_is_per_key",
        "test_rate.py::test_rate_headers",
    ]
    assert selected == [f"RATE-0{n}" for n in range(1, 8)]


def test_a_passive_requirement_alone_runs_every_test_for_its_answers() -> None:
    run, selected = _chosen(_want(only=("FMT-01",)))
    assert run == [item.nodeid for item in SUITE]
    assert selected == ["FMT-01"]


def test_an_operation_runs_its_test_and_the_passive_checks_of_what_it_judges() -> None:
    run, selected = _chosen(_want(operations=(LABELS,)))
    assert run == [
        f"test_operations.py::test_declared_operation[{LABELS}]",
        "test_rate.py::test_rate_headers",
        "test_format.py::test_every_body_is_json",
    ]
    assert selected == sorted(OPERATION_IDS)


def test_only_and_operation_select_what_both_allow() -> None:
    run, selected = _chosen(_want(only=("HTTP-05",), operations=(LABELS,)))
    assert (run, selected) == (
        [f"test_operations.py::test_declared_operation[{LABELS}]"],
        ["HTTP-05"],
    )


def test_last_failed_runs_the_tests_that_failed_on_each_requirement() -> None:
    """By node id, whatever directory the previous run's ids began with; a requirement whose
    tests are gone runs every test that judges it."""
    failures = Failures(
        Path("reports/compliance.json"),
        {
            "HTTP-05": (
                f"conformance/suite/test_operations.py::test_declared_operation[{STATES}]",
            ),
            "PAG-10": ("test_pagination.py::test_renamed_walk",),
        },
    )
    run, selected = _chosen(_want(failures=failures))
    assert run == [
        "test_pagination.py::test_walk[issues]",
        "test_pagination.py::test_walk[states]",
        f"test_operations.py::test_declared_operation[{STATES}]",
    ]
    assert selected == ["HTTP-05", "PAG-10"]


def test_a_passive_failure_reruns_every_test_whose_answers_may_have_shown_it() -> None:
    failures = Failures(Path("c.json"), {"FMT-01": ("test_format.py::test_every_body_is_json",)})
    run, _ = _chosen(_want(only=("FMT", "PAG-10"), failures=failures))
    assert run == [item.nodeid for item in SUITE]


def test_nothing_to_rerun_when_nothing_failed_among_the_selection() -> None:
    failures = Failures(Path("reports/compliance.json"), {"PAG-10": ("t",)})
    assert nothing_to_rerun((), None) is None
    assert nothing_to_rerun(("PAG",), failures) is None
    assert nothing_to_rerun(("RATE",), failures) == (
        "nothing failed or errored among --only RATE in reports/compliance.json: nothing to "
        "re-run, no request sent"
    )
    assert nothing_to_rerun((), Failures(Path("c.json"))) == (
        "nothing failed or errored in c.json: nothing to re-run, no request sent"
    )


class _Hook:
    def __init__(self) -> None:
        self.deselected: list[pytest.Item] = []

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.deselected += items


@dataclass
class _Config:
    hook: _Hook = field(default_factory=_Hook)


def test_deselect_tells_pytest_what_it_left_out() -> None:
    config = _Config()
    items = _items()
    selection = deselect(cast(pytest.Config, config), items, _want(only=("RATE-07",)))
    assert [i.nodeid for i in items] == ["test_rate.py::test_limit_is_per_key"]
    assert len(config.hook.deselected) == len(SUITE) - 1
    assert selection is not None
    assert selection.requirements == {"RATE-07"}
    assert deselect(cast(pytest.Config, config), items, _want()) is None  # a full run


def test_options_that_select_nothing_together_are_a_usage_error() -> None:
    with pytest.raises(pytest.UsageError) as caught:
        deselect(cast(pytest.Config, _Config()), _items(), _want(("PAG-10",), (LABELS,)))
    assert str(caught.value) == (
        f"--only PAG-10 and --operation '{LABELS}' select no requirement together: give fewer "
        "of them"
    )
