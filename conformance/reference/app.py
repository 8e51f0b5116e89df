"""Assembles the reference server: seeded store, routes, and the middleware in contract order.

A request meets authentication first, then the rate limiter, then routing (404/405) and the
handlers' own validation, so an unauthenticated request is a 401 whatever else is wrong with it.
Outside all of it, every answer gets its ``Date`` from the clock of the rate-limit windows.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.routing import Mount, Route
from starlette.types import ASGIApp

from conformance.reference import errors
from conformance.reference.assets import UPLOADS, upload
from conformance.reference.auth import ApiKeyMiddleware
from conformance.reference.config import ServerConfig
from conformance.reference.date_header import DateHeader
from conformance.reference.description import SchemaEndpoint
from conformance.reference.handling import ServerState
from conformance.reference.older_release import lacking_routes
from conformance.reference.pagination import Paginator
from conformance.reference.plane_methods import PutAsPlane
from conformance.reference.ratelimit import Clock, FixedWindowLimiter, RateLimitMiddleware
from conformance.reference.routes import OlderRelease, OptionalSlash, build_routes, lacking
from conformance.reference.seed import Seeded, seed
from conformance.reference.shapes import ErrorShapes, HeaderNames
from conformance.reference.sliding_log import SlidingLogLimiter
from conformance.reference.store import Store


@dataclass(frozen=True, slots=True)
class ReferenceApp:
    app: ASGIApp
    seeded: Seeded


def _public(api: Starlette, config: ServerConfig) -> Starlette:
    """Outside the API, without a key and outside the rate limit, as on the real server: its
    OpenAPI description, and the upload URL of the file tickets. Everything else is the API's."""
    schema = SchemaEndpoint(config.variations)
    return Starlette(
        routes=[
            Route("/api/schema/", schema, methods=["GET"]),
            Route("/api/schema", schema, methods=["GET"]),
            Route(UPLOADS + "{key:path}", upload, methods=["POST", "PUT"]),
            Mount("", app=api),
        ]
    )


def build_reference(config: ServerConfig, clock: Clock = time.time) -> ReferenceApp:
    """A seeded app for `config`, with the seed's ids; `clock` drives the rate limit windows and
    the ``Date`` header."""
    store = Store()
    seeded = seed(
        store, config.workspace, len(config.api_keys), config.issues, extras=config.seed_extras
    )
    users_by_key = dict(zip(config.api_keys, seeded.user_ids, strict=True))
    users_by_key |= {key: seeded.user_ids[0] for key in config.shared_keys}
    kind = SlidingLogLimiter if config.varies("sliding-log") else FixedWindowLimiter
    limiter = kind(config.rate_limit, config.rate_window, clock, config.faults)
    routes = build_routes(config.variations)
    absent = [*lacking(config.variations), *lacking_routes(config.variations)]
    shapes = {"drf": config.has("drf-error-shapes"), "vendor": config.varies("vendor-fields")}
    app = Starlette(
        routes=routes,
        middleware=[
            Middleware(HeaderNames, lower=config.varies("lower-case-headers")),
            *([Middleware(OlderRelease, routes=absent)] if absent else []),
            *([Middleware(ErrorShapes, **shapes)] if any(shapes.values()) else []),
            Middleware(
                ApiKeyMiddleware,
                users_by_key=users_by_key,
                guest_id=seeded.guest_id,
                faults=config.faults,
            ),
            Middleware(
                RateLimitMiddleware,
                limiter=limiter,
                faults=config.faults,
                variations=config.variations,
                routes=routes,
            ),
            Middleware(errors.CrashAnswerMiddleware),
            Middleware(OptionalSlash),
            Middleware(
                PutAsPlane,
                enabled=config.has("put-as-plane"),
                drf=config.has("drf-error-shapes"),
            ),
        ],
        exception_handlers={
            errors.ApiError: errors.handle_api_error,
            HTTPException: errors.handle_http_exception,
            Exception: errors.handle_unexpected,
        },
    )
    app.router.redirect_slashes = False
    app.state.reference = ServerState(
        config=config,
        store=store,
        paginator=Paginator(
            config.per_page_default, config.per_page_max, config.faults, config.variations
        ),
    )
    return ReferenceApp(app=DateHeader(_public(app, config), clock), seeded=seeded)
