"""curl lines: exact strings, with the key placeholder left for the shell to expand."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from conformance.http import Exchange, to_curl


def exchange(
    method: str = "GET",
    url: str = "http://127.0.0.1:8765/api/v1/workspaces/w/projects/",
    headers: tuple[tuple[str, str], ...] = (),
    body: str = "",
) -> Exchange:
    return Exchange(
        seq=1,
        started_at=0.0,
        method=method,
        url=url,
        request_headers=(("Host", "127.0.0.1:8765"), ("Accept", "*/*"), *headers),
        request_body=body,
        request_truncated=False,
        status=200,
        response_headers=(),
        response_body="",
        truncated=False,
        elapsed_ms=1.0,
        error=None,
    )


@pytest.mark.parametrize(
    ("recorded", "expected"),
    [
        pytest.param(
            exchange(headers=(("X-API-Key", "$PLANE_API_KEY"),)),
            "curl -X GET http://127.0.0.1:8765/api/v1/workspaces/w/projects/ "
            '-H "X-API-Key: $PLANE_API_KEY"',
            id="get-with-key",
        ),
        pytest.param(
            exchange(
                method="POST",
                headers=(
                    ("X-API-Key", "$PLANE_API_KEY_2"),
                    ("Content-Type", "application/json"),
                    ("Content-Length", "16"),
                ),
                body='{"name":"it\'s"}',
            ),
            "curl -X POST http://127.0.0.1:8765/api/v1/workspaces/w/projects/ "
            "-H \"X-API-Key: $PLANE_API_KEY_2\" -H 'Content-Type: application/json' "
            '--data-raw \'{"name":"it\'"\'"\'s"}\'',
            id="post-json-second-key",
        ),
        pytest.param(
            exchange(url="http://127.0.0.1:8765/api/v1/?per_page=5&api_key=$PLANE_API_KEY"),
            'curl -X GET "http://127.0.0.1:8765/api/v1/?per_page=5&api_key=$PLANE_API_KEY"',
            id="key-in-query",
        ),
        pytest.param(
            exchange(headers=(("Authorization", "Bearer $PLANE_API_KEY"),)),
            "curl -X GET http://127.0.0.1:8765/api/v1/workspaces/w/projects/ "
            '-H "Authorization: Bearer $PLANE_API_KEY"',
            id="bearer",
        ),
        pytest.param(
            exchange(headers=(("X-Note", 'say "$HOME" `id` \\ !'), ("X-Key", "$PLANE_API_KEYS"))),
            "curl -X GET http://127.0.0.1:8765/api/v1/workspaces/w/projects/ "
            '-H \'X-Note: say "$HOME" `id` \\ !\' -H "X-Key: ${PLANE_API_KEY}S"',
            id="only-placeholders-expand",
        ),
        pytest.param(
            exchange(headers=(("X-Mixed", 'a"$PLANE_API_KEY"`$(x)`!'),)),
            "curl -X GET http://127.0.0.1:8765/api/v1/workspaces/w/projects/ "
            '-H "X-Mixed: a\\"$PLANE_API_KEY\\"\\`\\$(x)\\`"\'!\'""',
            id="escapes-around-placeholder",
        ),
        pytest.param(
            exchange(
                method="DELETE", headers=(("User-Agent", "x"), ("Accept-Encoding", "identity"))
            ),
            "curl -X DELETE http://127.0.0.1:8765/api/v1/workspaces/w/projects/",
            id="implied-headers-dropped",
        ),
    ],
)
def test_curl_line(recorded: Exchange, expected: str) -> None:
    assert to_curl(recorded) == expected


def test_placeholders_can_be_named() -> None:
    recorded = exchange(headers=(("X-API-Key", "$STAGING_KEY"),))
    assert to_curl(recorded, placeholders=("$STAGING_KEY",)).endswith(
        '-H "X-API-Key: $STAGING_KEY"'
    )
    assert to_curl(recorded).endswith("-H 'X-API-Key: $STAGING_KEY'")


@pytest.mark.skipif(shutil.which("bash") is None, reason="needs bash to run the line")
def test_shell_reproduces_the_recorded_request_exactly() -> None:
    """Run the line through bash (printf for curl): the key expands, nothing else does."""
    recorded = exchange(
        method="POST",
        url="http://127.0.0.1:8765/api/v1/?k=$PLANE_API_KEY&a=b",
        headers=(("X-Odd", 'a"$PLANE_API_KEY"`$(x)`! $HOME \\'),),
        body='{"name":"it\'s $x"}',
    )
    line = to_curl(recorded).replace("curl", "printf '%s\\n'", 1)
    shell = subprocess.run(
        ["bash", "-c", line], env={"PLANE_API_KEY": "K"}, capture_output=True, text=True, check=True
    )
    assert shell.stdout.splitlines() == [
        "-X",
        "POST",
        "http://127.0.0.1:8765/api/v1/?k=K&a=b",
        "-H",
        'X-Odd: a"K"`$(x)`! $HOME \\',
        "--data-raw",
        '{"name":"it\'s $x"}',
    ]
