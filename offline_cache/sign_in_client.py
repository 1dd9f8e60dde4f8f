"""The platform's member calls, as the kiosk makes them: sign-in (SMS code, iAM Smart), the member's
account, and receipts (status, details, cancel). Same signed requests as HttpPlatformClient.

Every answer is checked before it is believed. A refusal the platform states (4xx with its error
body) raises SignInRefused with its bilingual message; no answer, 429/5xx or an answer that is not
what the contract says raises PlatformError (try later). Nothing here logs a code, an HKID
number or an assertion.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace
from typing import Any

import requests

from kiosk.domain.account import Contribution, FundHolding, InstructionStatus, MemberAccount, SchemeAccount
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.ports import IamSmartPoll, IamSmartState, PlatformError
from kiosk.ports.member import SignInRefused, SmsChallenge

from .platform_client import HttpPlatformClient, _error_doc, _json, parse_iamsmart_poll

_CHALLENGE = re.compile(r"otp-[0-9a-f]{24}")
_KIOSK_REF = re.compile(r"[A-Za-z0-9-]{1,40}")
_CODE = re.compile(r"[0-9]{6}")


def _refused(resp: requests.Response, what: str) -> SignInRefused | None:
    """The platform's own refusal (a 4xx with its bilingual error body), else None."""
    if not 400 <= resp.status_code < 500:
        return None
    doc = _error_doc(resp)
    err = doc.get("error")
    if not isinstance(err, dict) or not isinstance(err.get("code"), str):
        return None
    retry = doc.get("retry_after_s")
    tries = doc.get("tries_left")
    return SignInRefused(f"{what}: {err['code']}", str(err["code"]), str(err.get("message_zh", "")),
                         str(err.get("message_en", "")),
                         retry_after=float(retry) if isinstance(retry, int) else None,
                         tries_left=tries if isinstance(tries, int) else None)


def _number(doc: Mapping[str, Any], name: str) -> float:
    value = doc.get(name)
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise PlatformError(f"platform answer: {name} is not a number")
    return float(value)


def _text(doc: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = doc.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise PlatformError(f"platform answer: {name} is not text")
    return value[:500]


def parse_sign_in(doc: Any, hkid: str) -> SignIn:
    """The platform's sign-in answer for the member `hkid` (canonical)."""
    if not isinstance(doc, dict):
        raise PlatformError("sign-in answer is not an object")
    assertion = doc.get("assertion")
    if not isinstance(assertion, str) or not 0 < len(assertion) <= 1000:
        raise PlatformError("sign-in answer has no usable assertion")
    try:
        method = SignInMethod(doc.get("method"))
    except ValueError:
        raise PlatformError("sign-in answer has an unknown method") from None
    return SignIn(hkid, method, assertion, _number(doc, "signed_in_at"), _number(doc, "expires_at"))


def parse_status(doc: Any) -> InstructionStatus:
    if not isinstance(doc, dict):
        raise PlatformError("instruction status is not an object")
    status = _text(doc, "status")
    if status not in ("received", "cancelled", "rejected"):
        raise PlatformError("instruction status: unknown status")
    raw_reason = doc.get("reason")
    reason: dict[str, Any] = raw_reason if isinstance(raw_reason, dict) else {}
    values = doc.get("values")
    return InstructionStatus(
        kiosk_ref=_text(doc, "kiosk_ref"), type=_text(doc, "type"), status=status,
        platform_ref=_text(doc, "platform_ref", required=False), received_at=_text(doc, "received_at"),
        cancellable=doc.get("cancellable") is True, cancel_by=_text(doc, "cancel_by", required=False),
        next_step_zh=_text(doc, "next_step_zh", required=False),
        next_step_en=_text(doc, "next_step_en", required=False), hotline=_text(doc, "hotline", required=False),
        reason_code=str(reason.get("code", "")), reason_zh=str(reason.get("message_zh", "")),
        reason_en=str(reason.get("message_en", "")),
        values=dict(values) if isinstance(values, dict) else None)


def _fund(doc: Any) -> FundHolding:
    if not isinstance(doc, dict):
        raise PlatformError("account: a fund is not an object")
    risk = doc.get("risk_class")
    if not isinstance(risk, int) or isinstance(risk, bool) or not 1 <= risk <= 7:
        raise PlatformError("account: risk_class must be 1 to 7")
    return FundHolding(_text(doc, "code"), _text(doc, "name_zh"), _text(doc, "name_en"), risk,
                       _number(doc, "fund_expense_ratio_pct"), _number(doc, "units"), _number(doc, "unit_price"),
                       _number(doc, "balance"))


def _list(doc: Mapping[str, Any], name: str) -> list[Any]:
    value = doc.get(name)
    if not isinstance(value, list):
        raise PlatformError(f"account: {name} is not a list")
    return value


def parse_account(doc: Any) -> MemberAccount:
    if not isinstance(doc, dict) or not isinstance(doc.get("registered"), bool):
        raise PlatformError("account answer is not an account")
    if not doc["registered"]:
        return MemberAccount(False, _text(doc, "as_of"))
    member = doc.get("member")
    if not isinstance(member, dict):
        raise PlatformError("account: member is not an object")
    schemes = []
    for s in _list(doc, "schemes"):
        if not isinstance(s, dict):
            raise PlatformError("account: a scheme is not an object")
        schemes.append(SchemeAccount(_text(s, "scheme_code"), _text(s, "scheme_zh"), _text(s, "scheme_en"),
                                     _text(s, "account_no"), _text(s, "account_type"),
                                     tuple(_fund(f) for f in _list(s, "funds")), _number(s, "balance")))
    contributions = []
    for c in _list(doc, "recent_contributions"):
        if not isinstance(c, dict):
            raise PlatformError("account: a contribution is not an object")
        contributions.append(Contribution(_text(c, "account_no"), _text(c, "period"), _text(c, "paid_on"),
                                          _number(c, "employer"), _number(c, "employee")))
    return MemberAccount(
        True, _text(doc, "as_of"), name_en=_text(member, "name_en"), name_zh=_text(member, "name_zh"),
        mobile_masked=_text(member, "mobile_masked"), schemes=tuple(schemes), contributions=tuple(contributions),
        instructions=tuple(parse_status(i) for i in _list(doc, "instructions")))


class MemberPlatformClient(HttpPlatformClient):
    """HttpPlatformClient with the member calls (kiosk.ports.MemberPlatform)."""

    def _call(self, method: str, path: str, body: Any, ok: int, what: str) -> Any:
        resp = self._request(method, path, body)
        refused = _refused(resp, what)
        if refused is not None:
            raise refused
        if resp.status_code != ok:
            raise PlatformError(f"{what}: HTTP {resp.status_code}")
        return _json(resp)

    # ------------------------------------------------------------ sign-in
    def sms_start(self, hkid: str) -> SmsChallenge:
        """Ask the platform to send a one-time code to the member's registered mobile."""
        doc = self._call("POST", "/v1/sign-in/sms", {"hkid": hkid}, 201, "SMS code")
        challenge_id = doc.get("challenge_id") if isinstance(doc, dict) else None
        if not (isinstance(challenge_id, str) and _CHALLENGE.fullmatch(challenge_id)):
            raise PlatformError("SMS code: no usable challenge_id")
        length = doc.get("code_length", 6)
        return SmsChallenge(challenge_id, _text(doc, "sent_to"), _number(doc, "expires_in_s"),
                            length if isinstance(length, int) else 6)

    def sms_verify(self, challenge_id: str, code: str, hkid: str = "") -> SignIn:
        """The sign-in for the code the member typed. `hkid` (canonical) names the member the
        challenge was for; the kiosk keeps it beside the assertion, which does not name them."""
        if not _CHALLENGE.fullmatch(challenge_id):
            raise PlatformError("SMS code: not a challenge id")
        if not _CODE.fullmatch(code):
            raise SignInRefused("SMS code: not 6 digits", "OTP_WRONG", "一次性密碼應為 6 位數字。",
                                "The one-time code has 6 digits.")
        doc = self._call("POST", f"/v1/sign-in/sms/{challenge_id}", {"code": code}, 200, "SMS code")
        return parse_sign_in(doc, hkid)

    def iamsmart_poll(self, session_id: str) -> IamSmartPoll:
        """As HttpPlatformClient's, plus the sign-in a completed session carries."""
        doc = self._iamsmart_poll_doc(session_id)
        if doc is None:
            return IamSmartPoll(IamSmartState.EXPIRED)
        poll = parse_iamsmart_poll(doc)
        if poll.identity is not None and doc.get("sign_in") is not None:
            poll = replace(poll, sign_in=parse_sign_in(doc["sign_in"], poll.identity.hkid))
        return poll

    # ------------------------------------------------------------ the member's account
    def account(self, sign_in: SignIn) -> MemberAccount:
        return parse_account(self._call("POST", "/v1/members/account", {"sign_in": sign_in.assertion}, 200,
                                        "account"))

    # ------------------------------------------------------------ receipts
    def _ref(self, kiosk_ref: str) -> str:
        if not _KIOSK_REF.fullmatch(kiosk_ref):
            raise SignInRefused("receipt: not a reference", "RECEIPT_UNKNOWN", "收據編號格式不正確。",
                                "That is not a receipt reference.")
        return kiosk_ref

    def receipt_status(self, kiosk_ref: str) -> InstructionStatus:
        """Where the instruction is; no sign-in needed."""
        return parse_status(self._call("GET", f"/v1/receipts/{self._ref(kiosk_ref)}", None, 200, "receipt"))

    def receipt_details(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        return parse_status(self._call("POST", f"/v1/receipts/{self._ref(kiosk_ref)}/details",
                                       {"sign_in": sign_in.assertion}, 200, "receipt details"))

    def cancel(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        return parse_status(self._call("POST", f"/v1/receipts/{self._ref(kiosk_ref)}/cancel",
                                       {"sign_in": sign_in.assertion}, 200, "cancel"))
