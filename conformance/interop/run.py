"""One interop run: the SDK, pointed at the recording proxy, makes the table's calls in order;
each is kept with what became of it, and whatever the scratch run left behind is deleted."""

from __future__ import annotations

import contextlib

import httpx

from conformance.errors import ConformanceError
from conformance.http import Exchange, Recorder
from conformance.interop import sdk
from conformance.interop.calls import calls
from conformance.interop.proxy import recording_proxy
from conformance.interop.results import FAILED, NOT_RUN, OK, TRANSPORT, CallResult, InteropResult
from conformance.interop.scenario import Call, Place


def run_interop(
    client: httpx.Client,
    recorder: Recorder,
    *,
    workspace: str,
    prefix: str,
    project: str | None = None,
    read_only: bool = False,
    gate: bool = False,
) -> InteropResult:
    """Run the SDK's calls against the target ``client`` speaks to (and records in ``recorder``).

    ConfigError (one line) when the SDK is missing or of a release outside the tested range.
    """
    version = sdk.require_sdk()
    place = Place(workspace, prefix, project if read_only else None)
    results: list[CallResult] = []
    givers: dict[str, CallResult] = {}  # what each earlier call was to give, and how it went
    with recording_proxy(client) as origin:
        plane = sdk.make_client(origin)
        try:
            for each in calls(place, read_only=read_only):
                results.append(_make(each, plane, place, recorder, givers))
                if each.gives:
                    givers[each.gives] = results[-1]
        finally:
            sdk.close_client(plane)
    notes = _clean_up(client, place, results)
    return InteropResult(sdk.SDK_DISTRIBUTION, version, tuple(results), gate, tuple(notes))


def _make(
    each: Call, plane: object, place: Place, recorder: Recorder, givers: dict[str, CallResult]
) -> CallResult:
    def result(outcome: str, **rest: object) -> CallResult:
        return CallResult(each.name, each.code, outcome, **rest)  # type: ignore[arg-type]

    lacking = [need for need in each.needs if need not in place.got]
    if lacking:
        giver = givers.get(lacking[0])
        source = "no earlier call" if giver is None else f"{giver.name}, which {giver.outcome}"
        return result(NOT_RUN, message=f"needs the {lacking[0]} from {source}")
    try:
        arguments = each.arguments(place.got)
    except (LookupError, AttributeError) as exc:
        return result(NOT_RUN, message=f"an earlier answer lacked what it needs: {exc!r}")
    mark = recorder.mark()
    try:
        answer = each.invoke(plane, arguments)
    except Exception as exc:  # whatever the SDK raises is the finding
        exchanges = recorder.since(mark)
        problem, message = sdk.classify(exc)
        broken = _broken(exchanges)
        if broken is not None:
            problem, message = TRANSPORT, f"the request did not complete: {broken}"
        return result(FAILED, problem=problem, message=message, exchanges=exchanges)
    if each.gives:
        place.got[each.gives] = answer
    return result(OK)


def _broken(exchanges: tuple[Exchange, ...]) -> str | None:
    """The error of an exchange that never got an answer, or why none was made."""
    if not exchanges:
        return "the proxy made no request"
    return next((e.error for e in exchanges if e.error), None)


def _clean_up(client: httpx.Client, place: Place, results: list[CallResult]) -> list[str]:
    """Delete what the run made and its own deletions left (the project takes the rest)."""
    deleted = {r.name for r in results if r.outcome == OK}
    leftovers = [
        ("sticky", "stickies.delete", f"workspaces/{place.slug}/stickies/{{}}/"),
        ("project", "projects.delete", f"workspaces/{place.slug}/projects/{{}}/"),
    ]
    notes = []
    for name, deletion, path in leftovers:
        made = place.got.get(name)
        if made is None or deletion in deleted or place.project_id is not None:
            continue
        with contextlib.suppress(ConformanceError, httpx.HTTPError):
            if client.delete(path.format(made.id)).status_code in (204, 404):
                continue
        notes.append(f"interop cleanup incomplete, left on the target: {name} {made.id}")
    return notes
