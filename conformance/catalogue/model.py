"""The catalogue's values and its loader."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import yaml

from conformance.errors import ConfigError

LEVELS = ("MUST", "SHOULD")


@dataclass(frozen=True, slots=True)
class Requirement:
    """One normative statement with a stable ID."""

    id: str
    level: str
    area: str
    title: str
    text: str
    source: str
    parameters: tuple[str, ...] = ()
    needs: tuple[str, ...] = ()
    retired: bool = False

    @property
    def is_must(self) -> bool:
        return self.level == "MUST"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "level": self.level,
            "area": self.area,
            "title": self.title,
            "text": self.text,
            "source": self.source,
            "parameters": list(self.parameters),
            "needs": list(self.needs),
            "retired": self.retired,
        }


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The requirements in catalogue order, with the documented parameters and area names."""

    requirements: tuple[Requirement, ...]
    parameters: Mapping[str, int | str]
    areas: Mapping[str, str]
    version: str = ""

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(r.id for r in self.requirements)

    def get(self, requirement_id: str) -> Requirement:
        for requirement in self.requirements:
            if requirement.id == requirement_id:
                return requirement
        raise KeyError(requirement_id)

    def __iter__(self) -> Iterator[Requirement]:
        return iter(self.requirements)

    def __len__(self) -> int:
        return len(self.requirements)


def _specs() -> Path:
    return Path(str(resources.files("conformance") / "specs"))


def parse_catalogue(document: Any) -> Catalogue:
    """Validate a loaded catalogue document and build the Catalogue; ConfigError when invalid."""
    schema = json.loads((_specs() / "requirements.schema.json").read_text(encoding="utf-8"))
    errors = sorted(
        jsonschema.Draft202012Validator(schema).iter_errors(document), key=lambda e: e.path
    )
    if errors:
        first = errors[0]
        where = "/".join(str(part) for part in first.absolute_path) or "(top level)"
        raise ConfigError(f"requirement catalogue is invalid at {where}: {first.message}")
    areas = dict(document["areas"])
    requirements: list[Requirement] = []
    seen: set[str] = set()
    for entry in document["requirements"]:
        rid = entry["id"]
        if rid in seen:
            raise ConfigError(f"requirement catalogue lists {rid} twice")
        if entry["area"] not in areas or not rid.startswith(entry["area"] + "-"):
            raise ConfigError(f"requirement {rid} names an unknown or mismatched area")
        unknown = set(entry["parameters"]) - set(document["parameters"])
        if unknown:
            raise ConfigError(f"requirement {rid} uses undeclared parameters {sorted(unknown)}")
        seen.add(rid)
        requirements.append(
            Requirement(
                id=rid,
                level=entry["level"],
                area=entry["area"],
                title=entry["title"],
                text=entry["text"],
                source=entry["source"],
                parameters=tuple(entry["parameters"]),
                needs=tuple(entry.get("needs", ())),
                retired=bool(entry.get("retired", False)),
            )
        )
    return Catalogue(
        requirements=tuple(requirements),
        parameters=MappingProxyType(dict(document["parameters"])),
        areas=MappingProxyType(areas),
        version=str(document.get("version", "")),
    )


@cache
def load_catalogue() -> Catalogue:
    """The shipped catalogue (read and validated once per process; the result is immutable)."""
    path = _specs() / "requirements.yaml"
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"cannot read the requirement catalogue {path}: {exc}") from None
    return parse_catalogue(document)
