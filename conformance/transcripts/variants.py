"""The invalid requests of the corpus, derived from its valid ones: an unknown id in each path
position, an unknown project identifier or workspace, a method the path does not serve, a bad
``per_page`` or cursor, unknown ``fields`` or ``expand``, a body missing what it needs and a body
that is not JSON.

Each variant goes right before the request it derives from, so it meets the same state (a
DELETE's unknown ids come before the DELETE) and never changes it: what a variant creates after
all is deleted at once (``Recipe.undo``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace

from conformance.transcripts.recipes import NOT_JSON, Recipe

# placeholders that are not ids, and what stands in for an unknown one
_NOT_IDS = {
    "run": None,
    "slug": "no-such-workspace",
    "project_identifier": "NOSUCH",
    "item_seq": "999999",
}
LIST_QUERIES: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    ("per_page_zero", (("per_page", "0"),)),
    ("per_page_text", (("per_page", "abc"),)),
    ("per_page_huge", (("per_page", "5000"),)),
    ("cursor_text", (("cursor", "abc"),)),
    ("fields_unknown", (("fields", "no_such_field"),)),
    ("expand_unknown", (("expand", "no_such_relation"),)),
)
DETAIL_QUERIES = LIST_QUERIES[-2:]


def with_variants(recipes: Sequence[Recipe]) -> tuple[Recipe, ...]:
    """``recipes`` with each one's invalid variants before it."""
    seen_paths: set[str] = set()
    out: list[Recipe] = []
    for recipe in recipes:
        out.extend(variants_of(recipe, first_on_path=recipe.path not in seen_paths))
        seen_paths.add(recipe.path)
        out.append(recipe)
    return tuple(out)


def variants_of(recipe: Recipe, *, first_on_path: bool) -> Iterator[Recipe]:
    """The invalid requests derived from ``recipe`` (see the module's docstring)."""
    bare = recipe  # its captures too: the valid request after it captures again
    for placeholder in dict.fromkeys(recipe.placeholders()):
        if placeholder == "slug" and recipe.method != "GET":
            continue  # an unknown workspace once per path, on its reads
        stand_in = _NOT_IDS.get(placeholder, "{unknown}")
        if stand_in is None:
            continue
        yield replace(
            bare,
            name=f"{recipe.name}~unknown_{placeholder}",
            path=recipe.path.replace(f"{{{placeholder}}}", stand_in),
        )
    if first_on_path:
        yield replace(bare, name=f"{recipe.name}~put", method="PUT", role="action")
    queries = {"list": LIST_QUERIES, "detail": DETAIL_QUERIES}.get(recipe.role, ())
    for label, query in queries:
        yield replace(bare, name=f"{recipe.name}~{label}", query=recipe.query + query)
    if recipe.role in ("create", "update") and recipe.body is not None:
        yield replace(bare, name=f"{recipe.name}~not_json", body=None, raw_body=NOT_JSON)
    if recipe.role == "create" and recipe.body:
        yield replace(bare, name=f"{recipe.name}~empty_body", body={})
