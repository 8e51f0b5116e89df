"""A target's child run gets its settings in its environment, and nothing of the user's own
``PLANE_CONFORMANCE_*`` variables; its key variables pass through untouched, unread, and the
fleet's other targets' do not."""

from __future__ import annotations

from pathlib import Path

from conformance.fleet.child import child_environment, key_variables
from conformance.runner.settings import resolve_settings
from conformance.settings import SuiteSettings


def test_the_settings_go_in_the_environment_and_the_users_do_not(tmp_path: Path) -> None:
    settings = SuiteSettings(
        target="https://a.example/api/v1", workspace="w", read_only=True, project="p",
        rate_window=5, only=("AUTH", "PAG-01"), report_dir=tmp_path / "out" / "a",
    )  # fmt: skip
    user = {
        "PLANE_CONFORMANCE_RATE_LIMIT": "7",
        "PLANE_CONFORMANCE_CONFIG": "mine.toml",
        "PLANE_API_KEY": "plane_api_secret",
        "PATH": "/bin",
    }
    empty = tmp_path / "empty.toml"
    empty.write_text("")
    environ = child_environment(settings, user, empty)
    assert environ["PLANE_API_KEY"] == "plane_api_secret"  # the child reads it, not the fleet
    assert environ["PATH"] == "/bin"
    assert "PLANE_CONFORMANCE_RATE_LIMIT" not in environ
    assert environ["PLANE_CONFORMANCE_CONFIG"] == str(empty)
    assert environ["PLANE_CONFORMANCE_RATE_WINDOW"] == "5"
    assert environ["PLANE_CONFORMANCE_READ_ONLY"] == "true"
    assert environ["PLANE_CONFORMANCE_ONLY"] == "AUTH,PAG-01"
    # the child resolves exactly these settings from it
    resolved = resolve_settings({}, environ, tmp_path)
    assert resolved == settings


def test_a_child_gets_its_own_key_variables_and_no_other_targets(tmp_path: Path) -> None:
    """A fleet's other targets' key variables are left out of a child's environment; its own
    stay, also where another target names the same variable."""
    mine = SuiteSettings(
        target="https://a.example/api/v1", workspace="w", api_key_env="STAGING_KEY",
        second_api_key_env="SHARED_KEY_2",
    )  # fmt: skip
    other = SuiteSettings(
        target="https://b.example/api/v1", workspace="w", api_key_env="PROD_KEY",
        second_api_key_env="SHARED_KEY_2", more_api_key_envs="PROD_KEY_3",
    )  # fmt: skip
    user = {n: "plane_api_x" for n in ("STAGING_KEY", "SHARED_KEY_2", "PROD_KEY", "PROD_KEY_3")}
    foreign = key_variables(mine) | key_variables(other)
    environ = child_environment(mine, {**user, "PATH": "/bin"}, tmp_path / "e.toml", foreign)
    assert sorted(k for k in environ if k.endswith(("_KEY", "_KEY_2", "_KEY_3"))) == [
        "SHARED_KEY_2",
        "STAGING_KEY",
    ]
    assert environ["PATH"] == "/bin"
