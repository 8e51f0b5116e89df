"""The settings of a run, resolved by precedence: command line, environment, config file, default.

Every setting has an environment variable ``PLANE_CONFORMANCE_<NAME>`` (``SETTINGS`` lists them);
``--config`` itself may come from ``PLANE_CONFORMANCE_CONFIG``. Settings hold the NAMES of the key
variables; a key is never a setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.runner.config_file import ConfigFile, load_config_file, locate

ENV_PREFIX = "PLANE_CONFORMANCE_"
CONFIG_ENV = ENV_PREFIX + "CONFIG"
PROFILES = ("full", "smoke")
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})
_POSITIVE_INTS = ("rate_limit", "rate_window", "per_page_default", "per_page_max")


@dataclass(frozen=True, slots=True)
class RunSettings:
    """One run's settings, checked; ``target`` None means the embedded reference server."""

    target: str | None = None
    workspace: str | None = None
    project: str | None = None
    api_key_env: str = "PLANE_API_KEY"
    second_api_key_env: str = "PLANE_API_KEY_2"
    profile: str = "full"
    read_only: bool = False
    report_dir: Path = Path("reports")
    seed: int | None = None
    rate_limit: int = 60
    rate_window: int = 60
    per_page_default: int = 100
    per_page_max: int = 100
    timeout: float = 10.0
    max_wait: float = 180.0
    baseline: Path | None = None
    waivers: Path | None = None

    @property
    def embedded(self) -> bool:
        return self.target is None


_KINDS: Mapping[str, type] = {
    "read_only": bool,
    "report_dir": Path,
    "baseline": Path,
    "waivers": Path,
    "seed": int,
    "rate_limit": int,
    "rate_window": int,
    "per_page_default": int,
    "per_page_max": int,
    "timeout": float,
    "max_wait": float,
}
SETTINGS: tuple[str, ...] = tuple(f.name for f in fields(RunSettings))


def env_name(setting: str) -> str:
    """``rate_limit`` -> ``PLANE_CONFORMANCE_RATE_LIMIT``."""
    return ENV_PREFIX + setting.upper()


def flag(setting: str) -> str:
    return "--" + setting.replace("_", "-")


def resolve_settings(
    command_line: Mapping[str, Any], environ: Mapping[str, str], cwd: Path
) -> RunSettings:
    """Settings from the command line (None = not given), the environment, the config file
    (``command_line["config"]``, else ``$PLANE_CONFORMANCE_CONFIG``, else
    ``plane-conformance.toml`` in ``cwd``) and the defaults, in that order; then checked."""
    config = command_line.get("config") or environ.get(CONFIG_ENV) or None
    path = locate(config, cwd)
    file = load_config_file(path, frozenset(SETTINGS), environ) if path is not None else None
    chosen: dict[str, Any] = {}
    for name in SETTINGS:
        if command_line.get(name) is not None:
            chosen[name] = _convert(name, command_line[name], flag(name), None)
        elif environ.get(env_name(name)):  # set but empty counts as unset
            chosen[name] = _convert(name, environ[env_name(name)], env_name(name), None)
        elif file is not None and name in file.values:
            chosen[name] = _convert(name, file.values[name], f"{file.path}: {name}", file)
    settings = RunSettings(**chosen)
    check_settings(settings)
    return settings


def _convert(name: str, value: Any, source: str, file: ConfigFile | None) -> Any:
    kind = _KINDS.get(name, str)
    if kind is bool:
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
            return value.strip().lower() in _TRUE
        raise ConfigError(f"{source} must be true or false, not {value!r}")
    if kind is int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        try:
            return int(str(value).strip())
        except ValueError:
            raise ConfigError(f"{source} must be an integer, not {value!r}") from None
    if kind is float:
        if isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        try:
            return float(str(value).strip())
        except ValueError:
            raise ConfigError(f"{source} must be a number, not {value!r}") from None
    if not isinstance(value, str | Path):
        raise ConfigError(f"{source} must be a string, not {value!r}")
    if kind is Path:
        path = Path(value)
        # a relative path in a config file means relative to that file, as in ruff or mypy
        return file.directory / path if file is not None and not path.is_absolute() else path
    return str(value)


def check_settings(settings: RunSettings) -> None:
    """The checks that need no file, network or environment; ConfigError naming the option."""
    if settings.profile not in PROFILES:
        raise ConfigError(
            f"unknown profile {settings.profile!r}; choose from {', '.join(PROFILES)}"
        )
    for name in _POSITIVE_INTS:
        value = getattr(settings, name)
        if value < 1:
            raise ConfigError(f"{flag(name)} must be a positive integer, not {value}")
    for name in ("timeout", "max_wait"):
        value = getattr(settings, name)
        if not value > 0:
            raise ConfigError(f"{flag(name)} must be a positive number of seconds, not {value}")
    if settings.seed is not None and not 0 <= settings.seed < 2**32:
        raise ConfigError(f"--seed must lie between 0 and {2**32 - 1}, not {settings.seed}")
    if settings.per_page_default > settings.per_page_max:
        raise ConfigError(
            f"--per-page-default ({settings.per_page_default}) cannot exceed "
            f"--per-page-max ({settings.per_page_max})"
        )
    if not settings.api_key_env or not settings.second_api_key_env:
        raise ConfigError("--api-key-env and --second-api-key-env must name variables")
    if settings.api_key_env == settings.second_api_key_env:
        raise ConfigError(
            f"--api-key-env and --second-api-key-env are both {settings.api_key_env}: "
            "the two keys need two variables"
        )
    if settings.target is not None and not settings.workspace:
        raise ConfigError("--target needs --workspace: the slug of the key's workspace")
    if settings.embedded and settings.project:
        raise ConfigError(
            "--project needs --target: the embedded server reads its own seeded project"
        )
    if settings.read_only and settings.target is not None and not settings.project:
        raise ConfigError("--read-only needs --project: the suite reads an existing project")
