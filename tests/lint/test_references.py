"""$ref safety: remote references are reported and never fetched; cycles end."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest

from conformance.lint.engine import lint_path
from conformance.lint.refs import RefProblem, Resolver, Target
from tests.lint.conftest import CASES


@pytest.fixture
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Any attempt to open a connection is recorded and fails."""
    attempts: list[Any] = []

    def refuse(self: socket.socket, address: Any) -> None:
        attempts.append(address)
        raise OSError("network use in a lint test")

    def refuse_lookup(*args: Any, **kwargs: Any) -> list[Any]:
        attempts.append(args)
        raise OSError("name lookup in a lint test")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse_lookup)
    return attempts


def test_remote_ref_is_reported_not_fetched(no_network: list[Any]) -> None:
    report = lint_path(CASES / "remote-ref.yaml")
    [finding] = report.findings
    assert finding.rule == "PLN-REF-01"
    assert finding.pointer == "#/components/schemas/Thing/properties/owner/$ref"
    assert "not fetched" in finding.message
    assert finding.line is not None
    assert no_network == []


def test_ref_leaving_the_folder_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "outside.yaml"
    secret.write_text("User: {type: object}\n")
    folder = tmp_path / "spec"
    folder.mkdir()
    resolver = Resolver({}, folder)
    problem = resolver.follow({"$ref": "../outside.yaml#/User"}, "#")
    assert isinstance(problem, RefProblem)
    assert problem.kind == "outside"


def test_absolute_file_ref_is_refused(tmp_path: Path) -> None:
    problem = Resolver({}, tmp_path).follow({"$ref": "/etc/passwd#/x"}, "#")
    assert isinstance(problem, RefProblem)
    assert problem.kind == "outside"


def test_cyclic_refs_terminate_with_a_finding() -> None:
    report = lint_path(CASES / "cyclic-ref.yaml")
    assert {finding.rule for finding in report.findings} == {"PLN-REF-02"}
    assert all("cycle" in finding.message for finding in report.findings)


def test_self_reference_terminates() -> None:
    document = {"a": {"$ref": "#/a"}}
    problem = Resolver(document, Path(".")).follow(document["a"], "#/a")
    assert isinstance(problem, RefProblem)
    assert problem.kind == "cycle"


def test_local_file_ref_resolves_beside_the_document() -> None:
    folder = CASES / "split"
    target = Resolver({}, folder).follow({"$ref": "parts/errors.yaml#/Error"}, "#")
    assert isinstance(target, Target)
    assert target.external
    assert target.node["required"] == ["error"]


def test_ref_to_nothing_is_missing() -> None:
    problem = Resolver({"a": {}}, Path(".")).follow({"$ref": "#/a/b"}, "#")
    assert isinstance(problem, RefProblem)
    assert problem.kind == "missing"


def test_ref_inside_a_referenced_file_resolves_against_that_file() -> None:
    """``#/headers/Remaining`` inside ``common.yaml`` is common.yaml's, not the root's (once read
    as the root's: a missing header, reported as "not an integer; not required")."""
    folder = CASES / "shapes"
    resolver = Resolver({}, folder)
    response = resolver.follow({"$ref": "common.yaml#/responses/Thing"}, "#")
    assert isinstance(response, Target)
    assert response.pointer == "common.yaml#/responses/Thing"
    header = response.node["headers"]["X-RateLimit-Remaining"]
    target = resolver.follow(header, f"{response.pointer}/headers/X-RateLimit-Remaining")
    assert isinstance(target, Target)
    assert target.node["schema"]["type"] == "integer"
    assert target.pointer == "common.yaml#/headers/Remaining"
