"""Hypothesis settings for properties that spend requests: small budgets, seeded by the run."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from hypothesis import HealthCheck, Phase, seed, settings

from conformance.plugin.target import Target

F = TypeVar("F", bound=Callable[..., Any])


def budgeted(target: Target, *, full: int, smoke: int) -> Callable[[F], F]:
    """Decorate a ``@given`` property: ``full``/``smoke`` generated examples on top of the
    explicit ``@example`` cases, seeded with the run's seed so ``--seed`` replays it exactly.

    No example database (a replay must not depend on earlier runs) and no deadline (a paced
    request may wait for a rate-limit window).
    """
    generated = target.examples(full, smoke)
    phases = (Phase.explicit, Phase.generate, Phase.shrink) if generated else (Phase.explicit,)

    def decorate(test: F) -> F:
        configured = settings(
            max_examples=max(generated, 1),
            phases=phases,
            deadline=None,
            database=None,
            derandomize=False,
            print_blob=False,
            report_multiple_bugs=False,
            suppress_health_check=list(HealthCheck),
        )(test)
        return seed(target.settings.seed)(configured)

    return decorate
