"""Routes for members: sign-in by SMS code, the member's own account, receipts (status, details,
cancel), and the loopback-only SMS outbox the simulated phone and tests read.

Contract: docs/platform-api.yaml. Logs name device ids, challenge ids and receipt references only:
never a code, an HKID number, a mobile number or an assertion.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from platform_sim import accounts, hkid
from platform_sim.member_errors import MemberError
from platform_sim.one_time_codes import CODE_TTL_S, OneTimeCodes
from platform_sim.receipts import Found, Receipts, as_of
from platform_sim.sign_in import SignIns
from platform_sim.sms import SmsGateway
from platform_sim.store import Store

log = logging.getLogger("platform_sim.members")

Endpoint = Callable[[Request], Awaitable[Response]]
SignedEndpoint = Callable[[Request, bytes, str], Awaitable[Response]]

MAX_BODY = 4096
_REF = re.compile(r"^[A-Za-z0-9-]{1,40}$")
_ID = re.compile(r"^otp-[0-9a-f]{24}$")


@dataclass
class MemberServices:
    """What the member routes share; built by platform_sim.app.Platform."""

    store: Store
    clock: Callable[[], float]
    require_sign_in: bool = True
    sign_ins: SignIns = field(init=False)
    codes: OneTimeCodes = field(init=False)
    sms: SmsGateway = field(init=False)
    receipts: Receipts = field(init=False)

    def __post_init__(self) -> None:
        self.sign_ins = SignIns(self.store, self.clock, require_at_delivery=self.require_sign_in)
        self.codes = OneTimeCodes(self.clock)
        self.sms = SmsGateway(self.clock)
        self.receipts = Receipts(self.store)

    def iamsmart_sign_in(self, answer: dict[str, Any], device_id: str) -> dict[str, Any]:
        """A completed iAM Smart poll that hands over an identity also signs the member in."""
        identity = answer.get("identity")
        if isinstance(identity, dict) and hkid.is_valid(identity.get("hkid")):
            answer["sign_in"] = self.sign_ins.issue(str(identity["hkid"]), device_id, "iamsmart")
        return answer


def routes(services: MemberServices, signed: Callable[[SignedEndpoint], Endpoint],
           loopback_only: Callable[[Endpoint], Endpoint]) -> list[Route]:
    api = _MemberApi(services)
    return [
        Route("/v1/sign-in/sms", signed(_answer(api.sms_start)), methods=["POST"]),
        Route("/v1/sign-in/sms/{challenge_id}", signed(_answer(api.sms_verify)), methods=["POST"]),
        Route("/v1/members/account", signed(_answer(api.account)), methods=["POST"]),
        Route("/v1/receipts/{kiosk_ref}", signed(_answer(api.receipt_status)), methods=["GET"]),
        Route("/v1/receipts/{kiosk_ref}/details", signed(_answer(api.receipt_details)), methods=["POST"]),
        Route("/v1/receipts/{kiosk_ref}/cancel", signed(_answer(api.receipt_cancel)), methods=["POST"]),
        Route("/admin/sms", loopback_only(api.admin_sms), methods=["GET", "DELETE"]),
    ]


def _body(raw: bytes) -> dict[str, Any]:
    if len(raw) > MAX_BODY:
        raise MemberError(413, "BAD_REQUEST", f"body over {MAX_BODY} bytes")
    try:
        doc = json.loads(raw) if raw else {}
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise MemberError(400, "BAD_REQUEST", "body is not JSON") from None
    if not isinstance(doc, dict):
        raise MemberError(400, "BAD_REQUEST", "body must be a JSON object")
    return doc


def _answer(handler: SignedEndpoint) -> SignedEndpoint:
    """MemberError becomes its bilingual answer; the body shape is checked by each handler."""

    async def wrapped(request: Request, body: bytes, device_id: str) -> Response:
        try:
            return await handler(request, body, device_id)
        except MemberError as exc:
            return exc.response()

    return wrapped


class _MemberApi:
    def __init__(self, services: MemberServices) -> None:
        self.s = services

    def _signed_in(self, doc: dict[str, Any], device_id: str) -> str:
        """The keyed member hash of a valid, fresh sign-in from this kiosk; raises MemberError."""
        verdict = self.s.sign_ins.view(doc.get("sign_in"), device_id)
        if isinstance(verdict, str):
            raise MemberError(403, verdict)  # 401 is the device signature's: the kiosk re-checks its clock on it
        return verdict.member

    # ------------------------------------------------------------ sign-in by SMS code

    async def sms_start(self, request: Request, body: bytes, device_id: str) -> Response:
        number = _body(body).get("hkid")
        if not hkid.is_valid(number):
            raise MemberError(400, "BAD_REQUEST", "hkid must be a valid HKID number")
        member = accounts.member(str(number))
        if member is None or not member.mobile:
            raise MemberError(409, "MEMBER_NO_MOBILE")
        challenge, code = self.s.codes.new_code(device_id, self.s.sign_ins.member_hash(member.number),
                                                member.number)
        self.s.sms.send(member.mobile, f"【積金易】一次性密碼：{code}，{CODE_TTL_S // 60} 分鐘內有效，切勿告訴他人。"
                                       f" eMPF one-time code: {code}. Valid {CODE_TTL_S // 60} minutes. "
                                       "Never share it.")
        log.info("sign-in code sent: challenge %s for %s", challenge.challenge_id, device_id)
        return JSONResponse({"challenge_id": challenge.challenge_id, "sent_to": accounts.masked_mobile(member.mobile),
                             "expires_in_s": CODE_TTL_S, "code_length": 6}, status_code=201)

    async def sms_verify(self, request: Request, body: bytes, device_id: str) -> Response:
        challenge_id = request.path_params["challenge_id"]
        code = _body(body).get("code")
        if not _ID.match(challenge_id) or not isinstance(code, str) or len(code) > 20:
            raise MemberError(400, "BAD_REQUEST", "code must be the 6 digits sent")
        try:
            challenge = self.s.codes.verify(device_id, challenge_id, code)
        except MemberError as exc:
            log.info("sign-in code refused: challenge %s for %s: %s", challenge_id, device_id, exc.code)
            raise
        member = accounts.member(challenge.number)
        answer = self.s.sign_ins.issue(challenge.number, device_id, "sms_otp")
        answer["member"] = {"name_en": member.name_en, "name_zh": member.name_zh} if member else None
        log.info("signed in by SMS code: challenge %s for %s", challenge_id, device_id)
        return JSONResponse(answer)

    # ------------------------------------------------------------ the member's account

    async def account(self, request: Request, body: bytes, device_id: str) -> Response:
        doc = _body(body)
        member_hash = self._signed_in(doc, device_id)
        now = self.s.clock()
        member = next((m for m in accounts.MEMBERS.values()
                       if self.s.sign_ins.member_hash(m.number) == member_hash), None)
        if member is None:
            return JSONResponse(accounts.unregistered_document(as_of(now)))
        listed = await run_in_threadpool(self.s.receipts.of_member, member.number)
        return JSONResponse(accounts.account_document(member, listed, as_of(now)))

    # ------------------------------------------------------------ receipts

    async def _find(self, request: Request) -> Found:
        kiosk_ref = request.path_params["kiosk_ref"]
        found = await run_in_threadpool(self.s.receipts.find, kiosk_ref) if _REF.match(kiosk_ref) else None
        if found is None:
            raise MemberError(404, "RECEIPT_UNKNOWN")
        return found

    def _own(self, found: Found, doc: dict[str, Any], device_id: str) -> None:
        member_hash = self._signed_in(doc, device_id)
        number = found.member_number()
        if not number or self.s.sign_ins.member_hash(number) != member_hash:
            raise MemberError(403, "SIGN_IN_OTHER_MEMBER")

    async def receipt_status(self, request: Request, body: bytes, device_id: str) -> Response:
        found = await self._find(request)
        return JSONResponse(found.status_document(self.s.clock()))

    async def receipt_details(self, request: Request, body: bytes, device_id: str) -> Response:
        doc = _body(body)
        found = await self._find(request)
        self._own(found, doc, device_id)
        answer = found.status_document(self.s.clock())
        answer["values"] = (found.payload or {}).get("values")
        return JSONResponse(answer)

    async def receipt_cancel(self, request: Request, body: bytes, device_id: str) -> Response:
        doc = _body(body)
        found = await self._find(request)
        if found.status == "rejected":
            raise MemberError(409, "CANCEL_NOT_ALLOWED")
        self._own(found, doc, device_id)
        await run_in_threadpool(self.s.receipts.cancel, found, device_id, self.s.clock())
        log.info("receipt %s cancelled from %s", found.kiosk_ref, device_id)
        after = await self._find(request)
        return JSONResponse(after.status_document(self.s.clock()))

    # ------------------------------------------------------------ the simulated phone (loopback only)

    async def admin_sms(self, request: Request) -> Response:
        if request.method == "DELETE":
            self.s.sms.clear()
            return JSONResponse({"messages": []})
        return JSONResponse({"messages": self.s.sms.messages(request.query_params.get("to"))})
