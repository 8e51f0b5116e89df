"""Presets: named sets of variations and faults that model a real server, so CI exercises it.

``plane`` models the open-source Plane server as measured by hand (``docs/REAL-PLANE.md``
records each behaviour, the exchange that shows it and the line of Plane's code behind it).
Keep it true to those measurements: a preset that flatters or slanders its server is worse
than none.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from conformance.errors import ConfigError
from conformance.reference.config import ServerConfig


@dataclass(frozen=True, slots=True)
class Preset:
    name: str
    summary: str
    variations: frozenset[str]
    faults: frozenset[str]
    # the seeded project: how many work items, and whether labels, a module, a cycle,
    # comments and links come with them
    issues: int
    seed_extras: bool


PLANE_COMMIT = "4ca6d6c7b807ad09bb571af2c43e85bf47c3ec6b"

PLANE_VARIATIONS = frozenset(
    {
        "cycle-needs-project-id",
        "sliding-log",
        "relations-as-objects",
        "no-relation-remove",
        "no-file-storage",
        "plane-field-sets",
    }
)
PLANE_FAULTS = frozenset(
    {
        "invalid-key-403",
        "unknown-project-403",
        "creates-200-for-states-and-links",
        "module-patch-written-only",
        "member-delete-keeps-member",
        "intake-without-inbox-500",
        "default-page-1000",
        "per-page-max-1000",
        "per-page-nonpositive-500",
        "prev-cursor-crash",
        "cursor-size-ignored",
        "first-prev-cursor-minus-one",
        "fields-empty-objects",
        "unknown-expand-ignored",
        "module-members-always",
        "label-detail-ignores-selection",
        "drf-error-shapes",
        "429-without-rate-headers",
        "order-by-unknown-500",
        "limit-negative-500",
        "search-nul-html-500",
        # recorded by the transcripts (issue 22), each added in its own line
        "unknown-parent-lists-empty",
        "plane-body-rules",
        "fields-ignored-by-some-views",
        "put-as-plane",
        "unknown-scope-per-view",
    }
)
# What Plane v0.23.1 does otherwise than the current release: the routes and the description
# it did not have yet, no cycle-needs-project-id (it creates a cycle from its name alone), no
# relations route; its crashes; and none of what only the current release was measured to do
# (the transcripts of 4ca6d6c, its members and intake writes, on routes v0.23.1 lacks or answers
# otherwise).
PLANE_0_23_VARIATIONS = (PLANE_VARIATIONS - {"cycle-needs-project-id", "relations-as-objects"}) | {
    "plane-0.23-routes",
    "no-api-schema",
}
PLANE_0_23_FAULTS = (
    PLANE_FAULTS
    - {
        "member-delete-keeps-member",
        "intake-without-inbox-500",
        "unknown-parent-lists-empty",
        "plane-body-rules",
        "fields-ignored-by-some-views",
        "put-as-plane",
        "unknown-scope-per-view",
        "module-patch-written-only",  # v0.23.1 answers a module's PATCH whole
    }
) | {"archived-lists-500", "work-item-put-500", "label-patch-409-beside-work-items"}

PRESETS: tuple[Preset, ...] = (
    Preset(
        "plane",
        f"the open-source Plane server (makeplane/plane {PLANE_COMMIT[:7]}) with its seeded "
        "project of 260 work items and nothing else",
        variations=PLANE_VARIATIONS,
        faults=PLANE_FAULTS,
        issues=260,
        seed_extras=False,
    ),
    Preset(
        "plane-0.23",
        "an older open-source Plane release (makeplane/plane v0.23.1, November 2024) with its "
        "seeded project of 260 work items: the plane preset's behaviours, without the routes "
        "and the OpenAPI description it did not have yet (docs/REAL-PLANE-0.23.md)",
        variations=PLANE_0_23_VARIATIONS,
        faults=PLANE_0_23_FAULTS,
        issues=260,
        seed_extras=False,
    ),
)


def preset(name: str) -> Preset:
    for candidate in PRESETS:
        if candidate.name == name:
            return candidate
    known = ", ".join(p.name for p in PRESETS)
    raise ConfigError(f"unknown preset {name!r} (known: {known})")


def with_preset(config: ServerConfig, name: str) -> ServerConfig:
    """``config`` with the preset's variations and faults added and its seed shape."""
    chosen = preset(name)
    return replace(
        config,
        variations=config.variations | chosen.variations,
        faults=config.faults | chosen.faults,
        issues=chosen.issues,
        seed_extras=chosen.seed_extras,
    )
