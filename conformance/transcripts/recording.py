"""Running the corpus against a target: each recipe filled from what the run made, sent through
the one HTTP layer, and its exchange normalised into a transcript ``Entry``.

Everything the run creates is deleted: by the corpus's own DELETEs, at once for what an invalid
variant created after all, and at the end (also after an error or Ctrl-C) for what is left.
"""

from __future__ import annotations

import json
import secrets
import string
from collections.abc import Callable, Sequence
from contextlib import suppress
from typing import Any

import httpx

from conformance.transcripts.entries import Entry, entry
from conformance.transcripts.recipes import Recipe, fill, fill_body

# told of each entry as it is recorded (a progress line)
Progress = Callable[[Entry], None]


def run_token() -> str:
    """Four capital letters: the run's names and identifiers are made of them."""
    return "".join(secrets.choice(string.ascii_uppercase) for _ in range(4))


def record(
    client: httpx.Client,
    workspace: str,
    recipes: Sequence[Recipe],
    *,
    token: str | None = None,
    progress: Progress | None = None,
) -> tuple[Entry, ...]:
    """Send ``recipes`` in order on ``client`` (its base URL ends ``/api/v1``); their entries."""
    values: dict[str, str] = {"slug": workspace, "run": token or run_token()}
    left: list[str] = []  # paths that delete what the run made and has not deleted yet
    entries: list[Entry] = []
    try:
        for recipe in recipes:
            response = _send(client, recipe, values)
            done = entry(recipe, response.status_code, response.content)
            entries.append(done)
            if progress is not None:
                progress(done)
            if response.is_success:
                _learn(recipe, response, values, left, client)
    finally:
        for path in reversed(left):
            with suppress(httpx.HTTPError):
                client.delete(path)
    return tuple(entries)


def _send(client: httpx.Client, recipe: Recipe, values: dict[str, str]) -> httpx.Response:
    path = fill(recipe.path, values)
    params = dict(recipe.query)
    if recipe.raw_body is not None:
        return client.request(
            recipe.method,
            path,
            params=params,
            content=recipe.raw_body.encode(),
            headers={"Content-Type": "application/json"},
        )
    if recipe.body is None:
        return client.request(recipe.method, path, params=params)
    return client.request(recipe.method, path, params=params, json=fill_body(recipe.body, values))


def _learn(
    recipe: Recipe,
    response: httpx.Response,
    values: dict[str, str],
    left: list[str],
    client: httpx.Client,
) -> None:
    """Keep what a successful answer gives the recipes after it, and what must be deleted."""
    answer = _json(response)
    if recipe.method == "DELETE":
        path = fill(recipe.path, values)
        if path in left:
            left.remove(path)
        return
    captured = {name: read(answer, values) for name, read in recipe.captures.items()}
    if recipe.undo is not None and recipe.method == "POST":
        created = next(iter(captured.values()), None) if captured else None
        created = created or (
            str(answer["id"]) if isinstance(answer, dict) and "id" in answer else None
        )
        if created is not None:
            undo = fill(recipe.undo, {**values, "created": created})
            if "~" in recipe.name:  # an invalid request that created something after all
                with suppress(httpx.HTTPError):
                    client.delete(undo)
                return
            left.append(undo)
    values.update({name: value for name, value in captured.items() if value is not None})


def _json(response: httpx.Response) -> Any:
    try:
        return json.loads(response.content) if response.content else None
    except ValueError:
        return None
