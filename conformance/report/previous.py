"""What failed in a previous report: the requirements ``--last-failed`` re-runs, and the tests
that failed or errored on each."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from conformance.errors import ConfigError

RERUN = frozenset({"fail", "error"})


@dataclass(frozen=True, slots=True)
class Failures:
    """The requirements that failed or errored in the report at ``path`` (waived ones too), each
    with the node ids of the tests that showed it: those its evidence names, else every test
    that judged it."""

    path: Path
    tests: Mapping[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(self.tests)


def read_failures(path: Path) -> Failures:
    """The failures of the compliance.json at ``path``; ConfigError (one line) when it is
    missing, unreadable or not a compliance document."""
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(
            f"--last-failed reads the previous report, and there is no {path}: run without "
            "--last-failed first, or point --report-dir at the previous report's directory"
        ) from None
    except OSError as exc:
        raise ConfigError(f"--last-failed cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError):
        raise ConfigError(f"--last-failed: {path} is not JSON") from None
    requirements = document.get("requirements") if isinstance(document, dict) else None
    if not isinstance(requirements, list):
        raise ConfigError(f"--last-failed: {path} is not a compliance.json (no requirements)")
    tests: dict[str, tuple[str, ...]] = {}
    for requirement in requirements:
        if not isinstance(requirement, dict) or requirement.get("status") not in RERUN:
            continue
        rid = str(requirement.get("id", ""))
        evidence = requirement.get("evidence") or []
        named = [str(e["test"]) for e in evidence if isinstance(e, dict) and e.get("test")]
        judged = [str(t) for t in requirement.get("tests") or []]
        tests[rid] = tuple(dict.fromkeys(named or judged))
    return Failures(path, tests)
