"""HTTP routes of the simulated eMPF platform (Starlette), wrapped in the fault/stats layer.

Contract: docs/platform-api.yaml. Logs carry device ids, idempotency keys and platform refs only,
never anything from a member's payload.
"""

from __future__ import annotations

import ipaddress
import json
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeGuard

from starlette.applications import Starlette
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp

from platform_sim import catalogue, fleet_page, signing
from platform_sim.clock import SimClock
from platform_sim.employer_api import routes as employer_routes
from platform_sim.errors import error_response
from platform_sim.faults import FaultConfig, FaultConfigError, FaultInjector
from platform_sim.fleet import BadReport, FleetRules, assess, parse_report
from platform_sim.fleet_store import FleetStore
from platform_sim.iamsmart import IamSmartError, IamSmartSessions
from platform_sim.intake import BadInput, BodyLimit, bad_input_response, parse_json
from platform_sim.member_api import MemberServices
from platform_sim.member_api import routes as member_routes
from platform_sim.prepared import PreparedError, PreparedSigner
from platform_sim.stats import Stats
from platform_sim.store import Store, iso_time
from platform_sim.validation import BadBatch, check_item, parse_batch
from platform_sim.version import __version__
from platform_sim.wire import WireMiddleware

log = logging.getLogger("platform_sim")

Endpoint = Callable[[Request], Awaitable[Response]]
SignedEndpoint = Callable[[Request, bytes, str], Awaitable[Response]]

_MAX_NAME = 200


@dataclass
class Platform:
    """What the handlers share: the store, the fault settings, the clock they shift, the counters."""

    store: Store
    faults: FaultInjector = field(default_factory=FaultInjector)
    stats: Stats = field(default_factory=Stats)
    clock: SimClock = field(init=False)
    iamsmart: IamSmartSessions = field(init=False)  # iAM Smart login sessions (in memory)
    prepared: PreparedSigner = field(default_factory=PreparedSigner)  # signs prepared-instruction QR codes
    fleet_rules: FleetRules = field(default_factory=FleetRules)  # what makes a kiosk need a visit
    fleet: FleetStore = field(init=False)  # kiosk status reports
    require_sign_in: bool = True  # refuse, at delivery, instructions whose type needs a sign-in without one
    members: MemberServices = field(init=False)  # sign-in, accounts, receipts (platform_sim/member_api.py)

    def __post_init__(self) -> None:
        self.clock = SimClock(self.faults)
        self.iamsmart = IamSmartSessions(self.clock.now)
        self.fleet = FleetStore(self.store)
        self.members = MemberServices(self.store, self.clock.now, self.require_sign_in)


def create_app(platform: Platform) -> ASGIApp:
    api = _Api(platform)
    routes = [
        Route("/health", api.health, methods=["GET"]),
        Route("/v1/devices/enrol", api.enrol, methods=["POST"]),
        Route("/v1/instructions/batch", api.signed(api.submit_batch), methods=["POST"]),
        Route("/v1/instructions/{platform_ref}", api.signed(api.instruction), methods=["GET"]),
        Route("/v1/kiosk/config", api.signed(api.kiosk_config), methods=["GET"]),
        Route("/v1/kiosk/qr-keys", api.signed(api.qr_keys), methods=["GET"]),
        Route("/v1/kiosk/status", api.signed(api.kiosk_status), methods=["POST"]),
        Route("/v1/iamsmart/sessions", api.signed(api.iamsmart_create), methods=["POST"]),
        Route("/v1/iamsmart/sessions/{session_id}", api.signed(api.iamsmart_session), methods=["GET", "DELETE"]),
        Route("/admin/iamsmart/scan", _loopback_only(api.admin_iamsmart_scan), methods=["POST"]),
        Route("/admin/iamsmart", _loopback_only(api.admin_iamsmart), methods=["GET", "POST"]),
        Route("/admin/prepared-instructions", _loopback_only(api.admin_prepare), methods=["POST"]),
        Route("/admin/enrolment-codes", _loopback_only(api.add_enrolment_code), methods=["POST"]),
        Route("/admin/instructions", _loopback_only(api.admin_instructions), methods=["GET"]),
        Route("/admin/stats", _loopback_only(api.admin_stats), methods=["GET"]),
        Route("/fleet", _loopback_only(api.fleet_page), methods=["GET"]),
        Route("/admin/fleet", _loopback_only(api.admin_fleet), methods=["GET"]),
        Route("/admin/faults", _loopback_only(api.faults), methods=["GET", "POST", "DELETE"]),
        *member_routes(platform.members, api.signed, _loopback_only),
        *employer_routes(platform.members, api.signed),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(BodyLimit)],
        exception_handlers={HTTPException: _http_error, BadInput: bad_input_response, Exception: _internal_error},
    )
    return WireMiddleware(app, platform.faults, platform.stats)


class _Api:
    def __init__(self, platform: Platform) -> None:
        self.p = platform

    # ------------------------------------------------------------ open routes

    async def health(self, request: Request) -> Response:
        return JSONResponse({"status": "ok", "time": self.p.clock.now(), "version": __version__})

    async def enrol(self, request: Request) -> Response:
        body = _json_object(await request.body())
        code = body.get("code") if body else None
        name = body.get("device_name") if body else None
        if not _short_text(code) or not _short_text(name):
            return error_response(400, "BAD_REQUEST", "code and device_name must be non-empty strings")
        enrolment = await run_in_threadpool(self.p.store.enrol, code, name, self.p.clock.now())
        if enrolment is None:
            log.info("enrolment refused")  # the code itself is a credential: not logged
            return error_response(403, "ENROL_CODE_INVALID")
        log.info("device enrolled: %s", enrolment.device_id)
        return JSONResponse({"device_id": enrolment.device_id, "secret": enrolment.secret_b64})

    # ------------------------------------------------------------ signed routes

    def signed(self, handler: SignedEndpoint) -> Endpoint:
        """Verify the device signature, then call `handler(request, body, device_id)`."""

        async def endpoint(request: Request) -> Response:
            body = await request.body()
            now = self.p.clock.now()
            headers = signing.read_headers(request.headers)
            if headers is None:
                return self._unauthorised("SIGNATURE_MISSING", now)
            secret = await run_in_threadpool(self.p.store.device_secret, headers.device_id)
            if secret is None:
                return self._unauthorised("DEVICE_UNKNOWN", now)
            problem = signing.verify(headers, secret, request.method, _signed_path(request), body, now)
            if problem is not None:
                log.info("refused %s from %s: %s", request.url.path, headers.device_id, problem)
                return self._unauthorised(problem, now)
            return await handler(request, body, headers.device_id)

        return endpoint

    @staticmethod
    def _unauthorised(code: str, now: float) -> Response:
        # server_time lets a kiosk tell "my clock is off" from "my secret is wrong".
        return error_response(401, code, extra={"server_time": now})

    async def submit_batch(self, request: Request, body: bytes, device_id: str) -> Response:
        try:
            items = parse_batch(body)
        except BadBatch as exc:
            return error_response(400, exc.code, exc.detail)
        verdicts = [self.p.members.sign_ins.at_delivery(item, check_item(item), device_id) for item in items]
        # Committed (synchronous=FULL) before this returns, so before any byte of the answer is sent.
        outcomes = await run_in_threadpool(self.p.store.submit_batch, device_id, verdicts, self.p.clock.now())
        self.p.stats.record_items(o.status for o in outcomes)
        for o in outcomes:
            reason = o.reason["code"] if o.reason else "-"
            log.info("item %s from %s: %s %s %s", o.idempotency_key, device_id, o.status, o.platform_ref, reason)
        return JSONResponse({"results": [o.to_json() for o in outcomes]})

    async def instruction(self, request: Request, body: bytes, device_id: str) -> Response:
        # Any enrolled device may ask: a replacement terminal must see its predecessor's refs.
        found = await run_in_threadpool(self.p.store.instruction, request.path_params["platform_ref"])
        if found is None:
            return error_response(404, "NOT_FOUND")
        if await run_in_threadpool(self.p.members.receipts.is_cancelled, found["idempotency_key"]):
            found["status"] = "cancelled"  # a member cancelled it (platform_sim/receipts.py)
        return JSONResponse(found)

    async def kiosk_config(self, request: Request, body: bytes, device_id: str) -> Response:
        return JSONResponse(catalogue.kiosk_config())

    async def qr_keys(self, request: Request, body: bytes, device_id: str) -> Response:
        return JSONResponse(self.p.prepared.keys_document(self.p.clock.now()))

    async def kiosk_status(self, request: Request, body: bytes, device_id: str) -> Response:
        try:
            report = parse_report(body)
        except BadReport as exc:
            return error_response(413 if exc.code == "STATUS_TOO_LARGE" else 400, exc.code, exc.detail)
        now = self.p.clock.now()
        await run_in_threadpool(self.p.fleet.record, device_id, report, now)
        log.info("status from %s: %s (%s)", device_id, report["health"], report["reason"])
        return JSONResponse({"received_at": iso_time(now), "server_time": now})

    # ------------------------------------------------------------ iAM Smart (platform_sim/iamsmart.py)

    async def iamsmart_create(self, request: Request, body: bytes, device_id: str) -> Response:
        doc = _json_object(body) or {}
        try:
            s = self.p.iamsmart.create(device_id, doc.get("purpose", "login"), doc.get("lang", "zh_HK"))
        except IamSmartError as exc:
            return JSONResponse(exc.body(), status_code=exc.status)
        log.info("iAM Smart session %s for %s (%s)", s.session_id, device_id, s.purpose)
        return JSONResponse({"session_id": s.session_id, "qr": s.qr, "state": s.state,
                             "expires_in_s": self.p.iamsmart.settings.ttl_s,
                             "poll_interval_s": self.p.iamsmart.settings.poll_interval_s}, status_code=201)

    async def iamsmart_session(self, request: Request, body: bytes, device_id: str) -> Response:
        session_id = request.path_params["session_id"]
        try:
            if request.method == "DELETE":
                answer = self.p.iamsmart.cancel(device_id, session_id)
            else:
                answer = self.p.members.iamsmart_sign_in(self.p.iamsmart.poll(device_id, session_id), device_id)
        except IamSmartError as exc:
            return JSONResponse(exc.body(), status_code=exc.status)
        return JSONResponse(answer)

    # ------------------------------------------------------------ admin routes (loopback only)

    async def admin_iamsmart_scan(self, request: Request) -> Response:
        try:
            answer = self.p.iamsmart.scan(_json_object(await request.body()))
        except IamSmartError as exc:
            return JSONResponse(exc.body(), status_code=exc.status)
        log.info("iAM Smart session %s: %s by the simulated phone", answer["session_id"], answer["state"])
        return JSONResponse(answer)

    async def admin_iamsmart(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                self.p.iamsmart.configure(_json_object(await request.body()))
            except IamSmartError as exc:
                return JSONResponse(exc.body(), status_code=exc.status)
        return JSONResponse(self.p.iamsmart.settings.to_json())

    async def admin_prepare(self, request: Request) -> Response:
        try:
            answer = self.p.prepared.prepare(_json_object(await request.body()), self.p.clock.now())
        except PreparedError as exc:
            return error_response(400, "BAD_REQUEST", str(exc))
        return JSONResponse(answer, status_code=201)


    async def add_enrolment_code(self, request: Request) -> Response:
        body = _json_object(await request.body())
        code = body.get("code") if body else None
        if not _short_text(code):
            return error_response(400, "BAD_REQUEST", "code must be a non-empty string")
        usable = await run_in_threadpool(self.p.store.add_enrolment_code, code, self.p.clock.now())
        return JSONResponse({"code": code, "usable": usable}, status_code=201)

    async def admin_instructions(self, request: Request) -> Response:
        accepted = await run_in_threadpool(self.p.store.accepted_instructions)
        rejected = await run_in_threadpool(self.p.store.rejected_instructions)
        return JSONResponse({"items": accepted, "rejected": rejected})

    async def fleet_page(self, request: Request) -> Response:
        records = await run_in_threadpool(self.p.fleet.latest)
        return HTMLResponse(fleet_page.render(records, self.p.clock.now(), self.p.fleet_rules))

    async def admin_fleet(self, request: Request) -> Response:
        """The fleet page's data as JSON: each kiosk's latest report, health and reasons for a visit."""
        records = await run_in_threadpool(self.p.fleet.latest)
        now = self.p.clock.now()
        kiosks = []
        for rec in records:
            a = assess(rec.report, rec.received_at, now, self.p.fleet_rules)
            kiosks.append({"device_id": rec.device_id, "received_at": rec.received_at, "health": a.health,
                           "needs_visit": [r.code for r in a.reasons], "report": rec.report})
        return JSONResponse({"kiosks": kiosks, "server_time": now})

    async def admin_stats(self, request: Request) -> Response:
        return JSONResponse(self.p.stats.snapshot())

    async def faults(self, request: Request) -> Response:
        if request.method == "POST":
            try:
                config = FaultConfig.from_json(parse_json(await request.body()))
            except (ValueError, TypeError, OverflowError) as exc:  # FaultConfigError is a ValueError
                detail = str(exc) if isinstance(exc, FaultConfigError) else "faults are not valid"
                return error_response(400, "BAD_REQUEST", detail)
            self.p.faults.configure(config)
            log.info("faults set: %s", json.dumps(config.to_json(), sort_keys=True))
        elif request.method == "DELETE":
            self.p.faults.clear()
            log.info("faults cleared")
        return JSONResponse(self.p.faults.config.to_json())


def _loopback_only(handler: Endpoint) -> Endpoint:
    """The admin API answers only this machine: it exposes stored payloads and controls faults."""

    async def endpoint(request: Request) -> Response:
        if not _is_loopback(request.client.host if request.client else None):
            return error_response(403, "ADMIN_FORBIDDEN")
        return await handler(request)

    return endpoint


def _is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _signed_path(request: Request) -> str:
    """The path exactly as the client sent it (not percent-decoded), plus `?query` if any."""
    raw = request.scope.get("raw_path")
    path = raw.decode("latin-1") if isinstance(raw, bytes) else request.scope["path"]
    query = request.scope.get("query_string", b"")
    return f"{path}?{query.decode('latin-1')}" if query else path


def _json_object(raw: bytes) -> dict[str, Any] | None:
    """The body's JSON object; None when it is empty, not JSON, or not an object (the handler
    says what it wanted). Hostile bodies (too deep, not UTF-8, not finite) raise BadInput."""
    try:
        value = parse_json(raw)
    except BadInput as exc:
        if exc.code != "BAD_REQUEST":
            raise
        return None
    return value if isinstance(value, dict) else None


def _short_text(value: object) -> TypeGuard[str]:
    return isinstance(value, str) and bool(value.strip()) and len(value) <= _MAX_NAME


async def _http_error(request: Request, exc: Exception) -> Response:
    status = exc.status_code if isinstance(exc, HTTPException) else 500
    code = {404: "NOT_FOUND", 405: "METHOD_NOT_ALLOWED"}.get(status, "BAD_REQUEST")
    return error_response(status, code)


async def _internal_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error on %s", request.url.path)
    return error_response(500, "INTERNAL_ERROR")
