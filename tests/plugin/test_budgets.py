"""The start estimate's model of requests holds: each test's ``budget`` marker is what the test
sends with a valid key (the tests of the declared operations together, within 15%),
``SETUP_REQUESTS`` what the setup sends, and ``REQUESTS_PER_KEYED`` brings the keyless requests
along within 15%.

Whole in-process runs of the suite against the reference server, with the embedded run's two
keys of one user, on the fake clock (``tests/spend_probe.py`` says which request is whose). A
deterministic test must send exactly its budget; a test that draws Hypothesis examples (it names
``given`` or ``budgeted``) at most its budget, since another seed may draw costlier examples. A
difference fails with a table of the tests whose budget is off and the marker each should carry.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.plugin.estimate import REQUESTS_PER_KEYED
from conformance.plugin.ordering import SETUP_REQUESTS
from conformance.reference import ServerConfig
from tests.spend_probe import BEFORE, SETUP, SpendProbe, Spent
from tests.suite_runs import run_suite

PROFILES = ("full", "smoke")
# how far the keyless requests may stray from REQUESTS_PER_KEYED, and a read-only run's keyed
# requests from its estimate (its markers are the full profile's)
TOLERANCE = 0.15
READ_ONLY_TOLERANCE = 0.15
ALONE = "test_parameters.py::"
# The tests of the declared operations are budgeted from the description alone, which cannot
# say what the target holds (an empty list has no item to select fields of): they are held to
# their sum, within this.
OPERATIONS = "test_declared_operation_keeps_what_every_endpoint_keeps["
OPERATIONS_TOLERANCE = 0.15
# The tests of the declared writes likewise: a refused creation leaves its PATCH and DELETE
# nothing to change.
WRITES = "test_declared_write_keeps_what_every_write_keeps["


def spent_by_run(tmp_path: Path, name: str, *args: str) -> dict[str, Spent]:
    probe = SpendProbe()
    (tmp_path / name).mkdir()
    run_suite(ServerConfig(), tmp_path / name, *args, plugins=[probe], one_user=True)
    return probe.accounts()


def is_off(spent: Spent) -> bool:
    if spent.budget is None:
        return spent.keyed > 0
    return spent.keyed > spent.budget if spent.property_based else spent.keyed != spent.budget


@pytest.mark.parametrize(
    ("spent", "off"),
    [
        (Spent(keyed=3, total=5, budget=3), False),
        (Spent(keyed=2, total=5, budget=3), True),  # exact, for a test that draws nothing
        (Spent(keyed=2, total=5, budget=3, property_based=True), False),  # at most
        (Spent(keyed=4, total=5, budget=3, property_based=True), True),
        (Spent(keyed=1, total=1), True),  # keyed requests and no marker
        (Spent(keyed=0, total=9), False),
    ],
)
def test_what_counts_as_off(spent: Spent, off: bool) -> None:
    assert is_off(spent) is off


def named_tests(accounts: dict[str, Spent]) -> list[str]:
    return [name for name in accounts if name not in (BEFORE, SETUP)]


def ratio_problem(accounts: dict[str, Spent], mode: str, profile: str) -> str | None:
    """Whether keyed x REQUESTS_PER_KEYED[profile] is the run's other requests, within
    TOLERANCE."""
    # the search of declared parameters sends keyed requests alone (its marker says so)
    counted = {n: s for n, s in accounts.items() if n != BEFORE and ALONE not in n}
    keyed = sum(s.keyed for s in counted.values())
    total = sum(s.total for s in counted.values())
    ratio = REQUESTS_PER_KEYED[profile]
    if abs(keyed * ratio - total) <= TOLERANCE * total:
        return None
    return (
        f"{mode}: {keyed} keyed requests x REQUESTS_PER_KEYED[{profile!r}] {ratio} is not "
        f"{total} requests within {TOLERANCE:.0%}: put {total / keyed:.2f}"
    )


def marker(full: int | None, smoke: int | None) -> str:
    return "none" if full is None else f"budget({full}, {smoke})"


@pytest.mark.slow
def test_every_budget_marker_is_what_its_test_sends(tmp_path: Path) -> None:
    runs = {
        profile: spent_by_run(tmp_path, profile, "--plane-profile", profile) for profile in PROFILES
    }
    full, smoke = runs["full"], runs["smoke"]
    rows = []
    operations: list[str] = []
    for prefix, what in ((OPERATIONS, "operation"), (WRITES, "write")):
        group = [name for name in named_tests(full) if prefix in name]
        budgeted = sum(full[name].budget or 0 for name in group)
        sent = sum(full[name].keyed for name in group)
        if abs(budgeted - sent) > OPERATIONS_TOLERANCE * sent:
            rows.append(f"the {what} tests together\n    budgets {budgeted} -> sent {sent}")
        operations += group
    for name in named_tests(full):
        now, then = full[name], smoke.get(name, Spent(0, 0))
        if name in operations:
            continue
        if is_off(now) or is_off(then):
            bound = " (at most)" if now.property_based else ""
            rows.append(
                f"{name}\n    {marker(now.budget, then.budget)} -> "
                f"{marker(now.keyed, then.keyed)}{bound}"
            )
    setup = {profile: runs[profile][SETUP].keyed for profile in PROFILES}
    if set(setup.values()) != {SETUP_REQUESTS["scratch"]}:
        rows.append(f'SETUP_REQUESTS["scratch"]\n    {SETUP_REQUESTS["scratch"]} -> {setup}')
    rows.extend(p for p in (ratio_problem(runs[m], m, m) for m in PROFILES) if p is not None)
    assert not rows, (
        "budgets that are not what the tests send (full, smoke), and what to put instead:\n"
        + "\n".join(rows)
    )


@pytest.mark.slow
def test_a_read_only_run_sends_what_its_estimate_says(tmp_path: Path) -> None:
    """Read-only, the tests that write skip and the others read the given project: their
    markers (the full profile's) add up to the keyed requests, within READ_ONLY_TOLERANCE."""
    accounts = spent_by_run(tmp_path, "read-only", "--plane-read-only")
    sent = sum(s.keyed for s in accounts.values())
    estimate = SETUP_REQUESTS["read-only"] + sum(
        accounts[name].budget or 0 for name in named_tests(accounts)
    )
    problems = [
        f"{name}: budget {accounts[name].budget}, sent {accounts[name].keyed}"
        for name in named_tests(accounts)
        if is_off(accounts[name])
    ]
    if accounts[SETUP].keyed != SETUP_REQUESTS["read-only"]:
        problems.insert(0, f'SETUP_REQUESTS["read-only"]: put {accounts[SETUP].keyed}')
    assert abs(estimate - sent) <= READ_ONLY_TOLERANCE * sent, (
        f"read-only: the estimate says {estimate} keyed requests, the run sent {sent}; "
        "the tests that differ:\n" + "\n".join(problems)
    )
    assert ratio_problem(accounts, "read-only", "full") is None
