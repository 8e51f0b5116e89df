"""The settings of a run, resolved by precedence: command line, environment, config file, default.

The settings are the table of ``conformance.settings``: every one has an environment
variable ``PLANE_CONFORMANCE_<NAME>`` and a config file key; ``--config`` itself may come from
``PLANE_CONFORMANCE_CONFIG``.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from conformance.errors import ConfigError
from conformance.runner.config_file import ConfigFile, load_config_file, locate
from conformance.settings import (
    ENV_PREFIX,
    SETTING_NAMES,
    SETTINGS,
    Setting,
    SuiteSettings,
    check_settings,
    split_list,
)

CONFIG_ENV = ENV_PREFIX + "CONFIG"
_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off"})


def resolve_settings(
    command_line: Mapping[str, Any], environ: Mapping[str, str], cwd: Path
) -> SuiteSettings:
    """Settings from the command line (None = not given), the environment, the config file
    (``command_line["config"]``, else ``$PLANE_CONFORMANCE_CONFIG``, else
    ``plane-conformance.toml`` in ``cwd``) and the defaults, in that order; then checked."""
    config = command_line.get("config") or environ.get(CONFIG_ENV) or None
    path = locate(config, cwd)
    lists = frozenset(s.name for s in SETTINGS if s.kind is tuple)
    file = load_config_file(path, SETTING_NAMES, environ, lists) if path is not None else None
    chosen: dict[str, Any] = {}
    for setting in SETTINGS:
        name = setting.name
        if command_line.get(name) is not None:
            chosen[name] = _convert(setting, command_line[name], setting.flag, None)
        elif environ.get(setting.env):  # set but empty counts as unset
            chosen[name] = _convert(setting, environ[setting.env], setting.env, None)
        elif file is not None and name in file.values:
            chosen[name] = _convert(setting, file.values[name], f"{file.path}: {name}", file)
    settings = SuiteSettings(**chosen)
    check_settings(settings)
    return settings


def table_settings(file: ConfigFile, **fixed: Any) -> SuiteSettings:
    """The settings one table holds (a fleet file's target), nothing else: no command line, no
    environment variable, no other file; ``fixed`` (such as ``report_dir``) set as given; then
    checked. A ConfigError names the key, not the file: the caller says which table it was."""
    chosen = {
        setting.name: _convert(setting, file.values[setting.name], setting.name, file)
        for setting in SETTINGS
        if setting.name in file.values
    }
    settings = SuiteSettings(**(chosen | fixed))
    check_settings(settings)
    return settings


def unknown_variables(environ: Mapping[str, str]) -> list[str]:
    """A warning for each ``PLANE_CONFORMANCE_*`` variable no setting reads (a typo, most
    likely), with the closest known name: the run ignores it."""
    from conformance.reference.command import KEYS_VARIABLE

    known = sorted({s.env for s in SETTINGS} | {CONFIG_ENV, KEYS_VARIABLE})
    warnings = []
    for name in sorted(environ):
        if name.startswith(ENV_PREFIX) and name not in known:
            close = difflib.get_close_matches(name, known, n=1)
            guess = f" (did you mean {close[0]}?)" if close else ""
            warnings.append(f"{name} is not a setting{guess}; it is ignored")
    return warnings


def _convert(setting: Setting, value: Any, source: str, file: ConfigFile | None) -> Any:
    kind = setting.kind
    if kind is tuple:  # a comma list, or several values (the options given, a TOML array)
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list | tuple) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{source} must be a string or a list of strings, not {value!r}")
        return split_list(values)
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
