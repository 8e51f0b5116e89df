"""Which description of the API a run reads: the one ``--openapi`` names (a URL on the target or
a file), else the target's own at ``/api/schema/`` when it publishes one, else the bundled
``specs/plane.openapi.yaml``.

The target's description is asked for once, without a key; only a target that refuses that
(401 or 403) is asked once more with the key. Those requests go through the one HTTP layer and
are recorded, but they are not requests to the API: the checks of every exchange leave them out.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import httpx

from conformance.discovery import Description, bundled, load, parse
from conformance.discovery.description import BUNDLED
from conformance.errors import ConfigError, SpecError, TargetError
from conformance.http import ClientSettings
from conformance.http.settings import origin_of
from conformance.plugin.target import DEFAULT, Reply, Target
from conformance.report import CertifiedAgainst

SCHEMA_PATH = "/api/schema/"
OWN = "the target's own description,"
# JSON parses fastest; a server that has only YAML (drf-spectacular's default) sends that
ACCEPT = "application/json, */*;q=0.5"


def find_description(target: Target) -> tuple[Description, str]:
    """The run's description and a note saying where it came from. ``--openapi`` that cannot be
    read is a ConfigError; a target without a description of its own falls back to the bundled
    one, and the note says why."""
    given = target.settings.openapi
    if given:
        return _given(target, given)
    url = _site(target) + SCHEMA_PATH
    try:
        reply = _fetch(target, url)
    except TargetError as exc:
        return _fallback(f"GET {url} failed ({exc})")
    if reply.status != 200:
        return _fallback(f"GET {url} answered {reply.status}")
    try:
        found = parse(reply.response.content, url, name=_name(reply))
    except SpecError as exc:
        return _fallback(f"GET {url} did not give an OpenAPI description ({exc})")
    return found, f"{OWN} {url}"


def _given(target: Target, given: str) -> tuple[Description, str]:
    if urlsplit(given).scheme in ("http", "https"):
        settings = ClientSettings(base_url=target.settings.target or "")
        if origin_of(httpx.URL(given)) != settings.origin:
            raise ConfigError(
                f"--openapi {given} is not on the target's site: download it and pass the file"
            )
        try:
            reply = _fetch(target, given)
        except TargetError as exc:
            raise ConfigError(f"--openapi {given}: {exc}") from None
        if reply.status != 200:
            raise ConfigError(f"--openapi {given} answered {reply.status}")
        try:
            return parse(reply.response.content, given, name=_name(reply)), f"--openapi {given}"
        except SpecError as exc:
            raise ConfigError(f"--openapi {exc}") from None
    try:
        return load(Path(given)), f"--openapi {given}"
    except SpecError as exc:
        raise ConfigError(f"--openapi {exc}") from None


def _fetch(target: Target, url: str) -> Reply:
    """The description at ``url``: without a key, and once with it if that was refused."""
    headers = {"Accept": ACCEPT}
    reply = target.get(url, headers=headers, auth=None, paced=False)
    if reply.status in (401, 403):
        reply = target.get(url, headers=headers, auth=DEFAULT)
    return reply


def _fallback(why: str) -> tuple[Description, str]:
    found = bundled()
    return found, f"{found.source}: {why}"


def _site(target: Target) -> str:
    """The target's scheme, host and port: where its site begins."""
    parts = urlsplit(target.settings.target or "")
    return f"{parts.scheme}://{parts.netloc}"


def _name(reply: Reply) -> str:
    """A file name that tells the parser what the answer holds (JSON or YAML)."""
    media = reply.response.headers.get("content-type", "")
    return "description.json" if "json" in media else "description.yaml"


def certified_against(target: Target, found: Description, note: str) -> CertifiedAgainst:
    """What the run certified its target against, for the report: the description
    ``find_description`` found (``found``, with its ``note``), where from, its title and
    version."""
    info = found.data.get("info") if isinstance(found.data, dict) else None
    info = info if isinstance(info, dict) else {}
    title, version = str(info.get("title", "")), str(info.get("version", ""))
    given = target.settings.openapi
    if given:
        return CertifiedAgainst("openapi", given, title, version, note)
    if note.startswith(OWN):
        return CertifiedAgainst("target", note.removeprefix(OWN).strip(), title, version, note)
    return CertifiedAgainst("bundled", BUNDLED, title, version, note)
