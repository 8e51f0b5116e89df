"""``plane-conformance requirements``: list the catalogue as text or JSON."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--area", help="only this area (AUTH, HTTP, PAG, RATE, FLD, FMT)")
    parser.add_argument("--level", choices=("MUST", "SHOULD"), help="only this level")


def run(args: argparse.Namespace) -> int:
    import json

    from conformance.catalogue import load_catalogue
    from conformance.errors import ConfigError

    catalogue = load_catalogue()
    area = args.area.upper() if args.area else None
    if area is not None and area not in catalogue.areas:
        raise ConfigError(f"unknown area {args.area!r}; choose from {', '.join(catalogue.areas)}")
    selected = [
        r
        for r in catalogue
        if (area is None or r.area == area) and (args.level is None or r.level == args.level)
    ]
    if args.format == "json":
        document = {
            "parameters": dict(catalogue.parameters),
            "areas": dict(catalogue.areas),
            "requirements": [r.to_dict() for r in selected],
        }
        print(json.dumps(document, indent=2))
        return 0
    for requirement in selected:
        print(f"{requirement.id:<8} {requirement.level:<6} {requirement.title}")
        print(f"         {requirement.text}")
    print(f"{len(selected)} requirements")
    return 0
