"""Every string the UI itself shows, as (繁體中文, English) pairs looked up by key.

Texts about instructions, fields and errors come from the core already bilingual (FieldSpec.label,
ValidationError.message, InstructionType.title); only the screen furniture is here. Keeping them in
one table is what lets a later task move them to Qt Linguist without hunting through widgets.
Placeholders use str.format names.
"""

from __future__ import annotations

STRINGS: dict[str, tuple[str, str]] = {
    # chrome
    "brand": ("積金易自助服務站", "eMPF self-service kiosk"),
    "step": ("第 {n} 步，共 {of} 步", "Step {n} of {of}"),
    "lang_zh": ("繁", "繁"),
    "lang_en": ("EN", "EN"),
    "back": ("‹ 返回", "‹ Back"),
    "online": ("在線", "Online"),
    "offline": ("離線", "Offline"),
    "checking": ("正在檢查網絡", "Checking network"),
    "status_unknown": ("狀態不明", "Status unknown"),
    "waiting_none": ("沒有指示等待傳送", "No instructions waiting"),
    "waiting_one": ("1 項指示等待傳送", "1 instruction waiting"),
    "waiting_n": ("{n} 項指示等待傳送", "{n} instructions waiting"),
    # demo only: the virtual card's button on the identify screen
    "demo_insert": ("示範：插入虛擬身份證明咭", "Demo: insert the virtual card"),
    "demo_remove": ("示範：取出虛擬身份證明咭", "Demo: remove the virtual card"),
    # attract
    "attract_title_zh": ("積金易自助服務站", "積金易自助服務站"),
    "attract_title_en": ("eMPF self-service kiosk", "eMPF self-service kiosk"),
    "attract_lead": ("在這裏更新你的強積金資料，無需排隊。",
                     "Update your MPF details here, without queuing."),
    "start": ("開始  Start", "Start  開始"),
    "announcements": ("最新消息", "Announcements"),
    "no_announcements": ("暫時沒有最新消息。", "No announcements at the moment."),
    # identify
    "identify_title": ("請插入身份證明文件咭", "Please insert your identity card"),
    "identify_hint": ("把咭插入下方的讀卡器，晶片向上，保持不動直至讀取完成。",
                      "Put the card into the reader below, chip facing up, and leave it in "
                      "until reading is finished."),
    "reading": ("正在讀取你的咭，請勿取出…", "Reading your card, please leave it in…"),
    "or_type": ("或輸入你的香港身份證號碼", "Or type your HKID number"),
    "hkid_example": ("例如 A123456(3)", "for example A123456(3)"),
    "continue": ("繼續", "Continue"),
    "key_clear": ("清除", "Clear"),
    "key_delete": ("⌫ 刪除", "⌫ Delete"),
    "key_space": ("空格", "Space"),
    "key_case_lower": ("abc", "abc"),
    "key_case_upper": ("ABC", "ABC"),
    # menu
    "menu_title": ("你想辦理甚麼？", "What would you like to do?"),
    "member": ("成員", "Member"),
    "hkid_label": ("身份證號碼", "HKID number"),
    "name_label": ("姓名", "Name"),
    "coming_soon": ("即將推出：{items}", "Coming soon: {items}"),
    "list_sep": ("、", ", "),
    # form
    "form_hint": ("只需填寫要更改的項目。輕觸欄位，再用右邊的鍵盤輸入。",
                  "Fill in only what you want to change. Touch a field, then type with the keyboard "
                  "on the right."),
    "form_hint_required": ("請填寫所有必填項目。輕觸欄位，再用右邊的鍵盤輸入。",
                           "Please fill in every required item. Touch a field, then type with the "
                           "keyboard on the right."),
    "optional": ("（可選填）", "(optional)"),
    "choice_none": ("不更改", "No change"),
    "next": ("下一步", "Next"),
    "unsupported_field": ("此項目暫時未能在本機填寫。", "This item cannot be filled in at this kiosk yet."),
    # review
    "review_title": ("請核對你的指示", "Please check your instruction"),
    "review_hint": ("為保障私隱，個人資料部分已隱藏。如需修改，請按「返回」。",
                    "For your privacy, personal details are partly hidden. To change anything, "
                    "press Back."),
    "instruction": ("指示", "Instruction"),
    "confirm": ("確認並提交", "Confirm and submit"),
    "saving": ("正在儲存…", "Saving…"),
    # receipt
    "receipt_title": ("已收到你的指示", "Your instruction has been received"),
    "receipt_ref": ("自助服務站參考編號", "Kiosk reference"),
    "receipt_keep": ("請拍下或記下參考編號，以便查詢。",
                     "Take a photo of the reference or write it down for enquiries."),
    "delivery_queued": ("指示會在網絡可用時傳送至積金易平台。",
                        "Your instruction will be sent to the eMPF platform when the network is available."),
    "delivery_sending": ("正在傳送至積金易平台…", "Sending to the eMPF platform…"),
    "delivery_accepted": ("已送達積金易平台。", "Delivered to the eMPF platform."),
    "delivery_rejected": ("積金易平台未能接受此指示，請向職員查詢。",
                          "The eMPF platform could not accept this instruction; please ask the staff."),
    "receipt_qr": ("二維碼只包含參考編號", "The QR code holds only the reference"),
    "receipt_closing": ("此畫面將於 {n} 秒後關閉", "This screen closes in {n} seconds"),
    "done": ("完成", "Done"),
    # idle
    "idle_title": ("仍在使用嗎？", "Are you still there?"),
    "idle_body": ("為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。",
                  "To protect your privacy, what you entered will be cleared in {n} seconds."),
    "idle_more_time": ("我需要更多時間", "I need more time"),
}


def tr(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("zh_HK" or "en"), with placeholders filled in."""
    zh, en = STRINGS[key]
    text = zh if lang.startswith("zh") else en
    return text.format(**values) if values else text


def pick(pair: tuple[str, str], lang: str) -> str:
    """One side of a (zh, en) pair from the core, e.g. Session.state.notice."""
    return pair[0] if lang.startswith("zh") else pair[1]
