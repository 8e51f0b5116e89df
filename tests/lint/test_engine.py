"""A document that breaks the meta-schema anywhere is still linted: no rule crashes on a node
of the wrong type, and the structural error is reported where it is."""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

import pytest
import yaml

from conformance.lint.engine import lint_document
from conformance.lint.loading import LoadedDocument
from conformance.lint.locations import EmptyLocator
from tests.lint.conftest import CASES

BASE = CASES / "base.yaml"
#: Values of the wrong type for nearly every node, and a reference to nothing.
WRONG = {"string": "x", "list-of-int": [1], "null": None, "dangling-ref": {"$ref": "#/nope"}}


def _node_paths(node: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield (*prefix, key)
            yield from _node_paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield (*prefix, index)
            yield from _node_paths(value, (*prefix, index))


def _replaced(document: Any, path: tuple[Any, ...], value: Any) -> Any:
    changed = copy.deepcopy(document)
    parent = changed
    for token in path[:-1]:
        parent = parent[token]
    parent[path[-1]] = copy.deepcopy(value)
    return changed


@pytest.mark.parametrize("value", list(WRONG.values()), ids=list(WRONG))
def test_no_rule_crashes_on_a_node_of_the_wrong_type(value: Any) -> None:
    base = yaml.safe_load(BASE.read_text())
    for path in _node_paths(base):
        if path == ("openapi",):
            continue  # without a version the document is not linted at all (exit 2)
        document = LoadedDocument(BASE, _replaced(base, path, value), EmptyLocator())
        try:
            lint_document(document)
        except Exception as exc:  # pragma: no cover - the message is the point
            pytest.fail(f"{'/'.join(map(str, path))} = {value!r}: {exc!r}")


def test_the_rules_run_around_a_structural_error() -> None:
    """The list's 200 loses its description (a structural error) and its per_page parameter:
    both are reported, the second by the pagination rule, beside the structural one."""
    base = yaml.safe_load(BASE.read_text())
    get = base["paths"]["/api/v1/things/"]["get"]
    del get["responses"]["200"]["description"]
    get["parameters"] = get["parameters"][1:]
    report = lint_document(LoadedDocument(BASE, base, EmptyLocator()))
    assert {finding.rule for finding in report.findings} == {"PLN-OAS-01", "PLN-PAG-03"}
