"""exchanges.jsonl: every exchange of a run, one JSON object a line, keys already placeholders.

The first line says what the log is and which placeholders stand for the run's keys; every
further line is one exchange (``conformance.http.Exchange``) exactly as the recording layer kept
it. The manifest holds the SHA-256 of each exchange line, so one altered, removed or added
exchange is named by its sequence number. ``audit REPORT_DIR`` reads this log, and a HAR file is
converted to it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from conformance.errors import ConfigError
from conformance.http import Exchange, to_curl
from conformance.report import ExchangeRecord

EXCHANGES_JSONL = "exchanges.jsonl"
LOG_FORMAT = "plane-conformance exchanges"
LOG_VERSION = 1
_FIELDS = {f.name for f in dataclasses.fields(Exchange)}


@dataclass(frozen=True, slots=True)
class KeyRoles:
    """Which key placeholders were valid keys of the target: ``primary`` (the key whose rate
    limit the run spent) and ``valid`` (every valid one). Empty when nobody knows (a HAR audited
    without the keys): the requirements that rest on a key's validity are then not judged."""

    primary: str | None = None
    valid: frozenset[str] = frozenset()

    @property
    def known(self) -> bool:
        return self.primary is not None


def exchange_record(exchange: Exchange, placeholders: Iterable[str]) -> ExchangeRecord:
    """The exchange as the reports quote it: with a curl line, and its number in the log."""
    return ExchangeRecord(
        method=exchange.method,
        url=exchange.url,
        request_headers=dict(exchange.request_headers),
        request_body=exchange.request_body or None,
        status=exchange.status,
        response_headers=dict(exchange.response_headers),
        response_body=exchange.response_body or None,
        truncated=exchange.truncated,
        elapsed_ms=exchange.elapsed_ms,
        error=exchange.error,
        curl=to_curl(exchange, placeholders),
        seq=exchange.seq,
    )


def exchange_line(exchange: Exchange) -> str:
    """The exchange as one line of JSON (no newline): what the manifest hashes."""
    values = dataclasses.asdict(exchange)
    values["request_headers"] = [list(pair) for pair in exchange.request_headers]
    values["response_headers"] = [list(pair) for pair in exchange.response_headers]
    return json.dumps(values, ensure_ascii=False, separators=(",", ":"))


def line_hash(line: str) -> str:
    return hashlib.sha256(line.encode("utf-8")).hexdigest()


# The JSON types of each field a line may hold (a bool is no number here).
_TYPES: dict[str, tuple[type, ...]] = {
    "seq": (int,),
    "started_at": (int, float),
    "method": (str,),
    "url": (str,),
    "request_body": (str,),
    "request_truncated": (bool,),
    "status": (int, type(None)),
    "response_body": (str,),
    "truncated": (bool,),
    "elapsed_ms": (int, float),
    "error": (str, type(None)),
    "undecodable": (bool,),
    "resent": (bool,),
}


def _of_type(name: str, value: Any) -> bool:
    if name.endswith("_headers"):
        return isinstance(value, list) and all(
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(s, str) for s in pair)
            for pair in value
        )
    types = _TYPES.get(name, (object,))
    return isinstance(value, types) and (bool in types or not isinstance(value, bool))


def exchange_from(values: Any) -> Exchange:
    """An Exchange from one parsed line; ValueError when the line is not one."""
    if not isinstance(values, dict) or not {"seq", "method", "url"} <= values.keys():
        raise ValueError("not an exchange")
    known = {k: v for k, v in values.items() if k in _FIELDS}
    if not all(_of_type(name, value) for name, value in known.items()):
        raise ValueError("not an exchange")
    for name in ("request_headers", "response_headers"):
        known[name] = tuple((k, v) for k, v in known.get(name, ()))
    return Exchange(**known)


def header_line(roles: KeyRoles) -> str:
    return json.dumps(
        {
            "log": LOG_FORMAT,
            "version": LOG_VERSION,
            "keys": {"primary": roles.primary, "valid": sorted(roles.valid)},
        },
        separators=(",", ":"),
    )


class LogWriter:
    """Writes a log line by line, keeping each exchange's hash for the manifest."""

    def __init__(self, stream: IO[str], roles: KeyRoles) -> None:
        self._stream = stream
        self.hashes: list[str] = []
        stream.write(header_line(roles) + "\n")

    def add(self, exchange: Exchange) -> None:
        line = exchange_line(exchange)
        self.hashes.append(line_hash(line))
        self._stream.write(line + "\n")


def write_log(path: Path, exchanges: Iterable[Exchange], roles: KeyRoles) -> list[str]:
    """Write the log to ``path``; the hash of each exchange line, in order."""
    try:
        with path.open("w", encoding="utf-8", newline="\n") as stream:
            writer = LogWriter(stream, roles)
            for exchange in exchanges:
                writer.add(exchange)
    except OSError as exc:
        raise ConfigError(f"cannot write {path}: {exc.strerror or exc}") from None
    return writer.hashes


@dataclass(frozen=True, slots=True)
class LoggedExchange:
    """One exchange read back, with the hash of its line as it stands in the file."""

    exchange: Exchange
    sha256: str
    line: int


def read_roles(path: Path) -> KeyRoles:
    """The key roles the log's first line names; ConfigError when it is not a log."""
    try:
        with path.open(encoding="utf-8") as stream:
            first = stream.readline()
        header = json.loads(first)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except (UnicodeDecodeError, ValueError):
        raise ConfigError(f"{path} is not an exchange log (its first line is not JSON)") from None
    if not isinstance(header, dict) or header.get("log") != LOG_FORMAT:
        raise ConfigError(f"{path} is not an exchange log of plane-conformance")
    keys = header.get("keys") or {}
    primary = keys.get("primary") if isinstance(keys, dict) else 0
    valid = keys.get("valid") or [] if isinstance(keys, dict) else 0
    if not (
        isinstance(primary, str | None)
        and isinstance(valid, list)
        and all(isinstance(k, str) for k in valid)
    ):
        raise ConfigError(f"{path} is not an exchange log of plane-conformance (its keys)")
    return KeyRoles(primary=primary, valid=frozenset(valid))


def read_log(path: Path) -> Iterator[LoggedExchange]:
    """The exchanges of the log, one at a time (the file is never read whole); ConfigError
    naming the line that is not an exchange."""
    read_roles(path)
    try:
        with path.open(encoding="utf-8") as stream:
            stream.readline()
            for number, raw in enumerate(stream, start=2):
                line = raw.rstrip("\n")
                if not line:
                    continue
                try:
                    exchange = exchange_from(json.loads(line))
                except (ValueError, TypeError):
                    raise ConfigError(f"{path}:{number} is not an exchange") from None
                yield LoggedExchange(exchange, line_hash(line), number)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path} is not UTF-8 text") from None
