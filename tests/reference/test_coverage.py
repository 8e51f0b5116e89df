"""Every requirement of the catalogue is exercised by at least one reference server test."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re

import tests.reference
from conformance.catalogue import load_catalogue

REQUIREMENT_ID = re.compile(r"\b[A-Z]+-\d{2}\b")


def _ids_in_test_docstrings() -> set[str]:
    found: set[str] = set()
    for module_info in pkgutil.iter_modules(tests.reference.__path__):
        if not module_info.name.startswith("test_"):
            continue
        module = importlib.import_module(f"tests.reference.{module_info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("test_"):
                first_line = (function.__doc__ or "").split(":")[0]
                found |= set(REQUIREMENT_ID.findall(first_line))
    return found


def test_every_requirement_has_a_reference_test() -> None:
    """Each catalogue ID opens the docstring of some test in tests/reference."""
    catalogue = load_catalogue()
    live = {rid for rid in catalogue.ids if not catalogue.get(rid).retired}
    assert sorted(live - _ids_in_test_docstrings()) == []
