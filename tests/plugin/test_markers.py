"""The ``req`` marker is declared and enforced: unknown IDs are collection errors."""

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
    result.stdout.fnmatch_lines(["*unknown requirement ID(s) PAG-99*"])


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
