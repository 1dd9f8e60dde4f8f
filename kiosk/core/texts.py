"""What the member's session says to the member, in both languages (zh_CN is converted from zh)."""

from __future__ import annotations

from kiosk.domain.identity import DocumentCheck, Identity
from kiosk.ports import CardErrorCode

CARD_MESSAGES: dict[CardErrorCode, tuple[str, str]] = {
    CardErrorCode.REMOVED: ("讀卡期間咭被取出，請重新插入並保持不動，直至完成。",
                            "The card was removed while it was being read. Insert it again and leave it "
                            "in until reading is finished."),
    CardErrorCode.UNKNOWN_CARD: ("此咭不能在本機使用，請改用身份證號碼登入或向職員查詢。",
                                 "This card cannot be used here. Type your HKID number instead, "
                                 "or ask the staff."),
    CardErrorCode.UNREADABLE: ("未能讀取此咭，請重新插入；如仍有問題，請輸入身份證號碼。",
                               "The card could not be read. Insert it again, or type your HKID number."),
    CardErrorCode.NO_READER: ("讀卡器未能使用，請輸入身份證號碼，或通知職員。",
                              "The card reader is not available. Type your HKID number, or tell the staff."),
    CardErrorCode.READER_BUSY: ("讀卡器忙碌中，請稍候再試。", "The card reader is busy. Please try again."),
    CardErrorCode.KEY_REQUIRED: ("請輸入證件號碼、出生日期及有效期至日期，以讀取晶片。",
                                 "Please type the document number, date of birth and date of expiry so the "
                                 "chip can be read."),
    CardErrorCode.WRONG_KEY: ("晶片不接受所輸入的資料。請核對證件資料頁上的證件號碼、出生日期及有效期至日期。",
                              "The chip did not accept these details. Please check the document number, date of "
                              "birth and date of expiry on the document's data page."),
    CardErrorCode.FORGED: ("此證件晶片未能通過真確性核實（資料可能曾被更改，或晶片是複製品），請向職員查詢。",
                           "This document's chip failed the authenticity check (its data may have been "
                           "altered, or the chip copied). Please ask the staff."),
    CardErrorCode.STAFF_CARD: ("這是職員咭。職員請在職員模式以此咭登入；會員請插入身份證明文件。",
                               "This is a staff card. Staff: sign in to staff mode with it. Members: please "
                               "insert your identity document."),
}

PREPARED_IDENTIFY_FIRST = ("已讀取你的預填指示。請先插入身份證明文件咭、輸入身份證號碼或使用「智方便」確認身份。",
                           "Your prepared instruction was read. Now identify yourself: insert your "
                           "card, type your HKID number, or use iAM Smart.")
PAYMENT_REFERENCE_FIELDS = ("payment_reference", "payment_ref")
PAYMENT_NO_FIELD = ("已讀取僱主付款參考編號 {ref}，但此畫面沒有需要填寫它的項目。請先選擇僱主付款的指示。",
                    "Employer payment reference {ref} was read, but nothing on this screen needs it. "
                    "Choose the employer payment instruction first.")
IAMSMART_MESSAGES: dict[str, tuple[str, str]] = {
    "denied": ("你已在「智方便」拒絕授權，未有登入。你可再試，或改用身份證明文件咭。",
               "You declined in iAM Smart, so you are not signed in. Try again, or use your card."),
    "expired": ("二維碼已過期。請按「再試一次」取得新的二維碼。",
                "The QR code has expired. Press Try again for a new one."),
    "unavailable": ("「智方便」暫時未能使用，請改用身份證明文件咭或輸入身份證號碼。",
                    "iAM Smart is not available right now. Use your card or type your HKID number."),
}

MRZ_MESSAGES: dict[str, tuple[str, str]] = {
    "wrong_key": ("晶片不接受所輸入的資料（尚餘 {n} 次機會）。請核對證件資料頁上的證件號碼（包括字母）、出生日期及"
                  "有效期至日期，是否與證件底部機讀區的一致。",
                  "The chip did not accept these details ({n} tries left). Check the document number "
                  "(letters included), the date of birth and the date of expiry against the document's data "
                  "page and the machine readable lines at its foot."),
    "no_tries": ("已嘗試三次仍未能讀取晶片。請輸入香港身份證號碼，或向職員查詢。",
                 "The chip could not be opened after three tries. Please type your HKID number, or ask "
                 "the staff."),
    "put_back": ("請把證件放回讀卡器上，保持不動，再按「讀取晶片」。",
                 "Please put the document back on the reader, keep it still, and press Read chip again."),
    "type_hkid": ("證件晶片已讀取（{check}）。請輸入你的香港身份證號碼以繼續。",
                  "The document's chip was read ({check}). Please type your HKID number to continue."),
}
DOCUMENT_CHECK_MESSAGES: dict[str, tuple[str, str]] = {
    DocumentCheck.GENUINE.value: ("晶片資料已核實為真確", "chip data verified genuine"),
    "no_csca": ("未能核實真確性：本機未有簽發國家或地區的證書", "authenticity not verifiable: no certificate for "
                "the issuing country is installed here"),
    "chip_not_proven": ("晶片資料真確，但晶片未能證明並非複製品", "chip data genuine, but the chip could not "
                        "prove it is not a copy"),
    "certificate_expired": ("未能核實真確性：證件簽發證書已過期", "authenticity not verifiable: the document's "
                            "signing certificate has expired"),
    DocumentCheck.NOT_VERIFIABLE.value: ("未能核實晶片資料的真確性", "authenticity of the chip data not verifiable"),
}


def document_check_text(identity: Identity | None) -> tuple[str, str] | None:
    """(zh, en) of the passive-authentication verdict for an identity read from an eMRTD chip."""
    if identity is None or identity.document is None:
        return None
    check = identity.document.check
    if check is DocumentCheck.NOT_VERIFIABLE:
        return DOCUMENT_CHECK_MESSAGES.get(identity.document.check_reason, DOCUMENT_CHECK_MESSAGES[check.value])
    return DOCUMENT_CHECK_MESSAGES.get(check.value)


STAFF_CHECK_DECLINED = ("職員未有確認已核對身份證，所輸入的號碼未有使用。請再輸入或插入身份證明文件。",
                        "Staff did not confirm seeing the identity card, so the number was not used. Type it "
                        "again or insert an identity document.")
REGISTRATION_STAFF_DECLINED = ("店員未有確認已核對你的香港身份證，因此未能以此方式登記。"
                               "你可改用「智方便」，或按「返回」選擇其他服務。",
                               "Staff did not confirm seeing your HKID card, so you cannot register this way. "
                               "You can use iAM Smart, or press Back to choose another service.")
PREFILL_MARKS: dict[str, tuple[str, str]] = {"iamsmart": ("（來自「智方便」）", "(from iAM Smart)")}

SAVE_FAILED = ("未能儲存你的指示，資料沒有遺失，請通知職員。",
               "Your instruction could not be saved. Nothing was lost; please tell the staff.")

SIGN_IN_MESSAGES: dict[str, tuple[str, str]] = {
    "CODE_LENGTH": ("請輸入短訊中的 6 位數字一次性密碼。",
                    "Please type the 6-digit one-time code from the text message."),
    "OFFLINE": ("暫時未能連接積金易平台，所以現在不能登入，也不能提取、轉移、轉換基金或更改個人資料。"
                "你仍可作自願性供款或遞交僱主指示；如需協助，請找職員。",
                "The eMPF platform cannot be reached just now, so you cannot sign in, and withdrawals, "
                "transfers, fund switches and changes of details cannot be made. You can still make a "
                "voluntary contribution or an employer's instruction; staff can help you."),
    "ACCOUNT_FAILED": ("你已登入，但暫時未能取得你的帳戶資料。你仍可繼續遞交指示。",
                       "You are signed in, but your account could not be fetched just now. You can still "
                       "give your instruction."),
    "LOCKED_FOR": ("約 {minutes} 分鐘後可再使用一次性密碼。", "Codes can be used again in about {minutes} minutes."),
    "SIGNED_IN_AS_OTHER": ("「智方便」確認的身份與你輸入的身份證號碼不同，未有登入。",
                           "iAM Smart confirmed someone other than the HKID number given: you are not signed in."),
}

EMPLOYER_MESSAGES: dict[str, tuple[str, str]] = {
    "NONE": ("平台沒有記錄你是任何僱主的獲授權人士，所以未能在此遞交僱主供款結算書。請向你的僱主查詢，或找職員協助。",
             "The platform does not list you as an authorised person of any employer, so an employer's "
             "statement cannot be given here. Please check with your employer, or ask staff."),
    "OFFLINE": ("暫時未能從積金易平台取得僱主資料，所以現在不能遞交僱主供款結算書。請稍後再試，或找職員協助。",
                "The employer's details cannot be fetched from the eMPF platform just now, so the "
                "statement cannot be given yet. Please try again later, or ask staff."),
}

# Members of a contribution statement from a file on a USB stick (flows/statement_import.py).
IMPORT_MESSAGES: dict[str, tuple[str, str]] = {
    "NO_STICK": ("找不到 USB 手指。請把載有結算書檔案的 USB 手指插入本機的 USB 插口，再按「從 USB 手指匯入」。",
                 "No USB stick was found. Put the stick with the statement file into the kiosk's USB port, "
                 "then press Import from a USB stick again."),
    "NO_FILES": ("USB 手指上沒有 CSV 檔案。請把結算書以範本格式另存為「CSV UTF-8」，放在 USB 手指的最上層資料夾。",
                 "There is no CSV file on the USB stick. Save the statement in the template as \"CSV UTF-8\" "
                 "in the stick's top folder."),
    "TOO_LARGE": ("檔案「{name}」過大（最多 2 MiB，即約 1,000 名成員），未有匯入。請把結算書分成較小的檔案。",
                  "The file \"{name}\" is too large (at most 2 MiB, about 1,000 members); nothing was imported. "
                  "Split the statement into smaller files."),
    "UNREADABLE": ("未能讀取檔案「{name}」（USB 手指可能已被取出），未有匯入。請插回 USB 手指再試。",
                   "The file \"{name}\" could not be read (the stick may have been taken out); nothing was "
                   "imported. Put the stick back and try again."),
    "UNAVAILABLE": ("本機未能讀取 USB 手指。請逐一輸入成員資料，或向職員查詢。",
                    "This kiosk cannot read USB sticks. Type the members one at a time, or ask the staff."),
    "NOT_TEMPLATE": ("檔案「{name}」不是結算書範本的格式，未有匯入。請用範本的標題列（中文 / English）：",
                     "The file \"{name}\" is not in the statement template; nothing was imported. Use the "
                     "template's header row (中文 / English):"),
    "ROW_ERRORS": ("檔案「{name}」有 {n} 項問題，未有匯入任何成員。請在檔案中改正以下各項，再匯入：",
                   "The file \"{name}\" has {n} problem(s); no member was imported. Correct these in the file, "
                   "then import it again:"),
    "MORE": ("另有 {n} 項問題未列出。", "And {n} more problem(s) not listed."),
    "DONE": ("已從「{name}」匯入 {n} 名成員，取代之前輸入的成員。請按「下一步」：本機會逐一核對每名成員的供款。",
             "{n} members imported from \"{name}\", replacing the members typed before. Press Next: the kiosk "
             "checks every member's contributions."),
}
