"""The rule catalogue of the linter: every rule, in the order they run.

Each module holds the rules of one area as small named functions and a ``RULES`` tuple; this
module concatenates them. Rules import only ``conformance.lint`` values and the standard library.
"""

from __future__ import annotations

from conformance.lint.rule import Rule
from conformance.lint.rules import (
    authentication,
    error_responses,
    media_types,
    pagination,
    paths,
    rate_limit,
    references,
    selection,
    status_codes,
    structure,
)

RULES: tuple[Rule, ...] = (
    *structure.RULES,
    *references.RULES,
    *authentication.RULES,
    *status_codes.RULES,
    *error_responses.RULES,
    *paths.RULES,
    *media_types.RULES,
    *pagination.RULES,
    *selection.RULES,
    *rate_limit.RULES,
)

__all__ = ["RULES", "Rule"]
