"""``plane-conformance requirements``: list the catalogue as text or JSON, or (``--where ID``)
every place in the code that judges one requirement."""

from __future__ import annotations

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--area", help="only this area (AUTH, HTTP, PAG, RATE, FLD, FMT)")
    parser.add_argument("--level", choices=("MUST", "SHOULD"), help="only this level")
    parser.add_argument(
        "--where",
        metavar="ID",
        help="print the file:line of every place that judges ID: suite tests (markers and "
        "checks), audit judges, lint rules, and the seeded faults and variations that exercise it",
    )


def run(args: argparse.Namespace) -> int:
    import json

    from conformance.catalogue import load_catalogue
    from conformance.errors import ConfigError

    if args.where is not None:
        return _where(args.where, args.format)
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


def _where(written: str, output: str) -> int:
    import json

    from conformance.catalogue import load_catalogue
    from conformance.catalogue.ids import known
    from conformance.catalogue.places import places_of

    requirement = load_catalogue().get(known(written.strip().upper(), "--where"))
    places = places_of(requirement.id)
    if output == "json":
        document = {
            "id": requirement.id,
            "places": [
                {"kind": p.kind, "path": p.path, "line": p.line, "name": p.name, "how": p.how}
                for p in places
            ],
        }
        print(json.dumps(document, indent=2))
        return 0
    print(f"{requirement.id} {requirement.level} {requirement.title}")
    width = max((len(p.location) for p in places), default=0)
    kinds = max((len(p.kind) for p in places), default=0)
    for place in places:
        print(f"{place.location:<{width}}  {place.kind:<{kinds}}  {place.describe()}")
    print(f"{len(places)} places")
    return 0
