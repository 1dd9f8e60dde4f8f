"""Error codes with their messages in 繁體中文 and English, and the one error body shape.

Every error the platform gives, whether for a whole request or for one rejected batch item, is
`{"code", "message_zh", "message_en"}`; requests wrap it as `{"error": {...}}`.
"""

from __future__ import annotations

from collections.abc import Mapping

from starlette.responses import JSONResponse

MESSAGES: Mapping[str, tuple[str, str]] = {
    # enrolment and authentication
    "ENROL_CODE_INVALID": ("登記碼無效或已使用。", "The enrolment code is not valid or has already been used."),
    "SIGNATURE_MISSING": (
        "請求欠缺簽署資料。",
        "The request is not signed (X-Empf-Device, X-Empf-Timestamp and X-Empf-Signature are required).",
    ),
    "DEVICE_UNKNOWN": ("此終端機未有登記。", "This device is not enrolled."),
    "SIGNATURE_INVALID": ("請求的簽署無效。", "The request signature is not valid."),
    "TIMESTAMP_STALE": (
        "終端機時間與平台時間相差超過 300 秒。",
        "The request timestamp is more than 300 seconds away from the platform's time.",
    ),
    # request shape
    "BAD_REQUEST": ("請求格式不正確。", "The request is malformed."),
    "BODY_TOO_LARGE": ("請求內容過大（每個請求最多 1 MiB）。",
                       "The request body is too large (at most 1 MiB per request)."),
    "BODY_NOT_UTF8": ("請求內容不是有效的 UTF-8 文字。", "The request body is not valid UTF-8."),
    "JSON_TOO_DEEP": ("請求內容的層次過多（最多 32 層）。",
                      "The request body is nested too deeply (at most 32 levels)."),
    "NUMBER_NOT_FINITE": ("數字必須為有限數值（不接受 NaN、Infinity 或溢出的數字）。",
                          "Numbers must be finite (NaN, Infinity and numbers that overflow are refused)."),
    "TEXT_INVALID": ("文字含有控制字元、格式字元或無效字元，或未經 NFC 正規化。",
                     "The text holds a control, format or invalid character, or is not in Unicode NFC."),
    "BATCH_TOO_LARGE": ("每批最多可提交 100 項指示。", "A batch may hold at most 100 items."),
    "NOT_FOUND": ("找不到所要求的資料。", "Not found."),
    "METHOD_NOT_ALLOWED": ("不支援此請求方法。", "Method not allowed."),
    "ADMIN_FORBIDDEN": ("管理介面只限本機使用。", "The admin API only answers loopback clients."),
    # kiosk status reports
    "STATUS_INVALID": ("終端機狀態報告格式不正確。", "The kiosk status report is malformed."),
    "STATUS_TOO_LARGE": ("終端機狀態報告不可超過 32 KiB。", "A kiosk status report may be at most 32 KiB."),
    # per-item rejections
    "TYPE_UNKNOWN": ("平台不支援此指示類別。", "The platform does not accept this instruction type."),
    "HKID_INVALID": ("香港身份證號碼欠缺或無效。", "The HKID number is missing or not valid."),
    "FUND_UNKNOWN": ("基金代號不屬於本平台。", "The fund code is not offered on the platform."),
    "IDENTITY_UNVERIFIED": ("登記的身份須經「智方便」核實，或由職員核對身份證（並註明核對職員的編號）。",
                            "A registration's identity must come from iAM Smart, or from an identity card "
                            "checked by staff (naming the staff member who checked it)."),
    # contribution statements against the employer's data (platform_sim/contribution_rules.py)
    "PAYING_COMPANY_REQUIRED": ("僱主有多於一間公司，結算書須註明付款公司的商業登記號碼。",
                                "The employer has several companies: the statement must name the paying "
                                "company's BR number."),
    "PAYING_COMPANY_NOT_EMPLOYERS": ("付款公司不是僱主名下的公司。",
                                     "The paying company is not one of the employer's."),
    "MEMBER_NOT_EMPLOYEE": ("結算書上的成員不是僱主在此計劃的僱員。",
                            "A member on the statement is not one of the employer's employees on this scheme."),
    "VC_NO_PLAN": ("成員沒有與僱主協定的自願性供款計劃，卻有僱主自願性供款。",
                   "A member has employer voluntary contributions but no plan agreed with the employer."),
    "VC_INPUT_REQUIRED": ("成員的自願性供款計劃所需的資料（例如基本薪金）欠缺。",
                          "A member's voluntary-contribution plan needs a figure the row lacks (such as basic "
                          "salary)."),
    "VC_MISMATCH": ("僱主自願性供款與成員的協定計劃不符，亦沒有註明原因。",
                    "An employer voluntary contribution does not follow the member's agreed plan and gives no "
                    "reason."),
    "EMPLOYER_NOT_AUTHORISED": ("登入的人士不是此僱主的獲授權人士，平台未有提供僱主資料。",
                                "The person signed in is not an authorised person of this employer; the platform "
                                "has not shown the employer's data."),
    # injected or internal failures
    "RATE_LIMITED": ("請求過於頻密，請稍後再試。", "Too many requests; retry later."),
    "INTERNAL_ERROR": ("平台發生內部錯誤，請稍後再試。", "The platform had an internal error; retry later."),
    "BAD_GATEWAY": ("平台網關錯誤，請稍後再試。", "Bad gateway; retry later."),
    "SERVICE_UNAVAILABLE": ("平台暫時未能提供服務，請稍後再試。", "The platform is unavailable; retry later."),
    "GATEWAY_TIMEOUT": ("平台網關逾時，請稍後再試。", "Gateway timeout; retry later."),
}

# Injected status faults answer with the code a real gateway or platform would use for that status.
STATUS_CODES: Mapping[int, str] = {
    400: "BAD_REQUEST",
    404: "NOT_FOUND",
    405: "METHOD_NOT_ALLOWED",
    429: "RATE_LIMITED",
    500: "INTERNAL_ERROR",
    502: "BAD_GATEWAY",
    503: "SERVICE_UNAVAILABLE",
    504: "GATEWAY_TIMEOUT",
}


def error(code: str, detail: str | None = None) -> dict[str, str]:
    """`{"code", "message_zh", "message_en"}`; `detail` (never personal data) is appended to both."""
    zh, en = MESSAGES[code]
    if detail:
        zh = f"{zh}（{detail}）"
        en = f"{en} ({detail})"
    return {"code": code, "message_zh": zh, "message_en": en}


def status_error(status: int) -> dict[str, str]:
    """The error for an arbitrary HTTP status (used by injected status faults)."""
    code = STATUS_CODES.get(status)
    if code is not None:
        return error(code)
    return {
        "code": f"HTTP_{status}",
        "message_zh": f"平台錯誤（HTTP {status}），請稍後再試。",
        "message_en": f"Platform error (HTTP {status}); retry later.",
    }


def error_response(
    status: int,
    code: str,
    detail: str | None = None,
    *,
    extra: Mapping[str, object] | None = None,
    headers: Mapping[str, str] | None = None,
) -> JSONResponse:
    body: dict[str, object] = {"error": error(code, detail)}
    if extra:
        body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers)
