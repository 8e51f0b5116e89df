"""Settings: command line over environment over config file over defaults; ${ENV} in the file."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.errors import ConfigError
from conformance.runner.settings import resolve_settings
from conformance.settings import SETTINGS, SuiteSettings

TARGET = "http://127.0.0.1:9/api/v1"


def env_name(name: str) -> str:
    return next(s.env for s in SETTINGS if s.name == name)


def write_config(directory: Path, text: str, name: str = "plane-conformance.toml") -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_are_the_documented_values(tmp_path: Path) -> None:
    settings = resolve_settings({}, {}, tmp_path)
    assert settings == SuiteSettings()
    assert settings.target is None  # the embedded reference server
    assert (settings.rate_limit, settings.rate_window) == (60, 60)
    assert (settings.per_page_default, settings.per_page_max) == (100, 100)


def test_command_line_beats_environment_beats_file(tmp_path: Path) -> None:
    write_config(tmp_path, 'rate_limit = 10\nrate-window = 20\nprofile = "smoke"\nseed = 5\n')
    environ = {env_name("rate_limit"): "11", env_name("rate_window"): "21"}
    settings = resolve_settings({"rate_limit": 12}, environ, tmp_path)
    assert settings.rate_limit == 12  # command line
    assert settings.rate_window == 21  # environment
    assert settings.profile == "smoke"  # file
    assert settings.seed == 5  # file
    assert settings.timeout == 10.0  # default


def test_the_environment_names_follow_the_options() -> None:
    assert env_name("target") == "PLANE_CONFORMANCE_TARGET"
    assert env_name("report_dir") == "PLANE_CONFORMANCE_REPORT_DIR"


def test_an_empty_environment_variable_counts_as_unset(tmp_path: Path) -> None:
    write_config(tmp_path, 'profile = "smoke"\n')
    settings = resolve_settings({}, {env_name("profile"): ""}, tmp_path)
    assert settings.profile == "smoke"


def test_env_references_in_the_file_are_expanded(tmp_path: Path) -> None:
    write_config(
        tmp_path,
        'target = "http://${HOST}:${PORT}/api/v1"\nworkspace = "${WS}"\nseed = "${SEED}"\n',
    )
    environ = {"HOST": "127.0.0.1", "PORT": "8123", "WS": "acme", "SEED": "42"}
    settings = resolve_settings({}, environ, tmp_path)
    assert settings.target == "http://127.0.0.1:8123/api/v1"
    assert settings.workspace == "acme"
    assert settings.seed == 42


def test_a_missing_env_reference_names_the_variable(tmp_path: Path) -> None:
    write_config(tmp_path, 'workspace = "${NOT_SET_ANYWHERE}"\n')
    with pytest.raises(ConfigError, match="environment variable NOT_SET_ANYWHERE is not set"):
        resolve_settings({}, {}, tmp_path)


def test_explicit_config_file_and_relative_paths(tmp_path: Path) -> None:
    folder = tmp_path / "conf"
    folder.mkdir()
    path = write_config(folder, 'report_dir = "out"\nread-only = true\n', name="ci.toml")
    write_config(tmp_path, 'report_dir = "ignored"\n')  # the cwd file loses to --config
    settings = resolve_settings({"config": str(path)}, {}, tmp_path)
    assert settings.report_dir == folder / "out"
    assert settings.read_only is True


def test_config_file_from_the_environment(tmp_path: Path) -> None:
    path = write_config(tmp_path, "per_page_max = 50\nper_page_default = 20\n", name="x.toml")
    settings = resolve_settings({}, {"PLANE_CONFORMANCE_CONFIG": str(path)}, tmp_path / "nowhere")
    assert (settings.per_page_default, settings.per_page_max) == (20, 50)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        pytest.param("api_key = 'x'\n", "unknown setting 'api_key'", id="a-key-is-no-setting"),
        pytest.param("rate_limit = 1\nrate-limit = 2\n", "set twice", id="twice"),
        pytest.param("rate_limit = 'many'\n", "must be an integer", id="not-an-integer"),
        pytest.param("read_only = 'perhaps'\n", "must be true or false", id="not-a-bool"),
        pytest.param("workspace = 3\n", "must be a string", id="not-a-string"),
        pytest.param("rate_limit = [1]\n", "single value", id="a-list"),
        pytest.param("rate_limit = \n", "not valid TOML", id="bad-toml"),
    ],
)
def test_bad_config_files_are_one_line_errors(tmp_path: Path, text: str, message: str) -> None:
    write_config(tmp_path, text)
    with pytest.raises(ConfigError, match=message) as caught:
        resolve_settings({}, {}, tmp_path)
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("given", "message"),
    [
        pytest.param({"profile": "huge"}, "unknown profile 'huge'", id="profile"),
        pytest.param({"rate_limit": 0}, "--rate-limit must be a positive integer", id="limit"),
        pytest.param({"rate_window": -1}, "--rate-window must be a positive", id="window"),
        pytest.param({"timeout": 0.0}, "--timeout must be a positive", id="timeout"),
        pytest.param({"seed": -1}, "--seed must lie between", id="seed"),
        pytest.param({"per_page_default": 101}, "cannot exceed --per-page-max", id="per-page"),
        pytest.param({"second_api_key_env": "PLANE_API_KEY"}, "two variables", id="same-var"),
        pytest.param({"target": TARGET}, "--target needs --workspace", id="no-workspace"),
        pytest.param({"project": "p"}, "--project needs --target", id="project-embedded"),
        pytest.param(
            {"target": TARGET, "workspace": "w", "read_only": True},
            "--read-only needs --project",
            id="read-only-no-project",
        ),
    ],
)
def test_contradictory_settings_are_config_errors(
    tmp_path: Path, given: dict[str, object], message: str
) -> None:
    with pytest.raises(ConfigError, match=message):
        resolve_settings(given, {}, tmp_path)


def test_bad_environment_values_name_the_variable(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="PLANE_CONFORMANCE_SEED must be an integer"):
        resolve_settings({}, {"PLANE_CONFORMANCE_SEED": "soon"}, tmp_path)


def test_the_network_settings_come_from_all_three_places(tmp_path: Path) -> None:
    """A proxy URL with credentials from ``${VAR}`` in the file; TLS files relative to the file;
    the environment over the file; the command line over both."""
    config_dir = tmp_path / "conf"
    config_dir.mkdir()
    write_config(
        config_dir,
        'target = "https://127.0.0.1:9/api/v1"\nworkspace = "w"\nca_bundle = "ca.pem"\n'
        'client-cert = "me.pem"\nproxy = "${CORP_PROXY}"\ntrust_env = true\n',
    )
    environ = {
        "PLANE_CONFORMANCE_CONFIG": str(config_dir / "plane-conformance.toml"),
        "CORP_PROXY": "http://user:s3cr3t-proxy-pw@127.0.0.1:3128",
        env_name("client_key_passphrase_env"): "MY_PASSPHRASE",
        env_name("trust_env"): "false",
    }
    settings = resolve_settings({"client_cert": "other.pem"}, environ, tmp_path)
    assert settings.ca_bundle == config_dir / "ca.pem"
    assert settings.client_cert == Path("other.pem")
    assert settings.proxy == "http://user:s3cr3t-proxy-pw@127.0.0.1:3128"
    assert settings.client_key_passphrase_env == "MY_PASSPHRASE"
    assert settings.trust_env is False
    assert "s3cr3t-proxy-pw" not in repr(settings)


@pytest.mark.parametrize("name", ["ca_bundle", "client_cert", "insecure", "proxy", "trust_env"])
def test_network_settings_need_a_target(tmp_path: Path, name: str) -> None:
    value = "true" if name in ("insecure", "trust_env") else "x"
    with pytest.raises(ConfigError, match=f"--{name.replace('_', '-')} needs --target"):
        resolve_settings({}, {env_name(name): value}, tmp_path)


def test_the_selection_settings_come_from_all_three_places(tmp_path: Path) -> None:
    """A list setting is a comma list in the environment, an array or a comma list in the
    file, and a repeated (or comma list) option on the command line."""
    write_config(tmp_path, 'only = ["PAG-10", "RATE"]\noperation = "GET users/me/"\n')
    from_file = resolve_settings({}, {}, tmp_path)
    assert (from_file.only, from_file.operation) == (("PAG-10", "RATE"), ("GET users/me/",))
    environ = {env_name("only"): "AUTH, FLD-01", env_name("last_failed"): "true"}
    from_env = resolve_settings({}, environ, tmp_path)
    assert (from_env.only, from_env.last_failed) == (("AUTH", "FLD-01"), True)
    given = resolve_settings({"only": ["HTTP-05,PAG", "HTTP-05"]}, environ, tmp_path)
    assert given.only == ("HTTP-05", "PAG")


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("only = [1, 2]\n", "only must be a string or a list of strings"),
        ('only = "PAG-99"\n', "--only PAG-99: no requirement or area of that name"),
        ('seed = ["1"]\n', "'seed' must be a single value"),
    ],
)
def test_bad_selection_settings_are_one_line_errors(
    tmp_path: Path, text: str, message: str
) -> None:
    write_config(tmp_path, text)
    with pytest.raises(ConfigError, match=message):
        resolve_settings({}, {}, tmp_path)


def test_an_unknown_config_key_names_the_closest_one(tmp_path: Path) -> None:
    write_config(tmp_path, 'taget = "http://x/api/v1"\n')
    with pytest.raises(ConfigError, match=r"unknown setting 'taget'; did you mean 'target'\?"):
        resolve_settings({}, {}, tmp_path)


def test_an_unknown_plane_conformance_variable_is_warned_about() -> None:
    from conformance.runner.settings import unknown_variables

    environ = {
        "PLANE_CONFORMANCE_TAGET": "x",
        "PLANE_CONFORMANCE_TARGET": "http://x/api/v1",
        "PLANE_CONFORMANCE_CONFIG": "c.toml",
        "PLANE_CONFORMANCE_SERVE_KEYS": "k",
        "PLANE_API_KEY": "k",
    }
    assert unknown_variables(environ) == [
        "PLANE_CONFORMANCE_TAGET is not a setting (did you mean PLANE_CONFORMANCE_TARGET?); "
        "it is ignored"
    ]
