"""The SDK adapter: the SDK's presence and release, and why a call failed."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import BaseModel, ValidationError

from conformance.errors import ConfigError
from conformance.interop import sdk
from conformance.interop.results import PARSE, STATUS, TRANSPORT


def test_a_missing_sdk_is_one_line_naming_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sdk, "sdk_version", lambda: None)
    with pytest.raises(ConfigError) as raised:
        sdk.require_sdk()
    message = str(raised.value)
    assert "\n" not in message
    assert "pip install 'plane-conformance[interop]'" in message


@pytest.mark.parametrize("version", ["0.2.24", "0.4.0", "1.0"])
def test_a_release_outside_the_tested_range_is_refused(
    monkeypatch: pytest.MonkeyPatch, version: str
) -> None:
    monkeypatch.setattr(sdk, "sdk_version", lambda: version)
    with pytest.raises(ConfigError, match=f"tested with plane-sdk >=0.3,<0.4, not {version}"):
        sdk.require_sdk()


def test_the_installed_sdk_is_in_range() -> None:
    assert sdk.require_sdk() == sdk.sdk_version()


def test_importing_the_part_does_not_import_the_sdk() -> None:
    code = "import sys, conformance.interop; print('plane' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


class Envelope(BaseModel):
    extra_stats: str | None = None


def test_a_parse_failure_names_the_model_the_field_and_what_came() -> None:
    with pytest.raises(ValidationError) as raised:
        Envelope.model_validate({"extra_stats": {}})
    problem, message = sdk.classify(raised.value)
    assert problem == PARSE
    assert message == (
        "Envelope cannot read the answer: extra_stats: Input should be a valid string, got {}"
    )


def test_a_refused_status_and_anything_else() -> None:
    from plane.errors.errors import HttpError

    problem, message = sdk.classify(HttpError("HTTP 404: Not Found", 404, {"error": "gone"}))
    assert (problem, message) == (
        STATUS,
        "the SDK does not accept HTTP 404: HTTP 404: Not Found: gone",
    )
    assert sdk.classify(ConnectionError("refused")) == (TRANSPORT, "ConnectionError: refused")


def test_the_client_neither_retries_nor_gives_up_first() -> None:
    client = sdk.make_client("http://127.0.0.1:9")
    assert (client.config.timeout, client.config.retry) == (None, None)
    assert client.config.api_key == sdk.PLACEHOLDER_KEY
    assert client.work_items.comments.session.trust_env is False
