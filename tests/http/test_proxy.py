"""Which proxy carries a run: ``--proxy``, or the environment's only with ``--trust-env``, never
for a target ``NO_PROXY`` exempts; an http target only with ``--allow-cleartext-proxy``."""

from __future__ import annotations

import httpx
import pytest

from conformance.errors import ConfigError
from conformance.http import NetworkOptions
from conformance.http.proxy import choose_proxy, exempt

HTTPS_TARGET = httpx.URL("https://plane.example.test/api/v1")
HTTP_TARGET = httpx.URL("http://plane.example.test/api/v1")
PROXY = "http://proxy.example.test:3128"


def chosen(
    target: httpx.URL = HTTPS_TARGET, environ: dict[str, str] | None = None, **options: object
) -> tuple[str, str, bool] | None:
    route = choose_proxy(target, NetworkOptions(**options), environ or {})  # type: ignore[arg-type]
    return None if route is None else (route.shown, route.source, route.tunnel)


def test_the_proxy_option_tunnels_an_https_target() -> None:
    assert chosen(proxy=PROXY) == (PROXY, "--proxy", True)


def test_the_environment_is_ignored_unless_trusted() -> None:
    assert chosen(environ={"HTTPS_PROXY": PROXY}) is None
    assert chosen(environ={"HTTPS_PROXY": PROXY}, trust_env=True) == (PROXY, "HTTPS_PROXY", True)


def test_the_proxy_option_wins_over_the_environment() -> None:
    environ = {"HTTPS_PROXY": "http://other.example.test:8080"}
    assert chosen(environ=environ, proxy=PROXY, trust_env=True) == (PROXY, "--proxy", True)


@pytest.mark.parametrize(
    ("environ", "source"),
    [
        pytest.param(
            {"https_proxy": PROXY, "HTTPS_PROXY": "http://x:1"}, "https_proxy", id="lower"
        ),
        pytest.param(
            {"HTTPS_PROXY": PROXY, "HTTP_PROXY": "http://x:1"}, "HTTPS_PROXY", id="scheme"
        ),
        pytest.param({"ALL_PROXY": PROXY}, "ALL_PROXY", id="all"),
        pytest.param({"HTTPS_PROXY": "  ", "all_proxy": PROXY}, "all_proxy", id="blank-is-unset"),
    ],
)
def test_which_variable_counts(environ: dict[str, str], source: str) -> None:
    assert chosen(environ=environ, trust_env=True) == (PROXY, source, True)


def test_an_http_target_reads_http_proxy() -> None:
    environ = {"HTTP_PROXY": PROXY, "HTTPS_PROXY": "http://x:1"}
    route = chosen(HTTP_TARGET, environ, trust_env=True, allow_cleartext_proxy=True)
    assert route == (PROXY, "HTTP_PROXY", False)


def test_an_http_target_through_a_proxy_is_refused_unless_accepted() -> None:
    with pytest.raises(ConfigError) as raised:
        chosen(HTTP_TARGET, proxy=PROXY)
    assert str(raised.value) == (
        f"the proxy {PROXY} (from --proxy) would see every request to the http target, API key "
        "included, in clear text: use an https --target, or accept that with "
        "--allow-cleartext-proxy"
    )
    assert chosen(HTTP_TARGET, proxy=PROXY, allow_cleartext_proxy=True) == (
        PROXY,
        "--proxy",
        False,
    )


@pytest.mark.parametrize(
    ("no_proxy", "target", "exempted"),
    [
        ("*", "https://plane.example.test", True),
        ("plane.example.test", "https://plane.example.test", True),
        ("example.test", "https://plane.example.test", True),
        (".example.test", "https://plane.example.test", True),
        ("*.example.test", "https://plane.example.test", True),
        ("ample.test", "https://plane.example.test", False),
        ("other.test, plane.example.test", "https://plane.example.test", True),
        ("plane.example.test:443", "https://plane.example.test", True),
        ("plane.example.test:8443", "https://plane.example.test", False),
        ("10.0.0.0/8", "https://10.1.2.3", True),
        ("10.0.0.0/8", "https://192.168.1.1", False),
        ("127.0.0.1", "https://127.0.0.1:8443", True),
        ("::1", "https://[::1]:8443", True),
        ("[::1]:8443", "https://[::1]:8443", True),
        ("[::1]:9", "https://[::1]:8443", False),
        ("", "https://plane.example.test", False),
    ],
)
def test_no_proxy(no_proxy: str, target: str, exempted: bool) -> None:
    assert exempt(httpx.URL(target), no_proxy) is exempted


def test_no_proxy_exempts_from_the_environment_proxy() -> None:
    environ = {"HTTPS_PROXY": PROXY, "no_proxy": "example.test"}
    assert chosen(environ=environ, trust_env=True) is None


def test_credentials_stay_out_of_what_is_shown() -> None:
    route = choose_proxy(
        HTTPS_TARGET, NetworkOptions(proxy="http://user:s3cret@proxy.example.test:3128"), {}
    )
    assert route is not None
    assert route.has_credentials
    assert route.shown == PROXY
    assert "s3cret" not in repr(route)


def test_a_proxy_without_scheme_is_http() -> None:
    assert chosen(proxy="proxy.example.test:3128") == (PROXY, "--proxy", True)


@pytest.mark.parametrize(
    ("proxy", "message"),
    [
        pytest.param(
            "socks5://127.0.0.1:1080",
            "--proxy: a socks5 proxy is not supported; give an http:// or https:// proxy",
            id="socks",
        ),
        pytest.param("http://", "--proxy names no proxy host", id="no-host"),
        pytest.param("http://[::1", "--proxy is not a URL", id="not-a-url"),
    ],
)
def test_an_unusable_proxy_is_one_line(proxy: str, message: str) -> None:
    with pytest.raises(ConfigError) as raised:
        chosen(proxy=proxy)
    assert str(raised.value) == message
