"""HAR 1.2 files, read as a stream: every entry becomes a recorded exchange, secrets redacted.

The file is read twice with ``ijson`` and never held whole: the first pass collects the values
that must not reach any output (keys in ``X-API-Key``, ``Authorization`` and ``api_key``,
cookies), the second converts each entry, with every such value replaced by its placeholder.
A key the auditor names (by its variable) reads ``$PLANE_API_KEY`` as in a run's report; any
other key ``$OTHER_KEY_1``, ``$OTHER_KEY_2``, ...; cookie values ``$COOKIE``. Bodies are kept up
to the evidence limit, as the recording layer keeps them.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import IO, Any
from urllib.parse import parse_qsl, urlsplit

import ijson
import jsonschema

from conformance.errors import ConfigError
from conformance.evidence import KeyRoles
from conformance.http import Exchange, Redactor
from conformance.http.recording import EVIDENCE_BYTES

ENTRY_SCHEMA = "har-entry.schema.json"
ENTRIES = "log.entries"
ENTRY = f"{ENTRIES}.item"
KEY_HEADERS = frozenset({"x-api-key"})
CREDENTIAL_HEADERS = frozenset({"authorization", "proxy-authorization"})
COOKIE_HEADERS = frozenset({"cookie", "set-cookie"})
COOKIE = "$COOKIE"
SHORTEST = 6


@dataclass(frozen=True, slots=True)
class Secrets:
    """Placeholder -> secret, the key roles they give, and how many entries the file has."""

    placeholders: Mapping[str, str]
    roles: KeyRoles
    entries: int

    def redactor(self) -> Redactor:
        """Replaces each secret wherever it stands; a value shorter than ``SHORTEST`` only where
        it is the whole value of a key header (as a substring it would hit ordinary text)."""
        return Redactor({n: s for n, s in self.placeholders.items() if len(s) >= SHORTEST})

    def whole(self, value: str) -> str:
        """The placeholder of a header value that is a secret as a whole, else the value."""
        return next((n for n, s in self.placeholders.items() if s == value), value)


def _open(path: Path) -> IO[bytes]:
    try:
        return path.open("rb")
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None


def _unreadable(path: Path, exc: Exception, redact: Redactor) -> ConfigError:
    """The parser's first line only (the next ones quote the file), with the secrets seen so
    far redacted: a symbol it quotes may be a key."""
    first = (str(exc).splitlines() or [type(exc).__name__])[0]
    return ConfigError(f"{path} is not a HAR file: {redact.redact(first)[:200]}")


def _cookie_values(header: str, value: str) -> list[str]:
    pairs = value.split(";") if header == "cookie" else value.split(";")[:1]
    return [p.split("=", 1)[1].strip() for p in pairs if "=" in p and p.split("=", 1)[1].strip()]


def collect_secrets(path: Path, known: Mapping[str, str]) -> Secrets:
    """First pass: every key and cookie value in the file. ``known``: placeholder -> key for
    the keys the auditor named (valid keys; the first is the primary one)."""
    found: dict[str, str] = {}
    by_secret = {secret: name for name, secret in known.items() if secret}
    others = 0
    entries = 0
    listed = False
    header_name = ""

    def note(secret: str) -> None:
        nonlocal others
        if secret and secret not in by_secret:
            others += 1
            by_secret[secret] = f"$OTHER_KEY_{others}"

    with _open(path) as stream:
        try:
            for prefix, event, value in ijson.parse(stream):
                if prefix == ENTRY and event == "start_map":
                    entries += 1
                elif prefix == ENTRIES and event == "start_array":
                    listed = True
                elif prefix.endswith("headers.item.name"):
                    header_name = str(value).lower()
                elif prefix.endswith("headers.item.value"):
                    text = str(value)
                    if header_name in KEY_HEADERS:
                        note(text.strip())
                    elif header_name in CREDENTIAL_HEADERS:
                        note(text.strip().split(" ", 1)[-1].strip())
                    elif header_name in COOKIE_HEADERS:
                        for cookie in _cookie_values(header_name, text):
                            found.setdefault(cookie, COOKIE)
                elif prefix == f"{ENTRY}.request.url":
                    for name, given in parse_qsl(urlsplit(str(value)).query):
                        if name == "api_key":
                            note(given)
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as exc:
            seen = {name: secret for secret, name in by_secret.items()}
            seen.update({f"{COOKIE}_{i}": c for i, c in enumerate(found, start=1)})
            raise _unreadable(path, exc, Redactor(seen)) from None
    if not listed:
        raise ConfigError(f"{path} is not a HAR file: it has no log.entries list")
    placeholders = {name: secret for secret, name in by_secret.items()}
    placeholders.update({f"{COOKIE}_{i}": c for i, c in enumerate(found, start=1)})
    valid = [name for name, secret in known.items() if secret]
    roles = KeyRoles(valid[0], frozenset(valid)) if valid else KeyRoles()
    return Secrets(placeholders, roles, entries)


def _text(content: Mapping[str, Any]) -> tuple[str, bool, bool]:
    """(text as kept, undecodable, cut) of a HAR content or postData object: cut when the body
    passes the evidence limit, or when the ``size`` the HAR states is larger than the text it
    holds (a tool that saved only part of a body says so there)."""
    text, undecodable, size = _decoded(content)
    stated = content.get("size")
    partial = isinstance(stated, int | float) and stated > size
    return text, undecodable, size > EVIDENCE_BYTES or partial


def _decoded(content: Mapping[str, Any]) -> tuple[str, bool, int]:
    text = content.get("text")
    if not isinstance(text, str):
        return "", False, 0
    if content.get("encoding") == "base64":
        try:
            raw = base64.b64decode(text, validate=False)
        except (binascii.Error, ValueError):
            return "", True, 0
        kept = raw[:EVIDENCE_BYTES]
        try:
            kept.decode("utf-8")
        except UnicodeDecodeError:
            return kept.decode("utf-8", errors="replace"), True, len(raw)
        return kept.decode("utf-8"), False, len(raw)
    data = text.encode("utf-8")
    return data[:EVIDENCE_BYTES].decode("utf-8", errors="ignore"), False, len(data)


def _started(entry: Mapping[str, Any]) -> float:
    stamp = str(entry.get("startedDateTime", ""))
    try:
        return dt.datetime.fromisoformat(stamp.replace("Z", "+00:00")).timestamp()
    except ValueError:
        return 0.0


def _headers(items: Any, secrets: Secrets, redact: Redactor) -> tuple[tuple[str, str], ...]:
    headers = []
    for item in items or ():
        if isinstance(item, dict) and "name" in item:
            name, value = str(item["name"]), str(item.get("value", ""))
            lowered = name.lower()
            if lowered in COOKIE_HEADERS:
                value = "[redacted]"
            elif lowered in KEY_HEADERS:
                value = secrets.whole(value.strip())
            elif lowered in CREDENTIAL_HEADERS:
                scheme, _, token = value.strip().rpartition(" ")
                value = f"{scheme} {secrets.whole(token)}".strip()
            headers.append((name, redact.redact(value)))
    return tuple(headers)


def to_exchange(seq: int, entry: Mapping[str, Any], secrets: Secrets, redact: Redactor) -> Exchange:
    """One HAR entry as a recorded exchange (``status`` None where the HAR has 0: no answer)."""
    request, response = entry.get("request") or {}, entry.get("response") or {}
    sent, _, sent_cut = _text(request.get("postData") or {})
    body, undecodable, cut = _text(response.get("content") or {})
    status = int(response.get("status") or 0)
    error = response.get("_error") or (None if status else "no response was recorded")
    return Exchange(
        seq=seq,
        started_at=_started(entry),
        method=str(request.get("method", "GET")).upper(),
        url=redact.redact(str(request.get("url", ""))),
        request_headers=_headers(request.get("headers"), secrets, redact),
        request_body=redact.redact(sent),
        request_truncated=sent_cut,
        status=status or None,
        response_headers=_headers(response.get("headers"), secrets, redact),
        response_body=redact.redact(body),
        truncated=cut,
        elapsed_ms=max(float(entry.get("time") or 0), 0.0),
        error=redact.redact(str(error)) if error else None,
        undecodable=undecodable,
    )


def _entry_validator() -> jsonschema.Draft202012Validator:
    text = (resources.files("conformance") / "specs" / ENTRY_SCHEMA).read_text(encoding="utf-8")
    return jsonschema.Draft202012Validator(json.loads(text))


def _not_an_entry(path: Path, seq: int, error: jsonschema.ValidationError) -> ConfigError:
    """Which member of entry ``seq`` is not of HAR 1.2, never its value (it may be a key)."""
    where = "/".join(str(p) for p in error.absolute_path) or "the entry"
    if error.validator == "required":
        detail = f"{where}: {error.message}"  # names the missing member only
    elif error.validator == "type":
        detail = f"{where} is not of type {error.validator_value}"
    else:
        detail = f"{where} is not of HAR 1.2 ({error.validator})"
    return ConfigError(f"{path} is not a HAR file: entry {seq}: {detail}")


def read_har(path: Path, secrets: Secrets) -> Iterator[Exchange]:
    """Second pass: the entries, one at a time, as redacted exchanges numbered from 1; a
    ConfigError at the first entry that is not of HAR 1.2 (``specs/har-entry.schema.json``)."""
    redact = secrets.redactor()
    validator = _entry_validator()
    with _open(path) as stream:
        try:
            for seq, entry in enumerate(ijson.items(stream, ENTRY, use_float=True), start=1):
                if not validator.is_valid(entry):  # the cheap question first
                    error = jsonschema.exceptions.best_match(validator.iter_errors(entry))
                    assert error is not None
                    raise _not_an_entry(path, seq, error)
                yield to_exchange(seq, entry, secrets, redact)
        except (ijson.JSONError, ijson.IncompleteJSONError, UnicodeDecodeError) as exc:
            raise _unreadable(path, exc, redact) from None
