"""Every query parameter the target's description declares, tried with what its declaration
invites (``parameter_search``): client input never gets a 5xx, there either."""

from __future__ import annotations

import pytest

from conformance.checks import Checker
from conformance.plugin.coverage import Coverage
from conformance.plugin.stash import COVERAGE_KEY, TARGET_KEY
from conformance.plugin.subject import Subject
from conformance.plugin.target import Target
from conformance.suite.parameter_search import run_search
from conformance.suite.parameter_values import declared_parameters, planned

SEARCH = "declared-parameters"


def budget(coverage: Coverage | None, plane: Target | None) -> tuple[int, int]:
    """Keyed requests (full, smoke) the search sends: every planned value, within its budget
    (``SuiteSettings.parameter_requests``); none in the smoke profile."""
    if coverage is None or plane is None:
        return 0, 0
    values = len(planned(declared_parameters(coverage.description.operations)))
    return min(values, plane.settings.parameter_requests), 0


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "search" not in metafunc.fixturenames:
        return
    coverage = metafunc.config.stash.get(COVERAGE_KEY, None)
    target = metafunc.config.stash.get(TARGET_KEY, None)
    full, smoke = budget(coverage, target)
    metafunc.parametrize(
        "search",
        [pytest.param(SEARCH, id=SEARCH, marks=pytest.mark.budget(full, smoke, alone=True))],
    )


@pytest.mark.req("HTTP-07")
@pytest.mark.operations
def test_declared_parameters_get_no_server_error(
    plane: Target, subject: Subject, coverage: Coverage, check: Checker, search: str
) -> None:
    """Client input never gets a 5xx: each declared query parameter with its examples, a value
    of the wrong type, boundary numbers, an unknown member or ordering field, an empty value,
    a NUL, a control character, very long and non-ASCII text, within the search's budget."""
    budget = plane.settings.parameter_requests
    if not plane.settings.full:
        pytest.skip("the smoke profile checks the fixed surface only, not declared parameters")
    if budget == 0:
        pytest.skip("--parameter-budget 0: no search of declared parameters")
    if not coverage.description.operations:
        pytest.skip("the description declares no GET operation")
    run_search(plane, subject, coverage, check, budget)
    if not coverage.parameters.tried:
        reasons = "; ".join(f"{k}: {v}" for k, v in coverage.parameters.untried.items())
        check.skip("HTTP-07", f"no declared parameter was tried ({reasons or 'none declared'})")
