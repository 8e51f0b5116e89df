"""The run settings, declared once: each field of ``SuiteSettings`` is one setting.

A field's name, type, default and help feed every place a setting appears: the ``--plane-*``
options of the plugin, the options of ``plane-conformance run`` (``--rate-limit``), its
environment variables (``PLANE_CONFORMANCE_RATE_LIMIT``), its config file keys (``rate_limit`` or
``rate-limit``) and the command line the runner hands to pytest. ``SETTINGS`` lists them in order.
Settings hold the NAMES of the key variables; a key is never a setting.
May import: the standard library, pytest (types only), ``conformance.errors``,
``conformance.catalogue`` (the IDs and areas ``--only`` may name), ``conformance.http`` (the
client's settings it builds) and ``conformance.interop`` (whether the SDK is installed, when a
run asks for it); never the plugin, the runner or the audit, which all read it.
"""

from __future__ import annotations

import argparse
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from conformance.errors import ConfigError

if TYPE_CHECKING:  # the plugin loads this module in every pytest run: no HTTP layer until needed
    import pytest

    from conformance.http import ClientSettings, NetworkOptions

PLUGIN_PREFIX = "plane"
ENV_PREFIX = "PLANE_CONFORMANCE_"
PROFILES = ("full", "smoke")
# the wait budget of a run that names none, before the estimate widens it
MIN_WAIT_BUDGET = 180.0
MAX_SEED = 2**32 - 1
# How the target is reached; none of them applies to the embedded reference server.
NETWORK_SETTINGS = (
    "ca_bundle", "client_cert", "client_key", "insecure", "proxy", "trust_env",
    "allow_cleartext_proxy",
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Help:
    """How a setting is described: ``text``, and ``note`` on its default as
    ``plane-conformance run --help`` states it (the plugin states its real default instead)."""

    text: str
    note: str = ""
    metavar: str | None = None
    choices: tuple[str, ...] = ()


def _help(
    text: str, *, note: str = "", metavar: str | None = None, choices: tuple[str, ...] = ()
) -> dict[str, Help]:
    """A field's metadata: what makes it a row of the table."""
    return {"help": Help(text, note, metavar, choices)}


@dataclass(frozen=True, slots=True)
class SuiteSettings:
    """One run's settings. ``target`` None: no target given (the runner then starts the embedded
    reference server); ``workspace`` empty: not given; ``seed`` None: a random seed."""

    target: str | None = field(
        default=None,
        metadata=_help(
            "API base URL ending in /api/v1",
            note="default: start the embedded reference server",
            metavar="BASE_URL",
        ),
    )
    workspace: str = field(
        default="", metadata=_help("workspace slug the key belongs to", metavar="SLUG")
    )
    project: str | None = field(
        default=None,
        metadata=_help("an existing project to read (needed with --read-only)", metavar="ID"),
    )
    openapi: str | None = field(
        default=None,
        metadata=_help(
            "the target's OpenAPI description: a URL on the target, or a file",
            note="default: the target's /api/schema/, else the bundled description",
            metavar="URL|FILE",
        ),
    )
    api_key_env: str = field(
        default="PLANE_API_KEY",
        metadata=_help(
            "variable holding the API key", note="default PLANE_API_KEY", metavar="NAME"
        ),
    )
    second_api_key_env: str = field(
        default="PLANE_API_KEY_2",
        metadata=_help(
            "variable holding a second key, for RATE-07",
            note="default PLANE_API_KEY_2",
            metavar="NAME",
        ),
    )
    more_api_key_envs: str = field(
        default="",
        metadata=_help(
            "variables holding further keys of the same user, comma-separated: the run "
            "spreads its requests over every key (each brings a rate-limit window of its own)",
            note="default: none",
            metavar="NAME,...",
        ),
    )
    profile: str = field(
        default="full",
        metadata=_help(
            "which checks run: full = every GET operation the target's description declares, "
            "with generated examples; smoke = the fixed surface only, explicit examples, fewer "
            "requests",
            note="default full",
            choices=PROFILES,
        ),
    )
    read_only: bool = field(
        default=False, metadata=_help("send only GET requests", note="default: off")
    )
    probe_twins: bool = field(
        default=False,
        metadata=_help(
            "probe every path of a view the description declares twice (issues/ and "
            "work-items/) with an unknown id, per_page, fields and expand, not once per view",
            note="default: off",
        ),
    )
    parameter_budget: int | None = field(
        default=None,
        metadata=_help(
            "keyed requests the search of declared query parameters may spend (0: no search)",
            note="default: one window of one key, in the full profile one window of each key "
            "of --more-api-key-envs",
            metavar="N",
        ),
    )
    report_dir: Path = field(
        default=Path("reports"),
        metadata=_help("where the reports go", note="default reports", metavar="DIR"),
    )
    seed: int | None = field(
        default=None,
        metadata=_help("seed of the property tests", note="default: random", metavar="N"),
    )
    rate_limit: int = field(
        default=60, metadata=_help("requests per key per window", note="default 60", metavar="N")
    )
    rate_window: int = field(
        default=60, metadata=_help("rate-limit window in seconds", note="default 60", metavar="S")
    )
    per_page_default: int = field(
        default=100, metadata=_help("documented default page size", note="100", metavar="N")
    )
    per_page_max: int = field(
        default=100, metadata=_help("documented maximum page size", note="100", metavar="N")
    )
    timeout: float = field(
        default=10.0, metadata=_help("per-request deadline in seconds", note="10", metavar="S")
    )
    max_wait: float | None = field(
        default=None,
        metadata=_help(
            "seconds the run may spend waiting for rate-limit windows",
            note=f"default: what the estimate needs, at least {MIN_WAIT_BUDGET:g}",
            metavar="S",
        ),
    )
    baseline: Path | None = field(
        default=None,
        metadata=_help("an earlier compliance.json: gate on regressions", metavar="PATH"),
    )
    waivers: Path | None = field(
        default=None,
        metadata=_help("YAML waivers of known deviations: id, reason, expires", metavar="FILE"),
    )
    sign_key: Path | None = field(
        default=None,
        metadata=_help(
            "Ed25519 private key (PEM) that signs the report's manifest; its passphrase, if "
            "any, from $PLANE_SIGN_KEY_PASSPHRASE",
            metavar="FILE",
        ),
    )
    ca_bundle: Path | None = field(
        default=None,
        metadata=_help(
            "PEM file of CAs to trust besides the system's (SSL_CERT_FILE and SSL_CERT_DIR are "
            "honoured too)",
            metavar="FILE",
        ),
    )
    client_cert: Path | None = field(
        default=None,
        metadata=_help("PEM client certificate to present to the target (mTLS)", metavar="FILE"),
    )
    client_key: Path | None = field(
        default=None,
        metadata=_help(
            "PEM private key of --client-cert",
            note="default: in the certificate's file",
            metavar="FILE",
        ),
    )
    client_key_passphrase_env: str = field(
        default="PLANE_CLIENT_KEY_PASSPHRASE",
        metadata=_help(
            "variable holding the passphrase of an encrypted client key",
            note="default PLANE_CLIENT_KEY_PASSPHRASE",
            metavar="NAME",
        ),
    )
    insecure: bool = field(
        default=False,
        metadata=_help(
            "do not verify the target's TLS certificate (the report says so in red)",
            note="default: off",
        ),
    )
    proxy: str | None = field(
        default=None,
        repr=False,  # it may carry the proxy's credentials
        metadata=_help(
            "HTTP proxy for the requests (an https target through a CONNECT tunnel)",
            metavar="URL",
        ),
    )
    trust_env: bool = field(
        default=False,
        metadata=_help(
            "use the proxy of HTTPS_PROXY, HTTP_PROXY or ALL_PROXY unless NO_PROXY exempts "
            "the target",
            note="default: off",
        ),
    )
    allow_cleartext_proxy: bool = field(
        default=False,
        metadata=_help(
            "let an http target's requests, API key included, cross a proxy in clear text",
            note="default: off",
        ),
    )
    interop: bool = field(
        default=False,
        metadata=_help(
            "after the suite, run Plane's official Python SDK against the target and report "
            "each call it cannot complete; advisory (needs plane-conformance[interop])",
            note="default: off",
        ),
    )
    interop_gate: bool = field(
        default=False,
        metadata=_help(
            "like --interop, and a call the SDK cannot complete makes the run non-conformant",
            note="default: off",
        ),
    )
    only: tuple[str, ...] = field(
        default=(),
        metadata=_help(
            "run only what these requirements or areas need; the others are 'not selected' "
            "(repeatable, or a comma list: PAG-10,RATE)",
            note="default: every requirement",
            metavar="ID|AREA",
        ),
    )
    operation: tuple[str, ...] = field(
        default=(),
        metadata=_help(
            "run only the test of this declared operation, as the report's operations table "
            "names it ('GET workspaces/{slug}/labels/'; repeatable, or a comma list)",
            note="default: every operation",
            metavar="LABEL",
        ),
    )
    last_failed: bool = field(
        default=False,
        metadata=_help(
            "re-run only what failed or errored in the previous report, "
            "<--report-dir>/compliance.json",
            note="default: off",
        ),
    )
    overwrite: bool = field(
        default=False,
        metadata=_help(
            "replace the reports of an earlier run or audit in --report-dir (without it, the "
            "run refuses to write over them; --last-failed replaces the report it re-runs)",
            note="default: off",
        ),
    )

    @property
    def parameters(self) -> dict[str, int]:
        return {
            "per_page_default": self.per_page_default,
            "per_page_max": self.per_page_max,
            "rate_limit": self.rate_limit,
            "rate_window_s": self.rate_window,
        }

    @property
    def parameter_requests(self) -> int:
        """Keyed requests the search of declared query parameters may spend: the setting, else
        one window of one key (in the full profile, of each key of ``more_api_key_envs``); none
        in the smoke profile, which checks the fixed surface only."""
        if self.parameter_budget is not None:
            return self.parameter_budget if self.full else 0
        if not self.full:
            return 0
        return self.rate_limit * max(1, len(self.more_key_envs))

    @property
    def more_key_envs(self) -> tuple[str, ...]:
        """The variables of ``more_api_key_envs``, in order."""
        return tuple(n.strip() for n in self.more_api_key_envs.split(",") if n.strip())

    @property
    def full(self) -> bool:
        return self.profile == "full"

    @property
    def network(self) -> NetworkOptions:
        """How the HTTP layer reaches the target: TLS trust and identity, the proxy."""
        from conformance.http import NetworkOptions

        return NetworkOptions(
            ca_bundle=self.ca_bundle,
            client_cert=self.client_cert,
            client_key=self.client_key,
            client_key_passphrase_env=self.client_key_passphrase_env,
            insecure=self.insecure,
            proxy=self.proxy,
            trust_env=self.trust_env,
            allow_cleartext_proxy=self.allow_cleartext_proxy,
        )

    @property
    def tls_unverified(self) -> bool:
        """An https target whose certificate the run does not check (``--insecure``)."""
        return self.insecure and (self.target or "").lower().startswith("https:")

    @property
    def interop_asked(self) -> bool:
        """Whether the SDK runs after the suite (``--interop`` or ``--interop-gate``)."""
        return self.interop or self.interop_gate

    def client_settings(self, base_url: str) -> ClientSettings:
        """The HTTP layer's settings for a run against ``base_url`` (which they check)."""
        from conformance.http import ClientSettings

        return ClientSettings(
            base_url=base_url,
            api_key_env=self.api_key_env,
            second_api_key_env=self.second_api_key_env,
            more_api_key_envs=self.more_key_envs,
            timeout=self.timeout,
            max_wait_s=self.max_wait if self.max_wait is not None else MIN_WAIT_BUDGET,
            rate_window_s=self.rate_window,
            network=self.network,
        )


@dataclass(frozen=True, slots=True)
class Setting:
    """One row of the table: a field of ``SuiteSettings`` and the names it goes by."""

    name: str  # the field, and the config file key
    kind: type  # str, int, float, bool or Path
    default: Any
    help: Help

    @property
    def flag(self) -> str:
        """``--rate-limit``: the option of ``plane-conformance run``."""
        return "--" + self.name.replace("_", "-")

    @property
    def plugin_flag(self) -> str:
        """``--plane-rate-limit``: the option of the pytest plugin."""
        return f"--{PLUGIN_PREFIX}-" + self.name.replace("_", "-")

    @property
    def dest(self) -> str:
        """``plane_rate_limit``: the plugin option's name in ``config.getoption``."""
        return f"{PLUGIN_PREFIX}_{self.name}"

    @property
    def env(self) -> str:
        """``PLANE_CONFORMANCE_RATE_LIMIT``."""
        return ENV_PREFIX + self.name.upper()

    def run_help(self) -> str:
        """The help of ``plane-conformance run``."""
        text = self.help.text
        return f"{text} ({self.help.note})" if self.help.note else text

    def plugin_help(self) -> str:
        """The help of the pytest option: option names with the plugin's prefix, the real
        default stated."""
        text = self.help.text
        for other in SETTINGS:
            text = text.replace(other.flag, other.plugin_flag)
        if self.default in (None, False, "", ()):
            return text
        shown = self.default if self.kind is not float else f"{self.default:g}"
        return f"{text} (default {shown})"

    def option(self, *, plugin: bool) -> dict[str, Any]:
        """The keyword arguments of ``addoption`` (``plugin``) or ``add_argument``. The plugin's
        options have the real defaults; the run command's have none ("not given"), so that the
        environment and the config file may decide."""
        options: dict[str, Any] = {"help": self.plugin_help() if plugin else self.run_help()}
        if self.kind is tuple:  # repeatable; None (not given) becomes ()
            return options | {"action": "append", "metavar": self.help.metavar}
        if self.kind is bool:
            options["action"] = "store_true" if plugin else argparse.BooleanOptionalAction
            return options
        options["metavar"] = self.help.metavar
        if plugin:
            options["default"] = self.default
        if self.help.choices:
            options["choices"] = self.help.choices
        if self.kind in (int, float):
            options["type"] = self.kind
        return options


def _kind(annotation: object) -> type:
    """``int | None`` -> int; ``tuple[str, ...]`` -> tuple (a list of values)."""
    if typing.get_origin(annotation) is tuple:
        return tuple
    kinds = [arg for arg in typing.get_args(annotation) if arg is not type(None)]
    kind = kinds[0] if kinds else annotation
    assert isinstance(kind, type), annotation
    return kind


def _table() -> Iterator[Setting]:
    hints = typing.get_type_hints(SuiteSettings)
    for each in fields(SuiteSettings):
        yield Setting(each.name, _kind(hints[each.name]), each.default, each.metadata["help"])


SETTINGS: tuple[Setting, ...] = tuple(_table())
SETTING_NAMES: frozenset[str] = frozenset(s.name for s in SETTINGS)


def add_plugin_options(group: pytest.OptionGroup) -> None:
    """Every setting as a ``--plane-*`` option, with its real default."""
    for setting in SETTINGS:
        group.addoption(setting.plugin_flag, dest=setting.dest, **setting.option(plugin=True))


def settings_from(config: pytest.Config) -> SuiteSettings:
    """The settings the ``--plane-*`` options give, checked."""
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = config.getoption(setting.dest)
        if setting.kind is Path and value is not None:
            value = Path(value)
        if setting.kind is tuple:
            value = split_list(value or ())
        values[setting.name] = value
    settings = SuiteSettings(**values)
    check_settings(settings)
    return settings


def plugin_args(settings: SuiteSettings) -> list[str]:
    """The ``--plane-*`` command line that gives ``settings`` (what is unset is left out)."""
    args: list[str] = []
    for setting in SETTINGS:
        value = getattr(settings, setting.name)
        if value is None or value is False or value == "" or value == ():
            continue
        if isinstance(value, tuple):
            args += [part for each in value for part in (setting.plugin_flag, each)]
            continue
        args += [setting.plugin_flag] if value is True else [setting.plugin_flag, str(value)]
    return args


def split_list(values: typing.Iterable[str]) -> tuple[str, ...]:
    """The values of a list setting: each given value may be a comma list; blanks and repeats
    go."""
    parts = (part.strip() for value in values for part in str(value).split(","))
    return tuple(dict.fromkeys(part for part in parts if part))


def _carries_credentials(url: str) -> bool:
    """``https://user:password@host/...``: the URL names a user or a password."""
    try:
        parts = urlsplit(url)
    except ValueError:  # not a URL: the HTTP layer says so, without credentials to show
        return False
    return parts.username is not None or parts.password is not None


def check_settings(settings: SuiteSettings) -> None:
    """The checks that need no file, network or environment; ConfigError naming the option."""
    by_name = {s.name: s for s in SETTINGS}
    if settings.profile not in PROFILES:
        raise ConfigError(
            f"unknown profile {settings.profile!r}; choose from {', '.join(PROFILES)}"
        )
    if settings.target and _carries_credentials(settings.target):
        # said before anything can echo the URL (a fleet's progress, a report's base_url)
        raise ConfigError("--target must not carry credentials; keys come from the environment")
    for name in ("rate_limit", "rate_window", "per_page_default", "per_page_max"):
        value = getattr(settings, name)
        if value < 1:
            raise ConfigError(f"{by_name[name].flag} must be a positive integer, not {value}")
    for name in ("timeout", "max_wait"):
        value = getattr(settings, name)
        if value is not None and not value > 0:
            raise ConfigError(
                f"{by_name[name].flag} must be a positive number of seconds, not {value}"
            )
    if settings.parameter_budget is not None and settings.parameter_budget < 0:
        raise ConfigError(
            f"{by_name['parameter_budget'].flag} must be 0 or more, not {settings.parameter_budget}"
        )
    if settings.seed is not None and not 0 <= settings.seed <= MAX_SEED:
        raise ConfigError(f"--seed must lie between 0 and {MAX_SEED}, not {settings.seed}")
    if settings.per_page_default > settings.per_page_max:
        raise ConfigError(
            f"--per-page-default ({settings.per_page_default}) cannot exceed "
            f"--per-page-max ({settings.per_page_max})"
        )
    if settings.interop_asked:
        from conformance.interop.sdk import require_sdk

        require_sdk()  # the extra is installed, in the tested range: else one line
    if not settings.api_key_env or not settings.second_api_key_env:
        raise ConfigError("--api-key-env and --second-api-key-env must name variables")
    if settings.api_key_env == settings.second_api_key_env:
        raise ConfigError(
            f"--api-key-env and --second-api-key-env are both {settings.api_key_env}: "
            "the two keys need two variables"
        )
    named = [settings.api_key_env, settings.second_api_key_env, *settings.more_key_envs]
    repeated = sorted({name for name in named if named.count(name) > 1})
    if repeated:
        raise ConfigError(
            f"--more-api-key-envs names {', '.join(repeated)} more than once (with "
            "--api-key-env and --second-api-key-env): each key needs a variable of its own"
        )
    if settings.target is not None and not settings.workspace:
        raise ConfigError("--target needs --workspace: the slug of the key's workspace")
    if settings.target is None and settings.project:
        raise ConfigError(
            "--project needs --target: the embedded server reads its own seeded project"
        )
    if settings.target is None:
        for name in NETWORK_SETTINGS:
            if getattr(settings, name) not in (None, False):
                raise ConfigError(
                    f"{by_name[name].flag} needs --target: the embedded reference server is "
                    "reached directly, over plain HTTP"
                )
    # the HTTP layer's options check how they go together (--client-key needs --client-cert)
    _ = settings.network
    if settings.read_only and settings.target is not None and not settings.project:
        raise ConfigError("--read-only needs --project: the suite reads an existing project")
    if settings.only:
        from conformance.catalogue.ids import only_ids

        only_ids(settings.only)  # every ID or area is the catalogue's: else one line
