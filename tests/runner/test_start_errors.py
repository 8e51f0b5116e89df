"""Every input that stops a run from starting is exit 2, one line on stderr, no traceback, and
nothing written to the report directory."""

from __future__ import annotations

from pathlib import Path

import pytest

from conformance.interop import sdk
from tests.runner.conftest import run_cli


@pytest.fixture
def report_dir(tmp_path: Path) -> Path:
    return tmp_path / "reports"


def cases(tmp_path: Path, closed_port: int) -> dict[str, tuple[list[str], dict[str, str]]]:
    target = ["--target", f"http://127.0.0.1:{closed_port}/api/v1", "--workspace", "w"]
    regular_file = tmp_path / "a-file"
    regular_file.write_text("not a directory")
    missing_var = tmp_path / "missing-var.toml"
    missing_var.write_text('workspace = "${PLANE_CONFORMANCE_TEST_UNSET}"\n')
    waivers = tmp_path / "waivers.yaml"
    waivers.write_text("- id: NOPE-99\n  reason: x\n  expires: 2099-01-01\n")
    https = ["--target", f"https://127.0.0.1:{closed_port}/api/v1", "--workspace", "w"]
    return {
        "bad-flag": (["--bogus"], {}),
        "unknown-profile": (["--profile", "huge"], {}),
        "unknown-profile-env": ([], {"PLANE_CONFORMANCE_PROFILE": "huge"}),
        "zero-rate-limit": (["--rate-limit", "0"], {}),
        "missing-key-variable": ([*target, "--api-key-env", "PLANE_CONFORMANCE_TEST_NOKEY"], {}),
        "malformed-url": (["--target", "ftp://127.0.0.1/api/v1", "--workspace", "w"], {}),
        "url-without-api-path": (["--target", "http://127.0.0.1:1/v2", "--workspace", "w"], {}),
        "unreadable-config": (["--config", str(tmp_path / "absent.toml")], {}),
        "config-is-a-directory": (["--config", str(tmp_path)], {}),
        "missing-env-reference": (["--config", str(missing_var)], {}),
        "unwritable-report-dir": (["--report-dir", str(regular_file / "reports")], {}),
        "unknown-waiver-id": (["--waivers", str(waivers)], {}),
        "unreadable-baseline": (["--baseline", str(tmp_path / "absent.json")], {}),
        "unreachable-target": (target, {}),
        "proxy-without-target": (["--proxy", "http://127.0.0.1:3128"], {}),
        "client-key-without-cert": ([*https, "--client-key", str(regular_file)], {}),
        "insecure-and-ca-bundle": ([*https, "--insecure", "--ca-bundle", str(regular_file)], {}),
        "unreadable-ca-bundle": ([*https, "--ca-bundle", str(tmp_path / "absent.pem")], {}),
        "ca-bundle-not-pem": ([*https, "--ca-bundle", str(regular_file)], {}),
        "ssl-cert-file-names-nothing": (https, {"SSL_CERT_FILE": str(tmp_path / "absent.pem")}),
        "socks-proxy": ([*https, "--proxy", "socks5://127.0.0.1:1080"], {}),
        "http-target-through-proxy": ([*target, "--proxy", "http://127.0.0.1:3128"], {}),
        "unreachable-proxy": ([*https, "--proxy", f"http://127.0.0.1:{closed_port}"], {}),
        "interop-without-the-extra": (["--interop"], {"PC_TEST_NO_SDK": "1"}),
    }


CASES = (
    "bad-flag",
    "unknown-profile",
    "unknown-profile-env",
    "zero-rate-limit",
    "missing-key-variable",
    "malformed-url",
    "url-without-api-path",
    "unreadable-config",
    "config-is-a-directory",
    "missing-env-reference",
    "unwritable-report-dir",
    "unknown-waiver-id",
    "unreadable-baseline",
    "unreachable-target",
    "proxy-without-target",
    "client-key-without-cert",
    "insecure-and-ca-bundle",
    "unreadable-ca-bundle",
    "ca-bundle-not-pem",
    "ssl-cert-file-names-nothing",
    "socks-proxy",
    "http-target-through-proxy",
    "unreachable-proxy",
    "interop-without-the-extra",
)


@pytest.mark.usefixtures("keys_in_env")
@pytest.mark.parametrize("case", CASES)
def test_bad_input_exits_2_with_one_line(
    case: str,
    tmp_path: Path,
    report_dir: Path,
    closed_port: int,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    args, environ = cases(tmp_path, closed_port)[case]
    for name, value in environ.items():
        monkeypatch.setenv(name, value)
    if "PC_TEST_NO_SDK" in environ:  # the interop extra not installed
        monkeypatch.setattr(sdk, "sdk_version", lambda: None)
    monkeypatch.chdir(tmp_path)
    if "--report-dir" not in args:
        args = [*args, "--report-dir", str(report_dir)]
    result = run_cli(capsys, "run", *args)
    assert result.code == 2
    lines = result.err.splitlines()
    assert len(lines) == 1, result.err
    # argparse names the top-level program for unknown flags, the CLI names the command
    assert lines[0].startswith(("plane-conformance run: error: ", "plane-conformance: error: "))
    assert "Traceback" not in result.err
    assert result.out == ""
    assert not report_dir.exists()


@pytest.mark.usefixtures("keys_in_env")
def test_unreachable_target_says_so(
    tmp_path: Path, closed_port: int, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"http://127.0.0.1:{closed_port}/api/v1"
    result = run_cli(
        capsys, "run", "--target", url, "--workspace", "w", "--report-dir", str(tmp_path / "r")
    )
    assert result.code == 2
    assert f"target unreachable: GET {url}/users/me/" in result.err
    assert result.err.count(f"{url}/users/me/") == 1  # the request named once, not twice


def test_missing_key_variable_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PLANE_API_KEY", raising=False)
    result = run_cli(
        capsys,
        "run",
        "--target",
        "http://127.0.0.1:1/api/v1",
        "--workspace",
        "w",
        "--report-dir",
        str(tmp_path / "r"),
    )
    assert result.code == 2
    assert "PLANE_API_KEY is not set" in result.err
