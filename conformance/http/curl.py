"""A copy-paste ``curl`` command that repeats a recorded request, key as ``$PLANE_API_KEY``."""

from __future__ import annotations

import re
import shlex
from collections.abc import Iterable

from conformance.http.recording import Exchange

DEFAULT_PLACEHOLDERS = ("$PLANE_API_KEY", "$PLANE_API_KEY_2")
# Headers curl or the transport sets by itself; repeating them only adds noise.
_IMPLIED_HEADERS = frozenset(
    {"host", "content-length", "connection", "accept-encoding", "user-agent", "accept"}
)
_NAME_CHAR = re.compile(r"[A-Za-z0-9_]")


def to_curl(exchange: Exchange, placeholders: Iterable[str] = DEFAULT_PLACEHOLDERS) -> str:
    """One shell line; the redaction placeholders stay expandable by the shell, nothing else."""
    names = sorted(placeholders, key=len, reverse=True)
    parts = ["curl", "-X", exchange.method, _quote(exchange.url, names)]
    for name, value in exchange.request_headers:
        if name.lower() in _IMPLIED_HEADERS:
            continue
        parts += ["-H", _quote(f"{name}: {value}", names)]
    if exchange.request_body:
        parts += ["--data-raw", _quote(exchange.request_body, names)]
    return " ".join(parts)


def _quote(text: str, placeholders: list[str]) -> str:
    """``shlex.quote``, except that text holding a placeholder goes in double quotes."""
    if not any(p in text for p in placeholders):
        return shlex.quote(text)
    pattern = re.compile("|".join(re.escape(p) for p in placeholders))
    pieces: list[str] = []
    position = 0
    for match in pattern.finditer(text):
        pieces.append(_escape_double_quoted(text[position : match.start()]))
        variable = match.group()[1:]
        follows_name_char = _NAME_CHAR.match(text, match.end()) is not None
        pieces.append(f"${{{variable}}}" if follows_name_char else f"${variable}")
        position = match.end()
    pieces.append(_escape_double_quoted(text[position:]))
    return '"' + "".join(pieces) + '"'


def _escape_double_quoted(text: str) -> str:
    # "!" cannot be escaped inside double quotes in an interactive shell: close, quote, reopen.
    return re.sub(r'([\\"$`])', r"\\\1", text).replace("!", "\"'!'\"")
