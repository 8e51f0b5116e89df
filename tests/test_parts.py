"""The parts of the package keep the rules their ``__init__`` writes down.

Each sub-package's docstring says what it may import, in a sentence that starts ``May import:``
and ends at the first ``;`` or full stop; this test reads that sentence and holds every import
of the part's modules to it (deferred imports inside functions included, the part's own modules
and ``__future__`` always allowed). It also pins each part's ``__all__`` (httpx pins its surface
in ``tests/test_exported_members.py``), checks that the package's docstring lists every part,
that every document a docstring or comment cites is in the repository, and that no module
imports another that imports it back, however indirectly and however deferred.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
import re
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import conformance

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = Path(conformance.__file__).parent
PARTS = sorted(m.name for m in pkgutil.iter_modules([str(PACKAGE)]) if m.ispkg)
# Modules beside the parts whose docstring writes import rules too: the parts read them, so they
# must never read a part back.
RULED_MODULES = ["settings"]
STDLIB = "the standard library"
# How the docstrings name what lies outside the package, and the modules that those names mean.
THIRD_PARTY = {
    "certifi": "certifi",
    "cryptography": "cryptography",
    "httpx": "httpx",
    "ijson": "ijson",
    "hypothesis": "hypothesis",
    "Jinja2": "jinja2",
    "jsonschema": "jsonschema",
    "jsonschema_rs": "jsonschema_rs",
    "h11": "h11",
    "PyYAML": "yaml",
    "plane-sdk": "plane",
    "pydantic": "pydantic",
    "pytest": "pytest",
    "pytest-html": "pytest_html",
    "rich": "rich",
    "schemathesis": "schemathesis",
    "Starlette": "starlette",
    "uvicorn": "uvicorn",
}
EXPORTS = {
    "audit": ["Judgement", "Verdicts", "judge"],
    "catalogue": ["Catalogue", "Requirement", "load_catalogue"],
    "checks": ["Checker", "Finding", "Violations"],
    "discovery": [
        "Description", "Drift", "Operation", "Outside", "QueryParameter", "bundled", "load",
        "parse",
    ],
    "evidence": [
        "ARTIFACTS", "EXCHANGES_JSONL", "MANIFEST_JSON", "SIGNATURE_FILE", "KeyRoles",
        "LogWriter", "RunFacts", "Signer", "exchange_record", "load_public_key", "load_signer",
        "read_log", "read_manifest", "read_roles", "seal", "stated_version", "write_log",
    ],
    "http": [
        "PACING_EXTENSION", "SYSTEM_CLOCK", "ApiKeyAuth", "BearerAuth", "ClientSettings", "Clock",
        "Exchange", "KeySpread", "Keys", "Network", "NetworkOptions", "NetworkTransport",
        "OriginGuard", "PacingTransport", "ProxyRoute", "QueryKeyAuth", "RateWindows", "Recorder",
        "RecordingTransport", "Redactor", "RequestStats", "StatsSnapshot", "SystemClock",
        "Waiter", "build_client", "resolve_keys", "resolve_network", "to_curl", "unpaced",
    ],
    "fleet": [],
    "transcripts": [
        "Difference", "Entry", "Transcript", "compare", "read", "record", "valid",
        "with_variants", "write",
    ],
    "judgements": [],
    "interop": [
        "SDK_DISTRIBUTION", "SDK_RANGE", "CallResult", "InteropResult", "run_interop",
        "sdk_version",
    ],
    "lint": [],
    "plugin": ["pytest_addoption", "pytest_configure", "pytest_pycollect_makeitem"],
    "reference": ["RunningServer", "ServerConfig", "running_server"],
    "report": [
        "CertifiedAgainst", "Connection", "DriftRecord", "EarlierReport", "Evidence",
        "ExchangeRecord", "Failures", "Gate", "OperationRecord", "ParameterSearch", "RunInfo",
        "Selection", "TestOutcome", "TriedValue", "Waiver",
        "apply_baseline", "apply_waivers", "build_document", "claim_report_dir",
        "earlier_report", "gate_exit_code", "load_baseline",
        "load_gate", "load_waivers", "read_failures", "schema_errors", "write_reports",
        "MANIFEST_SCHEMA",
    ],
    "runner": [],
    "suite": [],
}  # fmt: skip


def allowed_imports(part: str) -> set[str]:
    """The modules the part's docstring allows: top-level names and ``conformance.*`` paths."""
    doc = importlib.import_module(f"conformance.{part}").__doc__ or ""
    found = re.search(r"May\s+import:(.*?)(?:;|\.\s|\.$)", doc, re.S)
    assert found, f"conformance.{part}: the docstring has no 'May import:' sentence"
    sentence = " ".join(found.group(1).split())
    allowed = set(re.findall(r"``(conformance(?:\.\w+)*)``", sentence))
    words = re.sub(r"``[^`]*``", "", sentence)
    allowed |= {
        module
        for name, module in THIRD_PARTY.items()
        if re.search(rf"(?<![\w-]){re.escape(name)}(?![\w-])", words)
    }
    if STDLIB in words:
        allowed |= set(sys.stdlib_module_names) | {"__future__"}
    return allowed


def imports_of(part: str) -> Iterator[tuple[str, str]]:
    """(module file, imported module) for every import in the part (or the module beside the
    parts), deferred ones included."""
    folder = PACKAGE / part
    for path in sorted(folder.rglob("*.py")) if folder.is_dir() else [PACKAGE / f"{part}.py"]:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                base = node.module
                # `from conformance import __version__` imports conformance.__version__
                names = (
                    [f"{base}.{a.name}" for a in node.names] if base == "conformance" else [base]
                )
            else:
                continue
            for name in names:
                yield str(path.relative_to(PACKAGE)), name


def permitted(name: str, part: str, allowed: set[str]) -> bool:
    if name == "__future__" or name.startswith(f"conformance.{part}"):
        return True
    if name.startswith("conformance"):
        return any(name == a or name.startswith(a + ".") for a in allowed)
    return name.split(".")[0] in allowed


@pytest.mark.parametrize("part", PARTS + RULED_MODULES)
def test_each_part_imports_only_what_its_docstring_allows(part: str) -> None:
    allowed = allowed_imports(part)
    stray = sorted(
        {
            f"{where}: {name}"
            for where, name in imports_of(part)
            if not permitted(name, part, allowed)
        }
    )
    named = sorted(a for a in allowed if a not in sys.stdlib_module_names)
    assert stray == [], f"conformance.{part} may import only {named} (and the standard library?)"


@pytest.mark.parametrize("part", PARTS)
def test_each_part_exports_exactly_its_all(part: str) -> None:
    module = importlib.import_module(f"conformance.{part}")
    exported = list(getattr(module, "__all__", []))
    assert sorted(exported) == sorted(EXPORTS[part])
    assert len(set(exported)) == len(exported)
    submodules = {m.name for m in pkgutil.iter_modules([str(PACKAGE / part)])}
    # "@py_builtins" and "@pytest_ar" appear when pytest rewrites a plugin module's asserts.
    public = {
        name
        for name in vars(module)
        if not name.startswith(("_", "@")) and name not in submodules and name != "annotations"
    }
    assert public == set(exported)


def test_the_parts_are_the_ones_pinned() -> None:
    assert sorted(EXPORTS) == PARTS


def test_the_package_docstring_lists_every_part() -> None:
    listed = re.findall(r"^- ``(\w+)``", conformance.__doc__ or "", re.M)
    assert sorted(listed) == PARTS


def test_no_part_imports_a_part_that_imports_it() -> None:
    """No two-way tie between parts (the modules beside them count as parts of their own)."""
    ties: set[tuple[str, str]] = set()
    for module, imported in module_graph().items():
        for other in imported:
            ties.add((_part_of(module), _part_of(other)))
    two_way = sorted(f"{a} <-> {b}" for a, b in ties if a < b and (b, a) in ties)
    assert two_way == []


def _part_of(module: str) -> str:
    """``conformance.audit.judge_pages`` -> ``audit``; ``conformance.settings`` -> ``settings``."""
    return module.split(".")[1] if module.count(".") else module


def module_graph() -> dict[str, set[str]]:
    """Every module of the package and the package modules it imports, deferred ones included."""
    modules: dict[str, Path] = {}
    for path in PACKAGE.rglob("*.py"):
        parts = ("conformance", *path.relative_to(PACKAGE).with_suffix("").parts)
        modules[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        imported: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                # `from a.b import c` imports the module a.b.c when there is one, else a.b
                for alias in node.names:
                    full = f"{node.module}.{alias.name}"
                    imported.add(full if full in modules else node.module)
        graph[name] = {m for m in imported if m in modules and m != name}
    return graph


def test_no_import_cycle() -> None:
    graph = module_graph()
    cycles: list[list[str]] = []

    def walk(module: str, path: list[str], done: set[str]) -> None:
        for imported in sorted(graph[module]):
            if imported in path:
                cycles.append([*path[path.index(imported) :], imported])
            elif imported not in done:
                walk(imported, [*path, imported], done)
        done.add(module)

    finished: set[str] = set()
    for module in sorted(graph):
        if module not in finished:
            walk(module, [module], finished)
    assert cycles == []


def cited_documents() -> Iterator[tuple[str, str]]:
    for folder in ("conformance", "tests", "benchmarks"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for cited in re.findall(r"[\w./-]+\.md\b", path.read_text(encoding="utf-8")):
                yield str(path.relative_to(ROOT)), cited


def test_every_cited_document_is_in_the_repository() -> None:
    names = {p.name for p in ROOT.rglob("*.md") if ".git" not in p.parts}
    missing = [
        f"{where} cites {cited}"
        for where, cited in cited_documents()
        if not (ROOT / cited).is_file() and Path(cited).name not in names
    ]
    assert missing == []
