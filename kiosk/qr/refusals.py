"""Why a scanned code is not used, in words a member can act on (繁體中文 and English).

Every refusal carries a stable `code` (tests, logs, support staff) and both messages; `detail` is for
technicians' logs and never holds anything from the code's content.
"""

from __future__ import annotations

from dataclasses import dataclass

from kiosk.languages import choose


@dataclass(frozen=True)
class QrRefusal:
    code: str
    message_zh: str
    message_en: str
    detail: str = ""

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)

    @property
    def pair(self) -> tuple[str, str]:
        return self.message_zh, self.message_en


_MESSAGES: dict[str, tuple[str, str]] = {
    "NOT_FOR_KIOSK": ("此二維碼不適用於本自助服務站。",
                      "This code is not for this kiosk."),
    "TOO_LARGE": ("此二維碼內容過多，不適用於本自助服務站。",
                  "This code holds too much data; it is not for this kiosk."),
    "RECEIPT_CODE": ("這是自助服務站收據上的二維碼，只供日後查詢之用，不能在此辦理指示。",
                     "This is the QR code from a kiosk receipt. It is for enquiries later and cannot "
                     "start an instruction here."),
    "IAMSMART_CODE": ("這是「智方便」登入二維碼，請用手機上的「智方便」應用程式掃描。",
                      "This is an iAM Smart login code. Scan it with the iAM Smart app on your phone."),
    "PAYMENT_REF_FORMAT": ("僱主付款參考編號應為 RSD 或 BLD 加 16 位數字，請核對。",
                           "An employer payment reference is RSD or BLD followed by 16 digits. "
                           "Please check it."),
    "PREPARED_MALFORMED": ("未能讀取此預填指示二維碼，請在應用程式重新產生二維碼。",
                           "This prepared-instruction code could not be read. Make a new code in the app."),
    "PREPARED_VERSION": ("此預填指示二維碼的版本不受本自助服務站支援，請向職員查詢。",
                         "This kiosk does not support this version of prepared-instruction code. "
                         "Please ask the staff."),
    "PREPARED_KEY_UNKNOWN": ("未能確認此二維碼的來源，不能使用。請在積金易應用程式重新產生二維碼。",
                             "The origin of this code cannot be confirmed, so it cannot be used. "
                             "Make a new code in the eMPF app."),
    "PREPARED_SIGNATURE": ("此二維碼未能通過核實，可能已被更改，不能使用。",
                           "This code failed its security check (it may have been altered) and cannot "
                           "be used."),
    "PREPARED_EXPIRED": ("此預填指示二維碼已過期，請在應用程式重新產生二維碼。",
                         "This prepared-instruction code has expired. Make a new code in the app."),
    "PREPARED_EXPIRED_AT_CONFIRM": ("此預填指示二維碼在你核對期間已過期，指示未有提交。請在應用程式重新產生二維碼。",
                                    "This prepared-instruction code expired while you were checking it, so "
                                    "nothing was submitted. Make a new code in the app."),
    "PREPARED_NOT_YET_VALID": ("此二維碼的時間未到，請檢查手機時間或稍後再試。",
                               "This code is not valid yet. Check the time on your phone or try again later."),
    "PREPARED_USED": ("此預填指示二維碼已經使用過，每個二維碼只可提交一次。",
                      "This prepared-instruction code has already been used. Each code can be "
                      "submitted once."),
    "PREPARED_TYPE_UNKNOWN": ("本自助服務站不能辦理此類指示，請向職員查詢。",
                              "This kiosk cannot take this kind of instruction. Please ask the staff."),
    "PREPARED_INVALID": ("預填指示內容有誤：", "The prepared instruction has a problem: "),
    "PREPARED_OTHER_MEMBER": ("此預填指示是為另一位成員準備的，不能以你的身份提交。",
                              "This prepared instruction was made for another member and cannot be "
                              "submitted under your identity."),
}


def refusal(code: str, detail: str = "", suffix: tuple[str, str] = ("", "")) -> QrRefusal:
    """The refusal for `code`; `suffix` is appended to the messages (e.g. the field's own error)."""
    zh, en = _MESSAGES[code]
    return QrRefusal(code, zh + suffix[0], en + suffix[1], detail)


CODES = frozenset(_MESSAGES)
