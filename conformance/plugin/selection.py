"""Targeted runs: the requirements and tests that ``--only``, ``--operation`` and
``--last-failed`` select, and the deselection of the rest (through pytest's ``deselected`` hook,
so that ``-k`` and ``-m`` still compose with them).

The selected requirements are those every given option allows: ``--only`` its IDs and the IDs
of its areas; ``--last-failed`` those that failed or errored in the previous report;
``--operation`` those the tests of its operations judge. The tests that run:

- with ``--operation``, the tests of those operations (and the passive checks of the selected
  requirements);
- else every test that judges a selected requirement; with ``--last-failed``, only the tests
  that failed or errored on it (every test that judges it when none of them is left);
- a requirement judged over every answer of the run (a passive, ``after_all`` check: AUTH-03,
  HTTP-07, HTTP-09, FMT-01, RATE-01, RATE-02) pulls in its passive check only: it is judged on
  the answers of the other tests the selection runs. When it runs no other test, or when such
  a requirement failed last time (any answer of the run may have shown it), every test runs
  for its answers, as in a full run.

A selected test's outcomes for the requirements left out are dropped by the report, where
they are ``not selected``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pytest

from conformance.catalogue.ids import only_ids, suggestion
from conformance.errors import ConfigError
from conformance.plugin.markers import requirement_ids
from conformance.report import Failures, Selection, read_failures
from conformance.report.writers import COMPLIANCE_JSON


def previous_report(last_failed: bool, report_dir: Path) -> Failures | None:
    """What failed in the report ``--last-failed`` reads, ``report_dir/compliance.json`` (None
    without the option); read before the run writes its own over it."""
    if not last_failed:
        return None
    return read_failures(report_dir / COMPLIANCE_JSON)


def nothing_to_rerun(only: Sequence[str], failures: Failures | None) -> str | None:
    """The line that ends a ``--last-failed`` run before its first request when the previous
    report holds nothing to re-run (among the requirements of ``--only``); None otherwise."""
    if failures is None:
        return None
    left = failures.ids & only_ids(only) if only else failures.ids
    if left:
        return None
    among = f" among --only {','.join(only)}" if only else ""
    return (
        f"nothing failed or errored{among} in {failures.path}: nothing to re-run, no request sent"
    )


def operation_labels(given: Sequence[str], declared: Sequence[str]) -> tuple[str, ...]:
    """``--operation``'s labels as the description declares them (the method in any case, a
    leading ``/`` allowed); ConfigError naming the first one it does not declare."""
    known = {label.upper(): label for label in declared}
    found = []
    for label in given:
        method, _, path = label.strip().partition(" ")
        key = f"{method} {path.strip().lstrip('/')}".upper()
        if key not in known:
            hint = suggestion(f"{method.upper()} {path.strip().lstrip('/')}", declared)
            raise ConfigError(
                f"--operation {label!r}: the description does not declare it as a GET "
                f"operation{hint}; the report's operations table lists them"
            )
        found.append(known[key])
    return tuple(dict.fromkeys(found))


@dataclass(frozen=True, slots=True)
class Wanted:
    """What a run's options ask for, checked: ``--only`` as given and the IDs it names, the
    ``--operation`` labels and the previous report's failures (``--last-failed``)."""

    given: tuple[str, ...] = ()
    only: frozenset[str] | None = None
    operations: tuple[str, ...] = ()
    failures: Failures | None = None

    @property
    def targeted(self) -> bool:
        return self.only is not None or bool(self.operations) or self.failures is not None


def wanted(
    only: Sequence[str],
    operations: Sequence[str],
    failures: Failures | None,
    declared: Sequence[str],
) -> Wanted:
    """The run's selection options, each checked (ConfigError, one line); ``declared``: the
    labels of the operations the run's description declares."""
    return Wanted(
        given=tuple(only),
        only=only_ids(only) if only else None,
        operations=operation_labels(operations, declared),
        failures=failures,
    )


def _label(item: pytest.Item) -> str | None:
    callspec = getattr(item, "callspec", None)
    label = getattr(callspec.params.get("operation"), "label", None) if callspec else None
    return label if isinstance(label, str) else None


def _passive(item: pytest.Item) -> bool:
    return item.get_closest_marker("after_all") is not None


def _node(nodeid: str) -> str:
    """A node id without the folders of its file: runs from other root directories agree."""
    file, sep, rest = nodeid.partition("::")
    return file.rsplit("/", 1)[-1] + sep + rest


def _requirements(items: Sequence[pytest.Item], wanted: Wanted) -> frozenset[str]:
    chosen: frozenset[str] | None = wanted.only
    if wanted.failures is not None:
        failed = wanted.failures.ids
        chosen = failed if chosen is None else chosen & failed
    if wanted.operations:
        judged = {
            rid for i in items if _label(i) in wanted.operations for rid in requirement_ids(i)
        }
        chosen = frozenset(judged) if chosen is None else chosen & judged
    return chosen or frozenset()


def _tests_for(
    rid: str, items: Sequence[pytest.Item], passive_ids: frozenset[str], wanted: Wanted
) -> tuple[list[pytest.Item], bool]:
    """The tests requirement ``rid`` runs, and whether it needs every test's answers."""
    named = [i for i in items if rid in requirement_ids(i)]
    if wanted.failures is not None:
        shown = {_node(n) for n in wanted.failures.tests.get(rid, ())}
        failed = [i for i in named if _node(i.nodeid) in shown]
        if failed:
            return failed, all(_passive(i) for i in failed)
    if rid in passive_ids:
        return [i for i in named if _passive(i)], False
    return named, False


def choose(items: Sequence[pytest.Item], wanted: Wanted) -> tuple[list[pytest.Item], Selection]:
    """The tests to run, in their order, and the selection the report states."""
    selected = _requirements(items, wanted)
    passive_ids = frozenset(rid for i in items if _passive(i) for rid in requirement_ids(i))
    if wanted.operations:
        keep = {id(i) for i in items if _label(i) in wanted.operations}
        keep |= {id(i) for i in items if _passive(i) and selected & set(requirement_ids(i))}
    else:
        keep, everything = set(), False
        for rid in selected:
            tests, whole = _tests_for(rid, items, passive_ids, wanted)
            keep |= {id(i) for i in tests}
            everything = everything or whole
        if everything or (keep and all(_passive(i) for i in items if id(i) in keep)):
            keep = {id(i) for i in items}  # for the answers the passive checks judge
    selection = Selection(
        requirements=selected,
        only=wanted.given,
        operations=wanted.operations,
        last_failed=wanted.failures is not None,
    )
    return [i for i in items if id(i) in keep], selection


def deselect(config: pytest.Config, items: list[pytest.Item], wanted: Wanted) -> Selection | None:
    """Leave in ``items`` only what the run's selection needs (pytest's ``deselected`` hook
    hears of the rest); the selection, or None for a run that is not targeted. A selection of
    no requirement at all is a usage error."""
    if not wanted.targeted:
        return None
    kept, selection = choose(items, wanted)
    if not selection.requirements:
        raise pytest.UsageError(
            f"{_options(wanted)} select no requirement together: give fewer of them"
        )
    chosen = {id(i) for i in kept}
    left = [i for i in items if id(i) not in chosen]
    if left:
        config.hook.pytest_deselected(items=left)
        items[:] = kept
    return selection


def _options(wanted: Wanted) -> str:
    parts = [f"--only {','.join(wanted.given)}"] if wanted.only is not None else []
    parts += [f"--operation '{label}'" for label in wanted.operations]
    if wanted.failures is not None:
        parts.append(f"--last-failed ({', '.join(sorted(wanted.failures.ids))})")
    return " and ".join(parts)
