"""The catalogue of seeded faults: realistic mistakes the reference server can be switched to make.

Each fault lives at the seam where the behaviour it breaks is implemented (the auth middleware,
the paginator, the selection code, the rate limiter, the handlers); ``breaks`` lists the
requirement IDs the suite must report failing, ``may_also_break`` the accepted consequences;
both are checked against the catalogue when the fault is built.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from conformance.catalogue.ids import check_ids
from conformance.errors import ConfigError


@dataclass(frozen=True, slots=True)
class Fault:
    name: str
    summary: str
    breaks: tuple[str, ...]
    may_also_break: tuple[str, ...] = ()
    # why no check of the suite can see it (then it breaks nothing): a behaviour of a real
    # server a preset models for its clients (the transcript) that the suite sends nothing to
    unprobed: str = ""

    def __post_init__(self) -> None:
        check_ids((*self.breaks, *self.may_also_break), f"the fault {self.name}")


FAULTS: tuple[Fault, ...] = (
    # AUTH: the API key middleware
    Fault(
        "missing-key-403",
        "a request without a key (or an empty one) gets 403, not 401",
        ("AUTH-01",),
    ),
    # a request let in without a valid key gets rate headers of its own, which a countdown over
    # every request of the run may notice
    Fault(
        "missing-key-404",
        "a request without a key (or an empty one) to a project's routes gets 404, as a route "
        "the target lacks would: where a valid key gets 200 it is AUTH-01's failure, not an "
        "absent route",
        ("AUTH-01",),
        ("AUTH-06",),
    ),
    Fault(
        "empty-key-accepted",
        "an empty X-API-Key is let in as a guest (a member without a key)",
        ("AUTH-01",),
    ),
    Fault("invalid-key-403", "an unknown key gets 403, not 401", ("AUTH-02",)),
    Fault(
        "invalid-key-read-only",
        "an unknown key may still read: GET answers as a guest",
        ("AUTH-02",),
    ),
    Fault(
        "auth-error-plaintext",
        "401 answers are text/plain, not the JSON error",
        ("AUTH-01", "AUTH-02", "FMT-01", "HTTP-09"),
    ),
    Fault(
        "valid-key-403-on-writes",
        "a valid key gets 403 on every POST",
        ("AUTH-03",),
    ),
    Fault(
        "key-header-case-sensitive",
        "the key is read only from a header spelled exactly X-API-Key",
        ("AUTH-04",),
    ),
    # a key accepted elsewhere also spends its window, which a count of its requests may notice
    Fault(
        "bearer-accepted",
        "the key is also accepted as Authorization: Bearer",
        ("AUTH-05",),
    ),
    Fault(
        "query-key-accepted",
        "the key is also accepted as ?api_key=",
        ("AUTH-05",),
    ),
    Fault(
        "validate-before-auth",
        "routing, lookups and parameter checks run before authentication (404/405/400 before 401)",
        ("AUTH-06",),
    ),
    # HTTP: handlers and error handlers
    Fault("list-html-content-type", "GET lists are labelled text/html", ("HTTP-01", "FMT-01")),
    Fault("create-returns-200", "POST that creates answers 200, not 201", ("HTTP-02",)),
    Fault(
        "creates-200-for-states-and-links",
        "creating a state, or adding work items to a module or a cycle, answers 200, not 201",
        ("HTTP-02",),
    ),
    Fault(
        "module-patch-written-only",
        "PATCH of a module answers only the fields it writes (name, description, dates, status, "
        "lead, external_*), without its id",
        ("HTTP-03",),
    ),
    Fault(
        "label-patch-409-beside-work-items",
        "PATCH of a label in a project that holds a work item answers 409 'Label with the same "
        "external id and external source already exists' and changes nothing (Plane v0.23.1)",
        ("HTTP-03",),
    ),
    # the transcripts of the real server (issue 22) show these; the suite does not meet them
    Fault(
        "unknown-parent-lists-empty",
        "a list under a work item, cycle or module that does not exist answers an empty list "
        "(200), and a creation under such a work item 400 {error}",
        ("HTTP-05",),
    ),
    Fault(
        "plane-body-rules",
        "Plane's own body rules: a project's body that is not JSON is a 500, a project's name "
        "already taken a 409 {name}, a member added twice a 400",
        (),
        ("HTTP-06", "HTTP-09"),
        unprobed="the suite sends no malformed body to a project's creation, no name already "
        "taken and no membership twice",
    ),
    Fault(
        "fields-ignored-by-some-views",
        "the key's user, workspace and project members, one sticky and one invitation ignore "
        "fields and expand (the whole resource); a project's summary ignores names it does "
        "not count",
        ("FLD-01", "FLD-02", "FLD-03", "FLD-04"),
    ),
    Fault(
        "put-as-plane",
        "PUT, which the API does not document: a sticky takes it as a PATCH, an invitation "
        "needs its whole body (400), the project list answers 403; the lookup by identifier "
        "answers 403 to every method but GET",
        (),
        ("HTTP-08",),
        unprobed="the suite sends PUT to a work item only (HTTP-08), never to a sticky, an "
        "invitation, the project list or the lookup by identifier",
    ),
    Fault(
        "unknown-scope-per-view",
        "under a workspace or project the key cannot see, some views do not refuse 403: lists "
        "of labels, members and attachments and the search answer empty, some records 404",
        ("HTTP-05",),
    ),
    Fault(
        "member-delete-keeps-member",
        "DELETE of a project member answers 204, but the membership stays: GET of it still "
        "answers 200 and the members list still shows its user",
        ("HTTP-04",),
    ),
    # the 500s come from an unknown id as from a valid body alike
    Fault(
        "intake-without-inbox-500",
        "in a project created with its intake on (no inbox made until the project is changed), "
        "every POST, PATCH and DELETE of intake items answers 500",
        ("HTTP-05", "HTTP-07"),
    ),
    Fault(
        "create-without-id",
        "the created resource is returned without its id",
        ("HTTP-02",),
    ),
    Fault(
        "patch-resets-unsent", "PATCH resets fields it was not sent to their defaults", ("HTTP-03",)
    ),
    Fault("patch-not-applied", "PATCH validates and answers 200 but changes nothing", ("HTTP-03",)),
    Fault(
        "delete-200-with-body",
        "DELETE answers 200 with the deleted resource",
        ("HTTP-04",),
    ),
    Fault("delete-not-gone", "DELETE answers 204 but the resource stays", ("HTTP-04",)),
    Fault(
        "unknown-id-403",
        "an unknown id in the path gets 403, not 404",
        ("HTTP-05",),
    ),
    Fault(
        "unknown-project-403",
        "a path under a project the key cannot see, an unknown one included, is refused 403 by a "
        "permission check that runs before the rate limiter (no rate headers, not counted)",
        ("HTTP-05", "RATE-01"),
    ),
    Fault(
        "drf-error-shapes",
        "errors come in several shapes: {detail} for authentication and parameters, {field: "
        "[...]} for invalid fields, {error} for missing objects, {error_code, error_message} "
        "for throttling",
        ("HTTP-09",),
        # Plane's own refusal of an intake item without its work item names "Name", not `issue`
        ("HTTP-06",),
    ),
    Fault(
        "nested-unknown-project-200",
        "a nested list under an unknown project answers 200 with an empty list",
        ("HTTP-05",),
    ),
    Fault("missing-name-201", "POST of a work item without a name is accepted", ("HTTP-06",)),
    Fault(
        "missing-field-unnamed",
        "a body without a required field gets 400 with a message that names no field",
        ("HTTP-06",),
    ),
    Fault("bad-priority-accepted", "any string is accepted as a priority", ("HTTP-06",)),
    Fault(
        "malformed-json-500",
        "a malformed JSON body crashes the handler (500)",
        ("HTTP-06", "HTTP-07"),
    ),
    # declared query parameters beyond the documented ones: what a generic fuzzer finds
    # an older release (Plane v0.23.1, docs/REAL-PLANE-0.23.md)
    Fault(
        "archived-lists-500",
        "the lists of archived cycles and modules crash (500), as Plane v0.23.1's do",
        ("HTTP-01", "HTTP-07"),
    ),
    Fault(
        "work-item-put-500",
        "PUT on a work item crashes (500) instead of 405: Plane v0.23.1's work item view has a "
        "put() that takes no id",
        ("HTTP-08", "HTTP-07"),
    ),
    Fault(
        "order-by-unknown-500",
        "an unknown order_by field of the work item list reaches the database (500)",
        ("HTTP-07",),
    ),
    Fault(
        "limit-negative-500",
        "a negative limit of the work item search reaches the query's slicing (500)",
        ("HTTP-07",),
    ),
    Fault(
        "search-nul-html-500",
        "a NUL in the work item search's text crashes below the API's error handling: the web "
        "framework's own HTML error page (500)",
        ("HTTP-07", "HTTP-09", "FMT-01"),
    ),
    Fault(
        "filter-nul-500",
        "a NUL in the work item list's external_id or external_source filter reaches the "
        "database, which refuses it (500)",
        ("HTTP-07",),
    ),
    Fault("method-not-allowed-404", "an unsupported method gets 404, not 405", ("HTTP-08",)),
    Fault(
        "html-error-pages",
        "routing errors (unknown path, wrong method) are HTML pages",
        ("HTTP-09", "HTTP-10", "FMT-01"),
    ),
    Fault(
        "mixed-error-shapes",
        'not-found errors use {"detail": ...}, others {"error": ...}',
        ("HTTP-09",),
    ),
    Fault("unknown-path-200", "a path the API does not define answers 200 with {}", ("HTTP-10",)),
    # PAG: the paginator
    Fault("envelope-missing-key", "the envelope has no total_pages", ("PAG-01",)),
    Fault("envelope-count-string", "the envelope's count is a string", ("PAG-01",)),
    Fault(
        "default-page-1000",
        "without per_page a page holds up to 1000 items",
        ("PAG-02",),
    ),
    Fault(
        "per-page-ignored",
        "per_page is validated but ignored: a page has the cursor's size, else the default",
        ("PAG-03",),
        ("PAG-06", "PAG-08", "PAG-13"),
    ),
    Fault("count-is-total", "count is the size of the collection, not of the page", ("PAG-03",)),
    Fault("per-page-clamped", "per_page above the maximum is silently clamped to it", ("PAG-04",)),
    Fault("per-page-max-accepted", "per_page above the maximum is served as asked", ("PAG-04",)),
    Fault(
        "per-page-error-no-max",
        "per_page above the maximum is a 400 that omits the maximum",
        ("PAG-04",),
    ),
    Fault("per-page-zero-500", "per_page=0 divides by zero (500)", ("PAG-05", "HTTP-07")),
    Fault(
        "per-page-nonpositive-500",
        "per_page that is zero or negative reaches the arithmetic (500)",
        ("PAG-05", "HTTP-07"),
    ),
    Fault(
        "per-page-max-1000",
        "per_page up to 1000 is served; only above 1000 is a 400 (naming 1000)",
        ("PAG-04",),
    ),
    Fault(
        "per-page-junk-default",
        "a per_page that is not a positive integer means the default",
        ("PAG-05",),
    ),
    Fault(
        "cursor-offset-is-items",
        "cursors carry the item offset instead of the page number",
        ("PAG-06",),
    ),
    Fault(
        "cursor-pages-from-one",
        "cursors number pages from 1 (the first page links to n:2:0)",
        ("PAG-06",),
    ),
    Fault(
        "first-prev-cursor-minus-one",
        'the first page\'s prev_cursor is "n:-1:1", not ""',
        ("PAG-07",),
    ),
    Fault(
        "next-page-results-true-on-last",
        "next_page_results is true on the last page",
        ("PAG-08",),
    ),
    Fault("prev-page-results-false", "prev_page_results is always false", ("PAG-08",)),
    Fault(
        "off-by-one-repeat",
        "each page after the first repeats the previous page's last item",
        ("PAG-09",),
        ("PAG-03", "PAG-08"),
    ),
    Fault(
        "unstable-order",
        "the collection comes in a different order on every request",
        ("PAG-09",),
        ("PAG-10",),
    ),
    Fault(
        "prev-cursor-wrong-page",
        "following prev_cursor from page k returns page k again",
        ("PAG-10",),
    ),
    Fault("cursor-lenient", "a malformed cursor is read as the first page", ("PAG-11",)),
    Fault(
        "prev-cursor-crash",
        "any is_prev other than 0 means 'previous', and a previous cursor whose value is not "
        "the page size crashes the slicing (500)",
        ("PAG-11", "HTTP-07"),
    ),
    Fault("is-prev-any-integer", "any integer is accepted as is_prev", ("PAG-11",)),
    Fault(
        "cursor-size-ignored", "a cursor without per_page pages with the default size", ("PAG-12",)
    ),
    Fault("total-pages-off-by-one", "total_pages counts one page too many", ("PAG-13",)),
    Fault(
        "total-pages-floor",
        "total_pages rounds down: a last, partial page is not counted",
        ("PAG-13",),
    ),
    Fault("past-end-404", "a cursor past the last page gets 404", ("PAG-14",)),
    # RATE: the rate limiter
    Fault(
        "rate-headers-missing-on-errors",
        "4xx answers carry no rate limit headers",
        ("RATE-01",),
    ),
    Fault(
        "rate-headers-missing",
        "no answer carries rate limit headers (the limit still holds)",
        ("RATE-01",),
        ("RATE-06",),
    ),
    Fault(
        "reset-seconds-until",
        "X-RateLimit-Reset is seconds until the reset, not an epoch",
        ("RATE-02",),
    ),
    Fault(
        "reset-far-future",
        "X-RateLimit-Reset is an hour after the window's end",
        ("RATE-02",),
    ),
    Fault("remaining-constant", "X-RateLimit-Remaining never changes", ("RATE-03",)),
    Fault(
        "remaining-off-by-one",
        "X-RateLimit-Remaining does not count the current request",
        ("RATE-03",),
    ),
    Fault(
        "no-rate-limit",
        "requests are never throttled",
        ("RATE-04",),
    ),
    Fault(
        "limit-off-by-one",
        "a key is throttled only after limit + 1 requests",
        ("RATE-04",),
    ),
    Fault("window-never-resets", "a throttled key stays throttled in later windows", ("RATE-05",)),
    Fault(
        "throttle-outlasts-reset",
        "a throttled key stays throttled for one more window after the Reset it was given",
        ("RATE-05",),
    ),
    Fault("no-retry-after", "a 429 has no Retry-After", ("RATE-06",)),
    Fault(
        "429-without-rate-headers",
        "a 429 has Retry-After but neither X-RateLimit-Remaining nor X-RateLimit-Reset",
        ("RATE-06",),
    ),
    Fault(
        "me-not-rate-limited",
        "users/me/ is left out of rate limiting: not counted, and answered without rate headers",
        ("RATE-01",),
    ),
    Fault("shared-limit", "all keys share one bucket", ("RATE-07",)),
    # FLD: the selection code
    Fault("fields-ignored", "fields is validated but every key is returned", ("FLD-01",)),
    Fault(
        "fields-empty-objects",
        "unknown names in fields are dropped: objects may be empty",
        ("FLD-02",),
    ),
    Fault(
        "unknown-fields-ignored",
        "unknown names in fields are ignored (all unknown: every key)",
        ("FLD-02",),
    ),
    Fault(
        "fields-error-names-first-only",
        "the fields error names only the first invalid name",
        ("FLD-02",),
    ),
    Fault(
        "module-members-always",
        "module objects always carry members, whatever fields asks for",
        ("FLD-01",),
    ),
    Fault("expand-ignored", "expand is validated but ids stay ids", ("FLD-03",)),
    Fault(
        "unknown-expand-ignored", "names in expand that cannot be expanded are ignored", ("FLD-04",)
    ),
    Fault("fields-expand-conflict", "expand is ignored when fields is given", ("FLD-05",)),
    Fault(
        "label-detail-ignores-selection",
        "a single label ignores fields and expand, unknown names included: it comes back whole",
        ("FLD-01", "FLD-02", "FLD-03", "FLD-04"),
    ),
    # FMT: request and response bodies
    # HTTP-03 is only a possible consequence: a suite that cannot create its own resources may
    # leave PATCH undecided rather than failed
    Fault(
        "json-body-rejected",
        "POST and PATCH refuse application/json bodies (415)",
        ("FMT-02",),
    ),
    Fault(
        "text-plain-json",
        "JSON answers are labelled text/plain",
        ("FMT-01",),
        ("HTTP-01",),
    ),
)

FAULT_NAMES: frozenset[str] = frozenset(fault.name for fault in FAULTS)


def check_fault_names(names: Iterable[str]) -> None:
    """ConfigError naming the first fault that is not in the catalogue."""
    for name in sorted(names):
        if name not in FAULT_NAMES:
            raise ConfigError(f"unknown fault {name!r} (see serve --list-faults)")


def describe_faults() -> str:
    """The catalogue as text: one line per fault, name, requirement IDs, summary."""
    rows = [(fault.name, ",".join(fault.breaks), fault.summary) for fault in FAULTS]
    name_width = max((len(name) for name, _, _ in rows), default=0)
    ids_width = max((len(ids) for _, ids, _ in rows), default=0)
    return "\n".join(
        f"{name:<{name_width}}  {ids:<{ids_width}}  {summary}" for name, ids, summary in rows
    )
