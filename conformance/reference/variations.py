"""The catalogue of variations: behaviours the documentation allows and real servers show.

A variation is the opposite of a fault: the suite must stay conformant under each of them (no
requirement failed or errored), which ``tests/variations`` proves. Each lives at the seam of the
behaviour it changes, like the faults; ``serve --variation NAME`` switches one on. Where the
documentation leaves a choice open, the server's default is what the real Plane server does
(``docs/REAL-PLANE.md``), and the variation names the other choice. ``exercises`` names the
requirements whose checks meet the behaviour (checked against the catalogue when the variation
is built): under it the suite must still pass them. Empty: only Plane's SDK meets it
(``run --interop``), or only the run's setup.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.catalogue.ids import check_ids
from conformance.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Variation:
    name: str
    summary: str
    exercises: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        check_ids(self.exercises, f"the variation {self.name}")


VARIATIONS: tuple[Variation, ...] = (
    Variation(
        "lenient-names",
        "project names may hold the special characters the real server refuses "
        "(& + , : ; $ ^ } { * = ? @ # | ' < > . ( ) % ! -)",
        ("HTTP-02",),  # every creation of the run is judged, the scratch project's first
    ),
    Variation(
        "modules-cycles-on",
        "a new project has modules and cycles switched on unless its creation body switches "
        "them off (module_view, cycle_view)",
        ("HTTP-02",),
    ),
    Variation(
        "cycle-needs-project-id",
        "creating a cycle needs project_id in the body as well as in the path (400 without it)",
        ("HTTP-02",),
    ),
    Variation(
        "sliding-log",
        "the rate limit is a sliding log: Remaining counts the key's requests of the last "
        "window, Reset is now + window on every answer, Retry-After waits for the oldest",
        ("RATE-02", "RATE-03", "RATE-04", "RATE-05", "RATE-06"),
    ),
    Variation("null-expands-to-null", "expand leaves a null relation null (not {})", ("FLD-03",)),
    Variation(
        "first-error-only",
        "a request with invalid names in both fields and expand is refused naming only those "
        "of fields (the first check that fails)",
    ),
    Variation(
        "vendor-fields",
        "items, envelopes and error bodies carry extra fields of the vendor's own",
        ("PAG-01", "FLD-01", "HTTP-09"),
    ),
    Variation(
        "extra-stats-object",
        "the envelope's extra_stats is {}, as in the documentation's example (Plane's official "
        "SDK accepts only a string or null there)",
        ("PAG-01",),
    ),
    Variation(
        "retry-after-http-date", "a 429's Retry-After is an HTTP-date, not seconds", ("RATE-06",)
    ),
    Variation(
        "lower-case-headers",
        "every response header name is sent in lower case",
        ("RATE-01", "RATE-06"),
    ),
    Variation(
        "limiter-before-routing",
        "a path the API does not define is counted by the rate limiter and answered 404 with "
        "rate headers",
        ("HTTP-10", "RATE-03"),
    ),
    Variation(
        "no-members-endpoint",
        "an older release: the project members endpoints do not exist (404 to everyone)",
        ("HTTP-01", "AUTH-01", "AUTH-02"),  # the declared operations the target lacks
    ),
    Variation(
        "plane-0.23-routes",
        "an older release (Plane v0.23.1): users/me/, work-items/, assets/, the workspace's "
        "members, invitations, stickies, search, intake, project-members, summary, one project "
        "member, one attachment and relations do not exist (404 to everyone, before "
        "authentication)",
        ("HTTP-01", "AUTH-01", "AUTH-02", "RATE-01"),  # the declared operations the target lacks
    ),
    Variation(
        "no-api-schema",
        "an older release's site publishes no OpenAPI description (/api/schema/ is 404): the "
        "run reads the bundled one",
    ),
    Variation(
        "no-file-storage",
        "a deployment without object storage: asking for an upload ticket (an attachment, an "
        "asset) is a 500, as on a real server set up without S3",
    ),
    Variation(
        "plane-field-sets",
        "field sets differ by answer as the real server's serializers make them: no sort_order "
        "on a project but in the list, no counts on a new module, none on a new or changed "
        "cycle, *_estimates only on archived cycles, no is_member on a new or changed comment",
        ("HTTP-02", "HTTP-03", "FLD-01"),
    ),
    Variation(
        "relations-as-objects",
        "a work item's relations list {project_id, issue_id} objects, not ids (Plane's official "
        "SDK reads ids)",
    ),
    Variation(
        "no-relation-remove",
        "an older release: relations/remove/, which Plane's official SDK calls, does not exist",
    ),
)

VARIATION_NAMES: frozenset[str] = frozenset(v.name for v in VARIATIONS)


def check_variation_names(names: Iterable[str]) -> None:
    """ConfigError naming the first variation that is not in the catalogue."""
    for name in sorted(names):
        if name not in VARIATION_NAMES:
            raise ConfigError(f"unknown variation {name!r} (see serve --list-variations)")


def describe_variations() -> str:
    """The catalogue as text: one line per variation, name and summary."""
    width = max(len(v.name) for v in VARIATIONS)
    return "\n".join(f"{v.name:<{width}}  {v.summary}" for v in VARIATIONS)
