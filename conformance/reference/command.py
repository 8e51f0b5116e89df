"""``plane-conformance serve``: run the reference Plane server in the foreground."""

from __future__ import annotations

import argparse
from pathlib import Path

KEYS_VARIABLE = "PLANE_CONFORMANCE_SERVE_KEYS"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (::1 for IPv6 loopback; default %(default)s)",
    )
    parser.add_argument(
        "--port",
        type=int,
        default=8000,
        help="port to listen on (0: any free; default %(default)s)",
    )
    parser.add_argument(
        "--workspace",
        default="plane-conformance",
        metavar="SLUG",
        help="slug of the seeded workspace (default %(default)s)",
    )
    parser.add_argument(
        "--api-key",
        action="append",
        default=[],
        metavar="KEY",
        dest="api_keys",
        help=f"an accepted API key (repeatable; also ${KEYS_VARIABLE}, "
        "comma-separated; one is generated when none is given)",
    )
    parser.add_argument(
        "--issues",
        type=int,
        metavar="N",
        help="work items seeded in the project (default 120, or the preset's)",
    )
    parser.add_argument(
        "--rate-limit",
        type=int,
        default=60,
        metavar="N",
        help="requests per key per window (default %(default)s)",
    )
    parser.add_argument(
        "--rate-window",
        type=int,
        default=60,
        metavar="S",
        help="window length in seconds (default %(default)s)",
    )
    parser.add_argument(
        "--per-page-default",
        type=int,
        default=100,
        metavar="N",
        help="page size without per_page (default %(default)s)",
    )
    parser.add_argument(
        "--per-page-max",
        type=int,
        default=100,
        metavar="N",
        help="largest per_page accepted (default %(default)s)",
    )
    parser.add_argument(
        "--fault",
        action="append",
        default=[],
        metavar="NAME",
        dest="faults",
        help="switch on a seeded fault (repeatable; see --list-faults)",
    )
    parser.add_argument(
        "--list-faults", action="store_true", help="print the fault catalogue and exit"
    )
    parser.add_argument(
        "--variation",
        action="append",
        default=[],
        metavar="NAME",
        dest="variations",
        help="switch on a behaviour the documentation allows (repeatable; see --list-variations)",
    )
    parser.add_argument(
        "--list-variations",
        action="store_true",
        help="print the catalogue of variations and exit",
    )
    parser.add_argument(
        "--print-openapi",
        action="store_true",
        help="print the OpenAPI description of what the server answers (with the variations "
        "and preset given) and exit; the server also serves it at /api/schema/",
    )
    parser.add_argument(
        "--tls-cert",
        type=Path,
        metavar="FILE",
        help="serve HTTPS with this PEM certificate (its key inside, or --tls-key)",
    )
    parser.add_argument("--tls-key", type=Path, metavar="FILE", help="PEM key of --tls-cert")
    parser.add_argument(
        "--tls-client-ca",
        type=Path,
        metavar="FILE",
        help="require a client certificate issued by these PEM CAs (mTLS)",
    )
    parser.add_argument(
        "--preset",
        metavar="NAME",
        help="switch on the variations and faults that model a real server (plane, or "
        "plane-0.23 for Plane v0.23.1), and seed its project the way that server's is",
    )


def run(args: argparse.Namespace) -> int:
    import os
    import secrets
    from dataclasses import replace

    from conformance.reference.config import ServerConfig
    from conformance.reference.faults import describe_faults
    from conformance.reference.presets import with_preset
    from conformance.reference.server import RunningServer, bind, serve
    from conformance.reference.tls import uvicorn_tls
    from conformance.reference.variations import describe_variations

    if args.list_faults:
        print(describe_faults())
        return 0
    if args.list_variations:
        print(describe_variations())
        return 0
    if args.print_openapi:
        from conformance.reference.description import as_yaml
        from conformance.reference.presets import preset

        chosen = preset(args.preset).variations if args.preset else frozenset()
        print(as_yaml(frozenset(args.variations) | chosen), end="")
        return 0
    from_env = [key.strip() for key in os.environ.get(KEYS_VARIABLE, "").split(",")]
    keys = list(dict.fromkeys([*args.api_keys, *(key for key in from_env if key)]))
    generated = not keys
    if generated:
        keys = [f"plane_api_{secrets.token_hex(16)}"]
    config = ServerConfig(
        host=args.host,
        port=args.port,
        workspace=args.workspace,
        api_keys=tuple(keys),
        rate_limit=args.rate_limit,
        rate_window=args.rate_window,
        per_page_default=args.per_page_default,
        per_page_max=args.per_page_max,
        faults=frozenset(args.faults),
        variations=frozenset(args.variations),
        tls_cert=args.tls_cert,
        tls_key=args.tls_key,
        tls_client_ca=args.tls_client_ca,
    )
    if args.preset:
        config = with_preset(config, args.preset)
    if args.issues is not None:
        config = replace(config, issues=args.issues)
    uvicorn_tls(config)  # a certificate that cannot serve is one line, before the port is taken
    sock = bind(config.host, config.port)
    config = replace(config, port=sock.getsockname()[1])

    def announce(running: RunningServer) -> None:
        print(f"base URL:   {running.base_url}")
        print(f"workspace:  {running.workspace}")
        print(f"project id: {running.project_id}")
        if generated:
            # a fresh key for a local development server: its user needs it to talk to it
            print(f"API key:    {keys[0]}")
        else:
            print(f"API keys:   {len(keys)} accepted")
        if config.tls_client_ca is not None:
            print(f"mTLS:       a client certificate issued by {config.tls_client_ca} is required")
        if config.faults:
            print(f"faults:     {', '.join(sorted(config.faults))}")
        if config.variations:
            print(f"variations: {', '.join(sorted(config.variations))}")
        # the banner's last line: a script reads stdout up to it, then the server listens
        print("Press Ctrl-C to stop.", flush=True)

    serve(config, sock, announce)
    return 0
