"""The shipped catalogue is valid, complete and immutable; a broken one is refused in one line."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from conformance.catalogue import load_catalogue
from conformance.catalogue.model import parse_catalogue
from conformance.errors import ConfigError

SPECS = Path(__file__).resolve().parents[2] / "conformance" / "specs"
EXPECTED_COUNTS = {"AUTH": 6, "HTTP": 10, "PAG": 14, "RATE": 7, "FLD": 5, "FMT": 2}


def _document() -> Any:
    return yaml.safe_load((SPECS / "requirements.yaml").read_text(encoding="utf-8"))


def test_catalogue_holds_every_contract_id() -> None:
    catalogue = load_catalogue()
    for area, count in EXPECTED_COUNTS.items():
        expected = {f"{area}-{n:02d}" for n in range(1, count + 1)}
        assert expected <= catalogue.ids
    assert len(catalogue) == sum(EXPECTED_COUNTS.values())


def test_documented_parameters() -> None:
    assert dict(load_catalogue().parameters) == {
        "api_key_header": "X-API-Key",
        "per_page_default": 100,
        "per_page_max": 100,
        "rate_limit": 60,
        "rate_window_s": 60,
    }


def test_levels_follow_the_contract() -> None:
    shoulds = {r.id for r in load_catalogue() if r.level == "SHOULD"}
    assert shoulds == {
        "AUTH-04",
        "AUTH-05",
        "AUTH-06",
        "HTTP-08",
        "HTTP-09",
        "HTTP-10",
        "PAG-05",
        "PAG-07",
        "PAG-12",
        "PAG-13",
        "PAG-14",
        "RATE-06",
        "RATE-07",
        "FLD-05",
    }


@pytest.mark.parametrize(
    ("mutate", "message"),
    [
        pytest.param(
            lambda d: d["requirements"][0].pop("level"), "'level' is a required", id="no-level"
        ),
        pytest.param(lambda d: d["requirements"][0].update(level="MAY"), "MAY", id="bad-level"),
        pytest.param(
            lambda d: d["requirements"].append(dict(d["requirements"][0])), "twice", id="dup"
        ),
        pytest.param(lambda d: d["requirements"][0].update(area="FLD"), "area", id="area-mismatch"),
        pytest.param(
            lambda d: d["requirements"][0].update(parameters=["nope"]), "nope", id="param"
        ),
    ],
)
def test_invalid_catalogue_is_one_line_config_error(mutate: Any, message: str) -> None:
    document = copy.deepcopy(_document())
    mutate(document)
    with pytest.raises(ConfigError, match=message) as excinfo:
        parse_catalogue(document)
    assert "\n" not in str(excinfo.value)
