"""Every string the UI itself shows, as (繁體中文, English) pairs looked up by key.

Texts about instructions, fields and errors come from the core already bilingual (FieldSpec.label,
ValidationError.message, InstructionType.title); only the screen furniture is here. Keeping them in
one table is what lets a later task move them to Qt Linguist without hunting through widgets.
Placeholders use str.format names.
"""

from __future__ import annotations

from collections.abc import Callable

from kiosk.languages import choose

STRINGS: dict[str, tuple[str, str]] = {
    # Signing in (ui/screens/sign_in.py): what needs it, the ways, the one-time code
    "sign_in_title": ("請先登入", "Please sign in"),
    "sign_in_why_account": ("登入後，你可查看自己的積金帳戶、基金及已遞交的指示。",
                            "Sign in to see your own MPF accounts, funds and the instructions you gave."),
    "sign_in_why_type": ("{type}：{reason}", "{type}: {reason}"),
    "sign_in_why_employer": ("{type}：請僱主的獲授權人士登入，本機便可取得僱主的公司、計劃及已協定的自願性供款安排，"
                             "讓你從清單中選擇，不用輸入。",
                             "{type}: the employer's authorised person signs in, so the kiosk has the "
                             "employer's companies, schemes and agreed voluntary contribution plans for you to "
                             "pick from instead of typing."),
    "employer_title": ("這份結算書是哪一位僱主的？", "Which employer is this statement for?"),
    "employer_loading": ("正在取得僱主資料…", "Fetching the employer's details…"),
    "employer_pick_hint": ("你是以下僱主的獲授權人士，請選擇一位。", "You act for these employers. Choose one."),
    "sign_in_iamsmart": ("使用「智方便」", "Use iAM Smart"),
    "sign_in_iamsmart_hint": ("在你的手機上確認，最快捷。", "Confirm on your phone: the quickest way."),
    "sign_in_code": ("以短訊一次性密碼登入", "Get a one-time code by text message"),
    "sign_in_code_hint": ("我們把 6 位數字密碼傳送到你在積金易登記的手提電話。",
                          "We send a 6-digit code to the mobile number registered with eMPF."),
    "sign_in_staff_hint": ("沒有「智方便」或手提電話不在身邊？請找職員協助。",
                           "No iAM Smart, or no phone with you? Please ask the staff."),
    "sign_in_sending": ("正在傳送一次性密碼…", "Sending the one-time code…"),
    "sign_in_sent": ("一次性密碼已傳送到手提電話 {to}。請輸入短訊中的 6 位數字。",
                     "A one-time code was sent to your mobile {to}. Type the 6 digits from the text message."),
    "sign_in_code_label": ("一次性密碼", "One-time code"),
    "sign_in_check": ("確認密碼", "Check the code"),
    "sign_in_checking": ("正在核對…", "Checking…"),
    "sign_in_resend": ("再傳送新密碼", "Send a new code"),
    "sign_in_valid_for": ("密碼有效時間尚餘 {m}:{s:02d}", "The code is valid for {m}:{s:02d}"),
    "sign_in_expired": ("密碼已過期，請再傳送新密碼。", "The code has expired. Send a new code."),
    "sign_in_tries_left": ("尚餘 {n} 次機會。", "{n} tries left."),
    "sign_in_demo_phone": ("示範手機收到的短訊：{text}", "Demo phone received: {text}"),
    "menu_sign_in": ("登入", "Sign in"),
    "menu_sign_in_summary": ("查看你的帳戶；提款、轉移、轉換基金及更改資料須先登入。",
                             "See your account. Needed to move money or change your details."),
    "menu_account": ("我的帳戶", "My account"),
    "menu_account_summary": ("你已登入：查看你的帳戶、基金、結餘及已遞交的指示。",
                             "You are signed in: your account, funds, balances and instructions."),
    "menu_needs_sign_in": ("須先登入", "Needs a sign-in"),
    "review_sign_in": ("登入", "Sign in"),
    # QR codes: iAM Smart hand-off (ui/screens/iamsmart.py), the camera scan (ui/screens/scan.py)
    "iamsmart_use": ("使用「智方便」登入", "Sign in with iAM Smart"),
    "iamsmart_title": ("以「智方便」登入", "Sign in with iAM Smart"),
    "iamsmart_step1": ("在手機開啟「智方便」應用程式。", "Open the iAM Smart app on your phone."),
    # Not "on the right": in portrait the code is above the steps (ui/screens/iamsmart.py).
    "iamsmart_step2": ("按「掃描」，掃描這個畫面上的二維碼。", "Tap Scan and scan the QR code on this screen."),
    "iamsmart_step3": ("在手機上確認授權。", "Confirm on your phone."),
    "iamsmart_starting": ("正在準備二維碼…", "Preparing the QR code…"),
    "iamsmart_waiting": ("等待你以手機掃描…", "Waiting for your phone to scan…"),
    "iamsmart_scanned": ("已掃描。請在手機上確認授權。", "Scanned. Please confirm on your phone."),
    "iamsmart_valid_for": ("二維碼有效時間尚餘 {m}:{s:02d}", "QR code valid for {m}:{s:02d}"),
    "iamsmart_retry": ("再試一次", "Try again"),
    "iamsmart_no_code": ("此二維碼已失效", "This QR code is no longer valid"),
    "iamsmart_cancel": ("取消", "Cancel"),
    "iamsmart_start_again": ("重新開始", "Start again"),
    "iamsmart_demo_approve": ("示範：手機確認授權", "Demo: approve on the phone"),
    "iamsmart_demo_deny": ("示範：手機拒絕", "Demo: decline on the phone"),
    "scan_open": ("掃描手機上的二維碼", "Scan a QR code from your phone"),
    "scan_title": ("請把手機上的二維碼對準鏡頭", "Show the QR code on your phone to the camera"),
    "scan_step1": ("在積金易應用程式開啟已預填的指示二維碼。",
                   "Open the prepared instruction's QR code in the eMPF app."),
    "scan_step2": ("把手機屏幕放在框內，距離約 20 至 30 厘米。",
                   "Hold the phone screen inside the frame, about 20 to 30 cm away."),
    "scan_step3": ("讀取後，你可核對內容，再確認提交。", "Once it is read, you check the content and confirm."),
    "scan_scanner_hint": ("你亦可使用下方的掃描器。", "You can also use the scanner below."),
    "scan_no_camera": ("鏡頭未能使用。請使用掃描器，或向職員查詢。",
                       "The camera is not available. Use the scanner, or ask the staff."),
    "scan_demo_wedge": ("示範：手提掃描器讀取", "Demo: hand-held scanner reads a code"),
    "scan_demo_serial": ("示範：串列掃描器讀取", "Demo: serial scanner reads a code"),
    "scan_looking": ("正在尋找二維碼…", "Looking for a QR code…"),
    # chrome
    "brand": ("積金易自助服務站", "eMPF self-service kiosk"),
    "step": ("第 {n} 步，共 {of} 步", "Step {n} of {of}"),
    "lang_zh": ("繁", "繁"),
    "lang_en": ("EN", "EN"),
    "lang_cn": ("简", "简"),  # 简体中文: each language's button is labelled in its own script
    "back": ("‹ 返回", "‹ Back"),
    # the header's "call staff" (ui/widgets.py Header, ui/staff/call_alert.py)
    "call_staff": ("呼叫職員", "Call staff"),
    "staff_called": ("已通知職員", "Staff called"),
    "staff_call_alert": ("職員請注意：有成員等候協助（已等 {age}）", "Staff: a member is waiting for help ({age})"),
    "waited_seconds": ("{n} 秒", "{n} s"),
    "waited_minutes": ("{n} 分鐘", "{n} min"),
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
    "identify_title": ("請確認你的身份", "Tell us who you are"),
    "identify_iamsmart": ("使用「智方便」（最快捷）", "Use iAM Smart (quickest)"),
    "identify_iamsmart_hint": ("在手機確認身份並登入，所有服務都可使用。",
                               "Confirm on your phone: you are signed in, and every service is open to you."),
    "identify_hint": ("護照或有晶片的證件：放進讀卡器，晶片向上。香港身份證的晶片不能在此讀取，請輸入號碼。",
                      "A passport or an ID card with a chip: put it in the reader, chip up. A Hong Kong "
                      "identity card's chip cannot be read here: type its number."),
    "identify_staff_hint": ("需要協助？請按上方的「呼叫職員」。", "Need help? Press 'Call staff' at the top."),
    "reading": ("正在讀取你的咭，請勿取出…", "Reading your card, please leave it in…"),
    "or_type": ("輸入你的香港身份證號碼", "Type your HKID number"),
    "hkid_example": ("例如 A123456(3)", "for example A123456(3)"),
    # the MRZ step for ePassports (ui/screens/mrz.py) and the chip verdict on the menu
    "mrz_title": ("請輸入證件資料以讀取晶片", "Type the document's details to open its chip"),
    "mrz_hint": ("資料印在證件的個人資料頁上。晶片只會在資料正確時開啟，請把證件留在讀卡器上。",
                 "You find them on the document's data page. The chip opens only with the right details; "
                 "leave the document on the reader."),
    "mrz_document_number": ("證件號碼", "Document number"),
    "mrz_date_of_birth": ("出生日期（年-月-日，例如 1969-08-06）", "Date of birth (year-month-day, e.g. 1969-08-06)"),
    "mrz_date_of_expiry": ("有效期至（年-月-日，例如 2034-06-23）",
                           "Date of expiry (year-month-day, e.g. 2034-06-23)"),
    "mrz_read": ("讀取晶片", "Read chip"),
    "mrz_reading": ("正在讀取晶片，請勿移開證件…", "Reading the chip, please leave the document in place…"),
    "mrz_tries_left": ("尚餘 {n} 次機會", "{n} tries left"),
    "document_label": ("證件晶片", "Document chip"),
    "continue": ("繼續", "Continue"),
    "key_clear": ("清除", "Clear"),
    "key_delete": ("⌫ 刪除", "⌫ Delete"),
    "key_space": ("空格", "Space"),
    "key_case_lower": ("abc", "abc"),
    # Chinese handwriting (ui/handwriting_pad.py) beside the Chinese keyboard (ui/chinese_input.py)
    "hw_mode_write": ("手寫", "Handwriting"),
    "hw_mode_keys": ("倉頡／拼音鍵盤", "Keyboard"),
    "hw_hint": ("用手指在這裏寫一個字，然後在右邊按那個字。",
                "Write one character here with your finger, then tap it on the right."),
    "hw_undo": ("↶ 刪一筆", "↶ Undo stroke"),
    "hw_rewrite": ("重寫", "Rewrite"),
    "hw_canvas": ("手寫方格", "Writing box"),
    "hw_unavailable": ("本機暫時未能辨認手寫，請改用鍵盤。", "Handwriting cannot be read at this kiosk right now: "
                       "please use the keyboard."),
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
    # A page taller than the screen (ui/visibility.py): the button pages down.
    "more_below": ("▼ 下面還有", "▼ More below"),
    "official_terms": ("正式名稱：", "Official names: "),
    # Where funds are chosen (ui/form_widgets.py AllocationEditor)
    "fund_risk": ("風險級別 {risk}（1 最低，7 最高）", "Risk class {risk} (1 lowest, 7 highest)"),
    "fund_fee": ("基金開支比率每年 {fee}%", "Fund expense ratio {fee}% a year"),
    "fund_facts_unknown": ("風險級別及收費：請向店員索取基金概覽",
                           "Risk class and fees: ask staff for the fund fact sheet"),
    "back_to_top": ("▲ 回到頂部", "▲ Back to top"),
    "review_read_all": ("請看完所有內容（按「▼ 下面還有」），才可確認。",
                        "Read it all (tap “▼ More below”) before you confirm."),
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
    "print_receipt": ("列印收據", "Print receipt"),
    "print_again": ("再列印一次", "Print again"),
    "printing": ("正在列印收據…", "Printing your receipt…"),
    "printed": ("收據已列印，請取回。", "Your receipt has been printed. Please take it."),
    "print_paper_out": ("打印機沒有紙，未能列印收據。請記下參考編號，或請職員協助。",
                        "The printer is out of paper: no receipt was printed. "
                        "Write the reference down, or ask the staff."),
    "print_offline": ("打印機未能連線，未能列印收據。請記下參考編號，或請職員協助。",
                      "The printer is offline: no receipt was printed. Write the reference down, or ask the staff."),
    "print_failed": ("未能列印收據。請記下參考編號，或請職員協助。",
                     "The receipt could not be printed. Write the reference down, or ask the staff."),
    # idle
    "idle_title": ("仍在使用嗎？", "Are you still there?"),
    "idle_body": ("為保障你的私隱，{n} 秒後會清除已輸入的資料並返回主畫面。",
                  "To protect your privacy, what you entered will be cleared in {n} seconds."),
    "idle_more_time": ("我需要更多時間", "I need more time"),
    # forms: one step at a time (issue 6)
    "question_n": ("問題 {n} / {of}", "Question {n} of {of}"),
    "to_review": ("核對指示", "Check and review"),
    "i_confirm": ("我確認以上聲明屬實", "I confirm this is true"),
    "allocation_total_ok": ("合計 {total}%", "Total {total}%"),
    "allocation_total_off": ("合計 {total}%：須為 100%（相差 {left}%）", "Total {total}%: it must be 100% "
                             "({left}% to go)"),
    "switch_out_count": ("已選擇 {n} 個轉出基金", "{n} funds chosen to switch out of"),
    "rows_position": ("成員 {n} / {of}", "Member {n} of {of}"),
    "rows_add": ("＋ 新增", "+ Add"),
    "rows_remove": ("刪除", "Remove"),
    # a statement's members from a CSV file on a USB stick (ui/statement_import.py)
    "import_usb": ("從 USB 手指匯入成員", "Import members from a USB stick"),
    "import_usb_hint": ("以範本格式（CSV）匯入全部成員，會取代已輸入的成員。",
                        "Imports every member from a file in the template (CSV), replacing the members typed."),
    "import_listing": ("正在尋找 USB 手指上的檔案…", "Looking for files on the USB stick…"),
    "import_choose": ("請選擇結算書檔案：", "Choose the statement file:"),
    "import_reading": ("正在讀取及檢查「{name}」…", "Reading and checking \"{name}\"…"),
    "import_file": ("{name}（{kb} KB）", "{name} ({kb} KB)"),
    "import_close": ("關閉", "Close"),
    "import_cancel": ("取消", "Cancel"),
    "import_again": ("再試一次", "Try again"),
    "rows_no_difference": ("沒有差額", "No difference"),
    "rows_computed_none": ("填寫有關入息後，本機會計算強制性供款。",
                           "Enter the relevant income and the kiosk works out the mandatory contributions."),
    "rows_computed": ("按規則計算：僱主 HK${er}，僱員 HK${ee}（{basis}）",
                      "By the rules: employer HK${er}, employee HK${ee} ({basis})"),
    "rows_computed_differs": ("與你輸入的金額不同：請更正，或在下面選擇差額的原因。",
                              "This differs from what you entered: correct it, or choose the reason below."),
    "chinese_unavailable": ("本機暫時未能輸入中文，請以英文填寫，或留空並請職員協助。",
                            "Chinese cannot be typed at this kiosk right now: type it in English, or leave it "
                            "and ask the staff."),
    "employer_menu": ("僱主服務", "For employers"),
    "employer_menu_summary": ("登記僱員、僱員離職、供款資料", "Enrol or terminate employees, contribution data"),
    "employer_menu_title": ("僱主服務：你想辦理甚麼？", "For employers: what would you like to do?"),
    "scan_open_summary": ("已在網上預先填寫指示", "An instruction you prepared online"),
    "review_notes": ("請留意", "Please note"),
    "review_change": ("修改", "Change"),
    "a11y_large_text": ("大字", "Large text"),
    "a11y_high_contrast": ("高對比", "High contrast"),
    "a11y_speech": ("讀出指示", "Read aloud"),
    "a11y_title": ("閱讀輔助", "Easier to read"),
    # Read aloud's bar under the header (ui/speech_bar.py)
    "speech_again": ("再讀一次", "Read again"),
    "speech_quieter": ("調低音量", "Quieter"),
    "speech_louder": ("調高音量", "Louder"),
    "speech_volume": ("音量 {n} / {of}", "Volume {n} of {of}"),
    "speech_unavailable": ("本機暫時未能讀出指示。如需協助，請向店員查詢。",
                           "Reading aloud is not available here. Please ask the shop staff."),
    "status_title": ("本機狀態", "This kiosk"),
    "yes": ("是", "Yes"),
    "no": ("否", "No"),
    "review_member_row": ("成員 {n}", "Member {n}"),
    "optional_hint": ("可留空。", "You may leave this empty."),
    # Registration's identity check (ui/screens/registration_identity.py)
    "reg_id_title": ("登記前須核實你的身份", "Registering needs your identity checked"),
    "reg_id_why": ("為防止有人冒用身份證，開立積金易帳戶須經「智方便」，或由店員親眼核對你的香港身份證。"
                   "只輸入或讀取身份證號碼，不能用作登記。",
                   "To stop forged identity cards being used, opening an eMPF account needs iAM Smart, or "
                   "shop staff looking at your HKID card. A typed or card-read HKID number alone is not enough."),
    "reg_id_iamsmart": ("使用「智方便」", "Use iAM Smart"),
    "reg_id_iamsmart_hint": ("用手機掃描二維碼；你的姓名及出生日期會自動填上。",
                             "Scan a QR code with your phone; your name and date of birth are filled in for you."),
    "reg_id_staff": ("請店員協助", "Ask shop staff"),
    "reg_id_staff_hint": ("店員會核對你的香港身份證。", "Staff will check your HKID card."),
    "reg_id_staff_wait": ("請向店員示意並準備好你的香港身份證。店員會在本機以職員咭或職員編號登入，"
                          "親眼核對你的身份證後，你便可繼續登記。",
                          "Please call a member of the shop staff and have your HKID card ready. They sign in "
                          "on this kiosk with their staff card or staff number, look at your card, and then you "
                          "carry on registering."),
    "reg_id_menu_hint": ("須經「智方便」或店員核對身份證", "Needs iAM Smart or staff checking your HKID card"),
}


# Qt Linguist translations (ui/i18n): consulted first once ui.i18n.install() has run.
_lookup: Callable[[str, str], str | None] | None = None


def set_lookup(lookup: Callable[[str, str], str | None] | None) -> None:
    global _lookup
    _lookup = lookup


def tr(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang` ("zh_HK", "zh_CN" or "en"), with placeholders filled in;
    zh_CN is the Traditional text converted (kiosk.languages.choose) unless its .ts says otherwise."""
    zh, en = STRINGS[key]
    text = (_lookup(key, lang) if _lookup is not None else None) or choose(zh, en, lang)
    return text.format(**values) if values else text


def pick(pair: tuple[str, str], lang: str) -> str:
    """One side of a (zh, en) pair from the core, e.g. Session.state.notice (Simplified for zh_CN)."""
    return choose(pair[0], pair[1], lang)
