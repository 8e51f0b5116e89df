"""Settings validation and reading keys from the environment."""

from __future__ import annotations

import pytest

from conformance.errors import ConfigError
from conformance.http import ClientSettings, Keys, resolve_keys

from .conftest import BASE_URL, KEY, KEY_2


def test_defaults_match_the_documented_limits() -> None:
    settings = ClientSettings(base_url=BASE_URL)
    assert (settings.timeout, settings.max_body_bytes, settings.max_wait_s) == (
        10.0,
        10 * 1024 * 1024,
        180.0,
    )
    assert (settings.rate_window_s, settings.max_retries_on_429) == (60, 3)
    assert (settings.api_key_env, settings.second_api_key_env) == (
        "PLANE_API_KEY",
        "PLANE_API_KEY_2",
    )


def test_trailing_slash_is_dropped_and_origin_derived() -> None:
    settings = ClientSettings(base_url="https://plane.example.test/api/v1/")
    assert settings.base_url == "https://plane.example.test/api/v1"
    assert settings.origin == ("https", "plane.example.test", 443)


@pytest.mark.parametrize(
    "base_url",
    [
        pytest.param("ftp://127.0.0.1/api/v1", id="not-http"),
        pytest.param("http://127.0.0.1/api/v2", id="wrong-path"),
        pytest.param("http://127.0.0.1", id="no-path"),
        pytest.param("127.0.0.1/api/v1", id="no-scheme"),
        pytest.param("http://user:pw@127.0.0.1/api/v1", id="credentials"),
        pytest.param("http://127.0.0.1/api/v1?x=1", id="query"),
    ],
)
def test_bad_base_url_is_a_config_error(base_url: str) -> None:
    with pytest.raises(ConfigError):
        ClientSettings(base_url=base_url)


@pytest.mark.parametrize("field", ["timeout", "max_wait_s", "rate_window_s", "max_body_bytes"])
def test_non_positive_limits_are_config_errors(field: str) -> None:
    with pytest.raises(ConfigError, match=field):
        ClientSettings(base_url=BASE_URL, **{field: 0})  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [None, "", "   "], ids=["unset", "empty", "blank"])
def test_missing_primary_key_names_the_variable(value: str | None) -> None:
    settings = ClientSettings(base_url=BASE_URL, api_key_env="MY_PLANE_KEY")
    environ = {} if value is None else {"MY_PLANE_KEY": value}
    with pytest.raises(ConfigError, match="MY_PLANE_KEY"):
        resolve_keys(settings, environ)


def test_keys_are_read_and_never_shown() -> None:
    settings = ClientSettings(base_url=BASE_URL)
    keys = resolve_keys(settings, {"PLANE_API_KEY": f" {KEY}\n", "PLANE_API_KEY_2": KEY_2})
    assert (keys.primary, keys.secondary) == (KEY, KEY_2)
    assert KEY not in repr(keys)
    assert KEY_2 not in repr(keys)
    assert dict(keys.secrets()) == {"$PLANE_API_KEY": KEY, "$PLANE_API_KEY_2": KEY_2}


def test_second_key_is_optional() -> None:
    keys = resolve_keys(ClientSettings(base_url=BASE_URL), {"PLANE_API_KEY": KEY})
    assert keys.secondary is None
    assert not keys.has_secondary
    assert dict(keys.secrets()) == {"$PLANE_API_KEY": KEY}


def test_second_key_equal_to_the_first_is_refused_without_showing_it() -> None:
    environ = {"PLANE_API_KEY": KEY, "PLANE_API_KEY_2": KEY}
    with pytest.raises(ConfigError, match="PLANE_API_KEY_2") as caught:
        resolve_keys(ClientSettings(base_url=BASE_URL), environ)
    assert KEY not in str(caught.value)


def test_placeholders_follow_the_variable_names() -> None:
    keys = Keys(primary=KEY, primary_env="STAGING_KEY")
    assert dict(keys.secrets()) == {"$STAGING_KEY": KEY}


KEY_3 = "plane_api_" + "3" * 32
MORE = ClientSettings(base_url=BASE_URL, more_api_key_envs=("K3", "K4"))


def test_more_keys_are_read_in_order_and_named_by_their_variables() -> None:
    environ = {"PLANE_API_KEY": KEY, "PLANE_API_KEY_2": KEY_2, "K3": KEY_3, "K4": KEY_3[:-1] + "4"}
    keys = resolve_keys(MORE, environ)
    assert keys.all() == (KEY, KEY_2, KEY_3, KEY_3[:-1] + "4")
    assert list(keys.secrets()) == ["$PLANE_API_KEY", "$PLANE_API_KEY_2", "$K3", "$K4"]
    assert KEY_3 not in repr(keys)
    assert keys.first(3).all() == (KEY, KEY_2, KEY_3)
    assert keys.first(1).all() == (KEY,)


@pytest.mark.parametrize(
    ("environ", "message"),
    [
        pytest.param(
            {"PLANE_API_KEY": KEY, "PLANE_API_KEY_2": KEY_2, "K3": KEY_3},
            r"K4 \(--more-api-key-envs\) is not set",
            id="unset",
        ),
        pytest.param(
            {"PLANE_API_KEY": KEY, "PLANE_API_KEY_2": KEY_2, "K3": KEY_3, "K4": KEY},
            "K4 holds a key another key variable holds already",
            id="same-key",
        ),
        pytest.param(
            {"PLANE_API_KEY": KEY, "K3": KEY_3, "K4": KEY_3[:-1] + "4"},
            "needs the second key first",
            id="no-second",
        ),
    ],
)
def test_more_keys_that_cannot_be_used_are_one_line(environ: dict[str, str], message: str) -> None:
    with pytest.raises(ConfigError, match=message) as caught:
        resolve_keys(MORE, environ)
    assert KEY not in str(caught.value)
    assert KEY_3 not in str(caught.value)
