"""HTTP-07 reports each 5xx once: those the search of declared parameters charged are its own
test's findings, and the after-all scan of the run's traffic leaves them out."""

from __future__ import annotations

from collections import Counter

import pytest

from conformance.reference.config import ServerConfig
from tests.suite_runs import MATRIX_TICK, read_run, shared_run


def test_a_5xx_the_parameter_search_found_is_reported_once(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    config = ServerConfig(faults=frozenset({"order-by-unknown-500"}))  # the fault matrix's run
    document = read_run(shared_run(tmp_path_factory, config, sample=True, tick=MATRIX_TICK))
    (http07,) = (r for r in document["requirements"] if r["id"] == "HTTP-07")
    assert http07["status"] == "fail"
    seqs = Counter(e["seq"] for f in http07["evidence"] for e in f["exchanges"])
    assert seqs, "the fault's 500s are HTTP-07's evidence"
    assert {seq: n for seq, n in seqs.items() if n > 1} == {}
    tests = {f["test"].split("::")[0] for f in http07["evidence"]}
    assert "test_parameters.py" in tests
