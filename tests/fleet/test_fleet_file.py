"""FLEET.toml: [[target]] tables of run settings, read by the config file's reader against the
one settings table; everything wrong is one line before any target runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.fleet.fleet_file import read_fleet_file

TWO = """
rate-window = 5
profile = "smoke"
workspace = "ws"

[[target]]
name = "staging"
target = "https://staging.example/api/v1"
read-only = true
project = "p1"
api-key-env = "STAGING_KEY"

[[target]]
name = "prod.eu-1"
target = "https://${REGION}.example/api/v1"
rate-window = 60
waivers = "waivers.yaml"
only = ["AUTH", "PAG-01"]
"""


def read(tmp_path: Path, text: str) -> None:
    path = tmp_path / "fleet.toml"
    path.write_text(text)
    read_fleet_file(path, {}, tmp_path / "out")


def test_targets_get_the_shared_settings_and_their_own(tmp_path: Path) -> None:
    (tmp_path / "fleet.toml").write_text(TWO)
    staging, prod = read_fleet_file(tmp_path / "fleet.toml", {"REGION": "eu"}, tmp_path / "out")
    assert staging.name == "staging"
    assert staging.settings.rate_window == 5
    assert (staging.settings.read_only, staging.settings.project) == (True, "p1")
    assert staging.settings.api_key_env == "STAGING_KEY"
    assert staging.settings.report_dir == tmp_path / "out" / "staging"
    assert prod.settings.rate_window == 60  # the target's own wins
    assert prod.settings.target == "https://eu.example/api/v1"  # ${VAR} expanded
    assert prod.settings.waivers == tmp_path / "waivers.yaml"  # relative to the file
    assert prod.settings.only == ("AUTH", "PAG-01")
    assert prod.settings.profile == "smoke"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("rate-window = 5\n", "has no [[target]] tables", id="no-targets"),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "http://x/api/v1"\nworkspace = "w"\nrate-windw = 5\n',
            "unknown setting 'rate-windw'; did you mean 'rate_window'?",
            id="unknown-key",
        ),
        pytest.param(
            'rate-windw = 5\n[[target]]\nname = "a"\ntarget = "http://x/api/v1"\nworkspace = "w"\n',
            "unknown setting 'rate-windw'",
            id="unknown-shared-key",
        ),
        pytest.param(
            '[[target]]\nname = "a/b"\ntarget = "http://x/api/v1"\nworkspace = "w"\n',
            "target #1 needs a name",
            id="bad-name",
        ),
        pytest.param(
            '[[target]]\ntarget = "http://x/api/v1"\nworkspace = "w"\n',
            "target #1 needs a name",
            id="no-name",
        ),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "http://x/api/v1"\nworkspace = "w"\n'
            '[[target]]\nname = "a"\ntarget = "http://y/api/v1"\nworkspace = "w"\n',
            "two targets are named 'a'",
            id="same-name",
        ),
        pytest.param('[[target]]\nname = "a"\nworkspace = "w"\n', "no target", id="no-target"),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "http://x/api/v1"\nworkspace = "w"\n'
            'report-dir = "x"\n',
            "'report-dir' is the fleet's to decide",
            id="report-dir",
        ),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "http://x/api/v1"\n',
            "target 'a': --target needs --workspace",
            id="checked-settings",
        ),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "http://x/api/v1"\nworkspace = "w"\n'
            'rate-limit = "many"\n',
            "target 'a': rate_limit must be an integer",
            id="converted-settings",
        ),
        pytest.param("[[target]\n", "is not valid TOML", id="not-toml"),
        pytest.param(
            '[[target]]\nname = "fleet.json"\ntarget = "http://x/api/v1"\nworkspace = "w"\n',
            "not fleet.json or fleet.html",
            id="the-fleets-own-file",
        ),
        pytest.param(
            '[[target]]\nname = "a"\ntarget = "https://u:hunter2@x/api/v1"\nworkspace = "w"\n',
            "must not carry credentials",
            id="credentials-in-the-url",
        ),
    ],
)
def test_a_wrong_fleet_file_is_one_line(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        read(tmp_path, text)
    assert message in str(raised.value)
    assert "\n" not in str(raised.value)


def test_a_missing_fleet_file_is_one_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read fleet file"):
        read_fleet_file(tmp_path / "nope.toml", {}, tmp_path)


def test_an_empty_target_is_no_target(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="target 'a': no target"):
        read(tmp_path, '[[target]]\nname = "a"\ntarget = ""\nworkspace = "w"\n')


def test_the_reserved_names_are_the_fleets_files() -> None:
    from conformance.fleet import document, fleet_file

    assert (fleet_file.FLEET_JSON, fleet_file.FLEET_HTML) == (
        document.FLEET_JSON,
        document.FLEET_HTML,
    )
