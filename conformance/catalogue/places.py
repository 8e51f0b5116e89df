"""Where each requirement is judged: the places in the package's own code that name its ID.

A scan of the source, which imports none of it: every string literal written like a requirement
ID, in the suite (its markers and its checks), the passive judges of the audit, the lint rules,
the seeded faults and the variations, with the name of what holds it (the test or function, the
rule, the fault, the variation) and how (``pytest.mark.req``, ``check.that``, ``breaks``).
``plane-conformance requirements --where ID`` prints them; the plugin scans the suite with it when
it collects the suite, so a mistyped ID fails before a request is sent.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path

from conformance.catalogue.ids import known_ids, looks_like_id

PACKAGE = "conformance"
# What judges or exercises a requirement, by where it lives in the package; first match wins.
KINDS = (
    ("suite/", "suite test"),
    ("judgements/", "shared judgement"),
    ("audit/", "audit judge"),
    ("lint/rules/", "lint rule"),
    ("reference/faults.py", "seeded fault"),
    ("reference/variations.py", "variation"),
)
# The rows of the static tables: the constructor's positional fields, in order (the first names
# the row; ``tests/catalogue`` holds these to the dataclasses).
ROWS = {
    "Fault": ("name", "summary", "breaks", "may_also_break", "unprobed"),
    "Variation": ("name", "summary", "exercises"),
    "Rule": ("id", "name", "severity", "requirements", "rationale", "check", "scope"),
    "Judge": ("run", "decides"),
}


@dataclass(frozen=True, slots=True)
class Place:
    """One literal naming a requirement ID: ``path:line``, what kind of place, what holds it
    (``name``) and how (``how``: the call or the field it is an argument of, if any)."""

    requirement: str
    kind: str
    path: str
    line: int
    name: str
    how: str = ""

    @property
    def location(self) -> str:
        return f"{self.path}:{self.line}"

    def describe(self) -> str:
        return f"{self.name} ({self.how})" if self.how else self.name


def package_root() -> Path:
    return Path(str(resources.files(PACKAGE)))


def kind_of(relative: str) -> str | None:
    """The kind of place a package file is (``suite/walk.py``: a suite test), None if none."""
    return next((kind for prefix, kind in KINDS if relative.startswith(prefix)), None)


def scan_file(path: Path, kind: str) -> list[Place]:
    """Every literal of the file written like a requirement ID, known or not."""
    relative = _shown(path)
    tree = ast.parse(path.read_text(encoding="utf-8"))
    places: list[Place] = []
    markers = _marker_constants(tree)
    for name, node, usage in _holders(tree, markers):
        for literal, how, row in _literals(node, usage):
            text = str(literal.value)
            places.append(Place(text, kind, relative, literal.lineno, row or name, how))
    return places


def _shown(path: Path) -> str:
    """``conformance/suite/walk.py`` for a file of the package, else the path from the working
    directory when it lies below it."""
    root = package_root()
    if path.is_relative_to(root):
        return f"{PACKAGE}/{path.relative_to(root).as_posix()}"
    here = Path.cwd()
    return path.relative_to(here).as_posix() if path.is_relative_to(here) else str(path)


@cache
def package_places() -> tuple[Place, ...]:
    """Every place of every kind in the package, in file and line order."""
    root = package_root()
    found: list[Place] = []
    for path in sorted(root.rglob("*.py")):
        kind = kind_of(path.relative_to(root).as_posix())
        if kind is not None:
            found += scan_file(path, kind)
    return tuple(found)


def places_of(requirement: str) -> list[Place]:
    """The places that name ``requirement``: suite tests first, then judges, lint rules,
    faults and variations, each in file and line order."""
    order = [kind for _, kind in KINDS]
    named = [p for p in package_places() if p.requirement == requirement]
    return sorted(named, key=lambda p: (order.index(p.kind), p.path, p.line))


def unknown_places(places: Iterator[Place] | tuple[Place, ...] | list[Place]) -> list[Place]:
    """The places whose ID the catalogue does not have."""
    known = known_ids()
    return [p for p in places if p.requirement not in known]


def _marker_constants(tree: ast.Module) -> dict[str, str]:
    """Module constants handed whole to a ``req`` marker (``@pytest.mark.req(*WALK_IDS)``),
    each with the test it marks."""
    marked: dict[str, str] = {}
    for node in tree.body:
        if not isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        for decorator in node.decorator_list:
            if _is_marker(decorator):
                assert isinstance(decorator, ast.Call)
                for arg in decorator.args:
                    if isinstance(arg, ast.Starred) and isinstance(arg.value, ast.Name):
                        marked[arg.value.id] = node.name
    return marked


def _is_marker(node: ast.expr) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "req"
    )


def _holders(tree: ast.Module, markers: dict[str, str]) -> Iterator[tuple[str, ast.AST, str]]:
    """What the module's statements define: (a name, the node to scan, how its literals are
    used where no call says so). A method is ``Class.method``; a constant handed to a marker
    is named by the test it marks."""
    for node in tree.body:
        if isinstance(node, ast.ClassDef):
            for inner in node.body:
                if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                    yield f"{node.name}.{inner.name}", inner, ""
                else:
                    yield node.name, inner, ""
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            yield node.name, node, ""
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = [t.id for t in targets if isinstance(t, ast.Name)] or ["(module)"]
            if names[0] in markers:
                yield markers[names[0]], node, f"pytest.mark.req(*{names[0]})"
            else:
                yield names[0], node, ""
        else:
            yield "(module)", node, ""


# (the literal, the call or field that takes it, the table row that holds it, if one does)
Found = tuple[ast.Constant, str, str | None]


def _literals(node: ast.AST, how: str, row: str | None = None) -> Iterator[Found]:
    """The ID-like literals under ``node``."""
    if isinstance(node, ast.Constant):
        if isinstance(node.value, str) and looks_like_id(node.value):
            yield node, how, row
        return
    if isinstance(node, ast.Call):
        yield from _call_literals(node, how, row)
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child, how, row)


def _call_literals(call: ast.Call, how: str, row: str | None) -> Iterator[Found]:
    """Literals inside a call: a row of a static table (``Fault(...)``) names itself and the
    field that takes the literal (``breaks``); any other call names itself (``check.that``)."""
    yield from _literals(call.func, how, row)
    table = call.func.id if isinstance(call.func, ast.Name) and call.func.id in ROWS else None
    if table is not None:
        fields, row = ROWS[table], _row_name(call)
        for index, arg in enumerate(call.args):
            yield from _literals(arg, fields[index] if index < len(fields) else "?", row)
        for keyword in call.keywords:
            yield from _literals(keyword.value, keyword.arg or "?", row)
        return
    called = ast.unparse(call.func)
    for arg in [*call.args, *(k.value for k in call.keywords)]:
        yield from _literals(arg, called, row)


def _row_name(call: ast.Call) -> str:
    """The first argument of a table row: a fault's or variation's name, a rule's id, a judge."""
    first = call.args[0] if call.args else None
    if isinstance(first, ast.Constant):
        return str(first.value)
    if isinstance(first, ast.Name):
        return first.id
    return "?"
