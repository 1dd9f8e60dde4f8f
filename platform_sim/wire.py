"""The outermost ASGI layer: counts every request and carries out /v1 faults on the connection.

Some faults need what ASGI cannot express: closing the TCP connection without any HTTP answer, or
writing bytes that are not one well-formed response. For those it takes the connection's asyncio
transport from uvicorn (the `send` callable is a bound method of uvicorn's request cycle, which
holds the transport) and writes to or closes it directly. That is why this layer must sit
directly under uvicorn, with nothing wrapping `send` in between.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from dataclasses import dataclass, field
from http import HTTPStatus

from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from platform_sim.errors import error, status_error
from platform_sim.faults import After, FaultInjector, FaultPlan
from platform_sim.stats import Stats

log = logging.getLogger("platform_sim.wire")

FAULT_HEADER = "x-empf-sim-fault"  # debugging aid only: a real platform sends nothing like it

# Not JSON and not even UTF-8: what a broken proxy or a half-written buffer might deliver.
MALFORMED_BODY = b'<html><body>upstream sent garbage</body></html>\x00\xff\xfe{"results": ['

_DISCONNECT_WAIT_S = 2.0

_ROUTES = frozenset(
    {
        "/health",
        "/v1/devices/enrol",
        "/v1/instructions/batch",
        "/v1/kiosk/config",
        "/v1/kiosk/status",
        "/fleet",
        "/admin/fleet",
        "/admin/enrolment-codes",
        "/admin/instructions",
        "/admin/stats",
        "/admin/faults",
    }
)


def route_label(method: str, path: str) -> str:
    """`METHOD /route/template`: refs in paths are folded so stats stay small."""
    if path in _ROUTES:
        template = path
    elif path.startswith("/v1/instructions/"):
        template = "/v1/instructions/{platform_ref}"
    elif path.startswith(("/v1/sign-in/", "/v1/members/", "/v1/employers/", "/v1/receipts/", "/admin/sms")):
        template = _member_route(path)
    else:
        template = "(unknown)"
    return f"{method} {template}"


def _member_route(path: str) -> str:
    """platform_sim/member_api.py's routes, with challenge ids and receipt references folded."""
    parts = path.split("/")
    if path.startswith("/v1/sign-in/sms/") and len(parts) == 5:
        return "/v1/sign-in/sms/{challenge_id}"
    if path.startswith("/v1/receipts/") and len(parts) in (4, 5):
        return "/v1/receipts/{kiosk_ref}" + ("/" + parts[4] if len(parts) == 5 else "")
    known = ("/v1/sign-in/sms", "/v1/members/account", "/v1/employers/account", "/v1/employers/mine", "/admin/sms")
    return path if path in known else "(unknown)"


@dataclass
class CapturedResponse:
    status: int = 0
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)
    body: bytearray = field(default_factory=bytearray)

    def head(self, fault: str, status: int | None = None) -> bytes:
        """Status line and headers as HTTP/1.1 bytes, with the fault marked."""
        code = self.status if status is None else status
        lines = [f"HTTP/1.1 {code} {HTTPStatus(code).phrase}".encode("latin-1")]
        lines += [name + b": " + value for name, value in self.headers]
        lines.append(FAULT_HEADER.encode("latin-1") + b": " + fault.encode("latin-1"))
        return b"\r\n".join(lines) + b"\r\n\r\n"


class WireMiddleware:
    def __init__(self, app: ASGIApp, faults: FaultInjector, stats: Stats) -> None:
        self.app = app
        self.faults = faults
        self.stats = stats

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        route = route_label(scope["method"], scope["path"])
        if scope["path"].startswith("/v1/"):
            outcome = await self._with_faults(self.faults.plan(), route, scope, receive, send)
        else:
            outcome = await self._forward(scope, receive, send)
        self.stats.record_request(route, outcome)

    async def _forward(self, scope: Scope, receive: Receive, send: Send) -> int | str:
        statuses: list[int] = []

        async def watching_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                statuses.append(message["status"])
            await send(message)

        await self.app(scope, receive, watching_send)
        return statuses[0] if statuses else "none"

    async def _with_faults(self, plan: FaultPlan, route: str, scope: Scope, receive: Receive, send: Send) -> int | str:
        if plan.latency_s > 0:
            await asyncio.sleep(plan.latency_s)
        if plan.status is not None:
            self._note(f"status_{plan.status}", route)
            body = {"error": status_error(plan.status)}
            await JSONResponse(body, plan.status, headers={FAULT_HEADER: f"status_{plan.status}"})(scope, receive, send)
            return plan.status
        if plan.retry_after_s is not None:
            self._note("rate_limit", route)
            headers = {"Retry-After": str(plan.retry_after_s), FAULT_HEADER: "rate_limit"}
            await JSONResponse({"error": error("RATE_LIMITED")}, 429, headers=headers)(scope, receive, send)
            return 429
        if plan.reset_before_commit:
            self._note("reset_before_commit", route)
            await _drop_connection(send, receive)
            return "dropped"
        if plan.after is None and plan.late_reply_s <= 0:
            return await self._forward(scope, receive, send)

        # Everything below happens after the handler ran, i.e. after any batch was committed.
        response = await self._capture(scope, receive)
        if plan.late_reply_s > 0:
            self._note("late_reply", route)
            await asyncio.sleep(plan.late_reply_s)
        if plan.after is None:
            await _replay(send, response, fault="late_reply")
            return response.status
        self._note(plan.after.value, route)
        if plan.after is After.RESET_AFTER_COMMIT:
            await _drop_connection(send, receive)
            return "dropped"
        if plan.after is After.MALFORMED_BODY:
            headers = {FAULT_HEADER: "malformed_body"}
            await Response(MALFORMED_BODY, 200, headers=headers, media_type="application/json")(scope, receive, send)
            return 200
        if plan.after is After.TRUNCATED_BODY:
            # The headers promise the full Content-Length; the connection closes half-way through.
            cut = bytes(response.body[: len(response.body) // 2])
            await _write_raw_and_close(send, receive, response.head("truncated_body", status=200) + cut)
            return 200
        # DUPLICATE_REPLY: the same complete response twice on the wire, then the connection closes.
        reply = response.head("duplicate_reply") + bytes(response.body)
        await _write_raw_and_close(send, receive, reply + reply)
        return response.status

    async def _capture(self, scope: Scope, receive: Receive) -> CapturedResponse:
        captured = CapturedResponse()

        async def capturing_send(message: Message) -> None:
            if message["type"] == "http.response.start":
                captured.status = message["status"]
                captured.headers = list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                captured.body += message.get("body", b"")

        await self.app(scope, receive, capturing_send)
        return captured

    def _note(self, fault: str, route: str) -> None:
        self.stats.record_fault(fault)
        log.info("fault injected: %s on %s", fault, route)


async def _replay(send: Send, response: CapturedResponse, fault: str) -> None:
    headers = [*response.headers, (FAULT_HEADER.encode("latin-1"), fault.encode("latin-1"))]
    await send({"type": "http.response.start", "status": response.status, "headers": headers})
    await send({"type": "http.response.body", "body": bytes(response.body)})


def _transport(send: Send) -> asyncio.Transport:
    cycle = getattr(send, "__self__", None)
    transport = getattr(cycle, "transport", None)
    if not isinstance(transport, asyncio.Transport):
        raise RuntimeError("cannot reach the connection's transport: run the simulator under uvicorn (h11)")
    return transport


async def _drop_connection(send: Send, receive: Receive) -> None:
    """Close the TCP connection without writing a single byte of response."""
    _transport(send).abort()
    await _wait_disconnect(receive)


async def _write_raw_and_close(send: Send, receive: Receive, data: bytes) -> None:
    transport = _transport(send)
    if not transport.is_closing():
        transport.write(data)
        transport.close()  # close (not abort) so the bytes already written are flushed first
    await _wait_disconnect(receive)


async def _wait_disconnect(receive: Receive) -> None:
    """Wait (bounded) until uvicorn notices the closed connection.

    Returning earlier would make uvicorn think the app forgot to answer and try to send a 500.
    """
    with contextlib.suppress(TimeoutError):
        async with asyncio.timeout(_DISCONNECT_WAIT_S):
            while (await receive())["type"] != "http.disconnect":
                pass
