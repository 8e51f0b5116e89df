"""The ``req`` marker is declared and enforced: unknown IDs are collection errors, in the markers
and anywhere in the source of a module whose tests name requirements."""

from __future__ import annotations

import pytest

pytest_plugins = ["pytester"]


def test_unknown_requirement_id_is_a_collection_error(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.req("PAG-99")
        def test_x():
            pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:schemathesis", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        ["*unknown requirement ID 'PAG-99' in @pytest.mark.req of test_x (the closest known: *"]
    )


def test_a_mistyped_id_in_a_check_is_a_collection_error(pytester: pytest.Pytester) -> None:
    """The typo of issue 21, in a branch that may never run: collection fails, no test runs."""
    pytester.makepyfile(
        test_walk="""
        import pytest

        def judge_prev(check, pages):
            if not pages:
                check.skip("PAG-10", "no previous page")
                return
            check.that("PAG-1O", pages[0] == pages[-1], "prev_cursor returned another page")

        @pytest.mark.req("PAG-10")
        def test_prev():
            pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:schemathesis", "-p", "no:cacheprovider")
    result.assert_outcomes(errors=1)
    result.stdout.fnmatch_lines(
        [
            "*unknown requirement ID 'PAG-1O' in test_walk.py:7 (judge_prev (check.that)) "
            "(the closest known: PAG-10)*"
        ]
    )


def test_several_known_ids_are_accepted(pytester: pytest.Pytester) -> None:
    pytester.makepyfile(
        """
        import pytest

        @pytest.mark.req("PAG-04", "PAG-05")
        def test_x():
            pass
        """
    )
    result = pytester.runpytest_inprocess("-p", "no:schemathesis", "--strict-markers")
    result.assert_outcomes(passed=1)


def test_suite_collects_with_every_test_naming_ids(pytester: pytest.Pytester) -> None:
    result = pytester.runpytest_inprocess(
        "-p", "no:schemathesis", "--pyargs", "conformance.suite", "--co", "-q", "--strict-markers"
    )
    assert result.ret == 0
    assert "ERROR" not in result.stdout.str()
    assert "tests collected" in result.stdout.str()
