"""Errors of member sign-in, account and receipt calls, in 繁體中文 and English.

The same `{"code", "message_zh", "message_en"}` shape as platform_sim/errors.py; a rejected batch
item carries one of the SIGN_IN_* codes as its reason.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

from platform_sim import errors

MESSAGES: Mapping[str, tuple[str, str]] = {
    "SIGN_IN_REQUIRED": (
        "此指示須由已登入的成員提交（「智方便」或一次性密碼）。請成員登入後重新提交；平台未有處理此指示。",
        "This instruction needs a signed-in member (iAM Smart or a one-time code). Ask the member to sign "
        "in and submit it again; the platform has not acted on it."),
    "SIGN_IN_INVALID": (
        "登入證明無效或已被改動。請成員重新登入後再提交；平台未有處理此指示。",
        "The sign-in assertion is not valid or was altered. Ask the member to sign in again and resubmit; "
        "the platform has not acted on it."),
    "SIGN_IN_OTHER_MEMBER": (
        "登入證明屬於另一位成員。請由指示上的成員本人登入後再提交；平台未有處理此指示。",
        "The sign-in belongs to a different member. The member named on the instruction must sign in "
        "and resubmit; the platform has not acted on it."),
    "SIGN_IN_OTHER_KIOSK": (
        "登入證明來自另一部自助服務機。請成員在提交指示的服務機重新登入；平台未有處理此指示。",
        "The sign-in was made at a different kiosk. Ask the member to sign in at the kiosk that sends "
        "the instruction; the platform has not acted on it."),
    "SIGN_IN_EXPIRED": (
        "登入已過有效時間。請成員重新登入後再提交；平台未有處理此指示。",
        "The sign-in is too old. Ask the member to sign in again and resubmit; the platform has not "
        "acted on it."),
    "MEMBER_NO_MOBILE": (
        "平台沒有此成員的手提電話號碼，未能發送一次性密碼。請使用「智方便」或請職員協助。",
        "The platform holds no mobile number for this member, so no code can be sent. Use iAM Smart or "
        "ask staff for help."),
    "OTP_WRONG": ("一次性密碼不正確。", "The one-time code is not correct."),
    "OTP_EXPIRED": ("一次性密碼已過期或已使用，請重新索取。",
                    "The one-time code has expired or was used; ask for a new one."),
    "OTP_LOCKED": (
        "輸入錯誤次數太多，此成員的一次性密碼暫停使用。請稍後再試，或使用「智方便」或請職員協助。",
        "Too many wrong codes: one-time codes for this member are paused. Try later, use iAM Smart or "
        "ask staff for help."),
    "NOT_REGISTERED": ("此成員尚未在積金易平台登記。", "This member is not registered on the eMPF platform."),
    "RECEIPT_UNKNOWN": (
        "找不到此收據編號的指示。如指示仍在服務機等待發送，請稍後再查詢。",
        "No instruction has this receipt reference. If it is still waiting at a kiosk, check again later."),
    "CANCEL_NOT_ALLOWED": (
        "此類指示不可在服務機取消。請致電積金易熱線 183 2622。",
        "This kind of instruction cannot be cancelled at a kiosk. Call the eMPF hotline 183 2622."),
    "CANCEL_TOO_LATE": (
        "已過截止時間（交易日下午4時），指示已在處理中，不能取消。",
        "The cut-off (4 pm on the dealing day) has passed: the instruction is being processed and cannot "
        "be cancelled."),
}


def member_error(code: str, detail: str | None = None) -> dict[str, str]:
    """The error body for `code`, one of MESSAGES or of platform_sim/errors.py (BAD_REQUEST...)."""
    zh, en = MESSAGES.get(code) or errors.MESSAGES[code]
    if detail:
        zh, en = f"{zh}（{detail}）", f"{en} ({detail})"
    return {"code": code, "message_zh": zh, "message_en": en}


class MemberError(Exception):
    """An answer other than success: HTTP status, code, and anything else the body should carry."""

    def __init__(self, status: int, code: str, detail: str | None = None, **extra: object) -> None:
        super().__init__(code)
        self.status = status
        self.code = code
        self.detail = detail
        self.extra = extra

    def response(self) -> JSONResponse:
        headers = {}
        retry = self.extra.get("retry_after_s")
        if isinstance(retry, int):
            headers["Retry-After"] = str(retry)
        return JSONResponse({"error": member_error(self.code, self.detail), **self.extra},
                            status_code=self.status, headers=headers)
