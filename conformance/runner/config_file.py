"""The optional TOML config file: located, read, checked for unknown keys, ``${ENV}`` expanded."""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from conformance.errors import ConfigError

DEFAULT_NAME = "plane-conformance.toml"
_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")


@dataclass(frozen=True, slots=True)
class ConfigFile:
    """The settings a file holds, by field name (``rate_limit``), with ``${ENV}`` expanded."""

    path: Path
    values: Mapping[str, Any]

    @property
    def directory(self) -> Path:
        return self.path.parent


def locate(explicit: str | None, cwd: Path) -> Path | None:
    """``--config FILE`` when given (it must then exist), else ``plane-conformance.toml`` in
    ``cwd`` when there is one."""
    if explicit:
        return Path(explicit)
    candidate = cwd / DEFAULT_NAME
    return candidate if candidate.is_file() else None


def load_config_file(
    path: Path,
    known: frozenset[str],
    environ: Mapping[str, str],
    lists: frozenset[str] = frozenset(),
) -> ConfigFile:
    """Read ``path``; keys are option names with ``_`` or ``-``; ConfigError (one line) on
    anything the runner would otherwise have to guess about. The settings in ``lists`` may be
    arrays."""
    return config_table(read_toml(path, "config file"), path, known, environ, lists)


def read_toml(path: Path, what: str) -> dict[str, Any]:
    """The TOML table of ``path`` (``what`` names it in errors: "config file", "fleet file");
    ConfigError (one line) when it cannot be read or is not TOML."""
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{what} {path} is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{what} {path} is not valid TOML: {exc}") from None


def config_table(
    raw: Mapping[str, Any],
    path: Path,
    known: frozenset[str],
    environ: Mapping[str, str],
    lists: frozenset[str] = frozenset(),
) -> ConfigFile:
    """The settings of one TOML table of ``path`` (the whole file, or a table of a fleet file),
    checked as ``load_config_file`` checks a file's."""
    values: dict[str, Any] = {}
    for key, value in raw.items():
        name = key.replace("-", "_")
        if name not in known:
            raise ConfigError(f"config file {path}: unknown setting {key!r}{_guess(name, known)}")
        if name in values:
            raise ConfigError(f"config file {path}: {key!r} is set twice")
        where = f"config file {path}: {key}"
        if isinstance(value, list) and name in lists:
            values[name] = [expand(v, environ, where) if isinstance(v, str) else v for v in value]
            continue
        if isinstance(value, dict | list):
            raise ConfigError(f"config file {path}: {key!r} must be a single value")
        values[name] = expand(value, environ, where) if isinstance(value, str) else value
    return ConfigFile(path=path, values=MappingProxyType(values))


def _guess(name: str, known: frozenset[str]) -> str:
    """``; did you mean 'target'?`` for the closest known name, or nothing."""
    close = difflib.get_close_matches(name, sorted(known), n=1)
    return f"; did you mean {close[0]!r}?" if close else ""


def expand(text: str, environ: Mapping[str, str], where: str) -> str:
    """Replace every ``${NAME}`` with the variable's value; a missing one is a ConfigError
    naming it (and never showing any value)."""

    def value_of(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in environ:
            raise ConfigError(f"{where}: environment variable {name} is not set")
        return environ[name]

    return _REFERENCE.sub(value_of, text)
