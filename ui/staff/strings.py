"""Every string of the staff and technician screens, as (繁體中文, English) pairs.

Kept apart from ui/strings.py (the member's screens) so the staff screens can change without
touching the member's wording; same conventions: str.format placeholders, `tr_staff(key, lang)`."""

from __future__ import annotations

from kiosk.languages import choose

STAFF_STRINGS: dict[str, tuple[str, str]] = {
    # the panel
    "staff_mode": ("職員模式", "Staff mode"),
    "technician_mode": ("技術人員模式", "Technician mode"),
    "who": ("{staff_id} · {role} · 分店 {shop}", "{staff_id} · {role} · shop {shop}"),
    "role_staff": ("職員", "staff"),
    "role_technician": ("技術人員", "technician"),
    "sign_out": ("登出", "Sign out"),
    "back_to_member": ("交回成員使用", "Hand back to the member"),
    "assisted_note": ("成員的進行中程序已保留，並標示為職員協助。",
                      "The member's session is kept and marked as assisted."),
    "idle_left": ("閒置 {n} 秒後自動登出", "Signs out after {n} s idle"),
    "nav_dashboard": ("概覽", "Dashboard"),
    "nav_technician": ("技術", "Technician"),
    # sign-in
    "sign_in_title": ("職員登入", "Staff sign-in"),
    "method_pin": ("職員編號及密碼", "Staff number and PIN"),
    "method_code": ("技術人員一次性密碼", "Technician one-time code"),
    "method_card": ("請插入職員咭，然後輸入密碼。", "Insert your staff card, then enter its PIN."),
    "method_card_button": ("職員咭", "Staff card"),
    "staff_id": ("職員編號", "Staff number"),
    "pin": ("密碼", "PIN"),
    "code": ("一次性密碼", "One-time code"),
    "sign_in": ("登入", "Sign in"),
    "cancel": ("取消", "Cancel"),
    "checking": ("正在核對…", "Checking…"),
    "card_holder": ("{staff_id} · {role} · 分店 {shop}：請輸入此職員咭的密碼。",
                    "{staff_id} · {role} · shop {shop}: enter this staff card's PIN."),
    "card_reading": ("正在讀取職員咭…", "Reading the staff card…"),
    # a staff card presented in the first moments after start-up (ui/staff/entry.py PendingStaffCard)
    "starting": ("正在啟動職員模式，請稍候…", "Starting staff mode, one moment…"),
    # staff confirm they saw the member's HKID card (ui/staff/hkid_confirm.py)
    "card_seen_title": ("職員核對身份證", "Staff: check the identity card"),
    "card_seen_hint": ("成員輸入了身份證號碼。請職員查看成員的香港身份證，核對號碼及姓名相符後才確認。",
                       "The member typed an HKID number. Staff: look at the member's Hong Kong identity card "
                       "and confirm only if the number and name match it."),
    "card_seen_hkid": ("身份證號碼", "HKID number"),
    "card_seen_name": ("姓名", "Name"),
    "card_seen_no_name": ("（未有提供）", "(not given)"),
    "card_seen_staff": ("核對職員", "Checked by"),
    "card_seen_statement": ("本人已親眼核對成員的香港身份證，號碼相符。",
                            "I have seen the member's Hong Kong identity card and the number matches."),
    "card_seen_confirm": ("確認已核對身份證", "Confirm: card seen"),
    "card_seen_decline": ("未能核對，取消", "Not seen, cancel"),
    "card_check_hint": ("請查看成員的香港身份證：以下是成員輸入的號碼，只在職員畫面顯示。號碼及姓名相符才確認。",
                        "Look at the member's Hong Kong identity card. The number they typed is shown in full "
                        "here on the staff panel only: confirm only if the number and name match the card."),
    # the member's screen meanwhile (ui/staff/hkid_confirm.py): no number on it
    "card_checking_title": ("職員正在核對你的身份證", "Staff are checking your identity card"),
    "card_checking_hint": ("請把你的香港身份證交給職員。職員會在職員畫面核對你輸入的號碼，然後你便可繼續。",
                           "Please hand your Hong Kong identity card to the staff member. They check the number "
                           "you typed on their staff screen; then you can go on."),
    "card_checking_by": ("核對職員：{staff_id} · 分店 {shop}", "Checked by staff {staff_id} · shop {shop}"),
    "card_checking_open": ("職員：核對身份證", "Staff: check the card"),
    "card_checking_cancel": ("取消，重新輸入", "Cancel, type it again"),
    "card_seen_no_staff": ("須由已登入的職員確認。請職員先登入職員模式。",
                           "A signed-in staff member must confirm. Staff: sign in to staff mode first."),
    # a member who pressed "call staff" (ui/staff/call_alert.py CallBox)
    "call_waiting": ("{who} 正在等候職員協助（{where}，已等 {age}）。",
                     "{who} is waiting for staff ({where}, {age})."),
    "call_not_identified": ("一位未識別身份的成員", "A member not identified yet"),
    "call_at_identify": ("識別身份", "identifying"),
    "call_at_menu": ("選擇服務", "choosing a service"),
    "call_at_form": ("填寫表格", "filling in a form"),
    "call_at_review": ("核對及確認", "reviewing"),
    "call_at_receipt": ("收據", "on the receipt"),
    "call_answer": ("我來協助", "I'm helping"),
    # receipt lookup (ui/staff/lookup.py)
    "nav_lookup": ("查收據", "Receipt lookup"),
    "lookup_title": ("以收據編號查詢", "Look up a receipt reference"),
    "lookup_hint": ("輸入或掃描收據上的編號（例如 EK-261126-7QX4M2）。", "Type or scan the reference on the receipt "
                    "(e.g. EK-261126-7QX4M2)."),
    "lookup_field": ("收據編號", "Receipt reference"),
    "lookup_button": ("查詢", "Look up"),
    "lookup_here": ("本機紀錄", "This kiosk"),
    "lookup_platform": ("積金易平台", "The eMPF platform"),
    "lookup_not_here": ("本機沒有此編號的紀錄（可能在另一部自助服務站辦理，或紀錄已過保留期）。",
                        "Not on this kiosk (another kiosk's, or past its retention)."),
    "lookup_local": ("{type} · {state} · 於 {queued} 提交 · 嘗試傳送 {attempts} 次",
                     "{type} · {state} · queued {queued} · {attempts} send attempt(s)"),
    "lookup_platform_ref": ("平台編號：{ref}", "Platform reference: {ref}"),
    "lookup_reason": ("平台原因：{reason}", "Platform's reason: {reason}"),
    "lookup_voided": ("已由職員作廢（原因：{reason}）", "Voided by staff (reason: {reason})"),
    "lookup_amended": ("已由 {ref} 修改取代", "Replaced by the amendment {ref}"),
    "lookup_amends": ("此指示修改了 {ref}", "This amends {ref}"),
    "lookup_status": ("{type} · {status} · 於 {received} 收到", "{type} · {status} · received {received}"),
    "lookup_cancel_by": ("成員可於 {when} 前取消", "The member may cancel until {when}"),
    "status_received": ("已收到", "received"),
    "status_cancelled": ("已取消", "cancelled"),
    "status_rejected": ("被拒絕", "rejected"),
    # dashboard
    "health": ("本機狀況", "Kiosk health"),
    "tile_reader": ("讀卡器", "Card reader"),
    "tile_scanner": ("掃描器", "Scanner"),
    "tile_camera": ("鏡頭", "Camera"),
    "tile_network": ("網絡", "Network"),
    "tile_disk": ("儲存空間", "Disk"),
    "tile_queue": ("指示", "Queue"),
    "status_pass": ("✔ 正常", "✔ OK"),
    "status_warn": ("! 注意", "! Check"),
    "status_fail": ("✖ 故障", "✖ Fault"),
    "status_info": ("– 未設置", "– n/a"),
    "net_online": ("在線", "online"),
    "net_offline": ("離線", "offline"),
    "net_checking": ("正在檢查", "checking"),
    "queue_title": ("指示（按狀態）", "Instructions by state"),
    "queue_line": ("{state}：{n} 項（最舊 {age}）", "{state}: {n} (oldest {age})"),
    "queue_empty": ("本機沒有任何指示。", "No instructions on this kiosk."),
    "state_queued": ("等待傳送", "waiting"),
    "state_sending": ("傳送中", "sending"),
    "state_accepted": ("已接受", "accepted"),
    "state_rejected": ("被拒絕", "rejected"),
    "state_amended": ("已修改", "amended"),
    "state_voided": ("已作廢", "voided"),
    "sync_now": ("立即傳送", "Sync now"),
    "sync_result": ("已傳送 {sent} 項：接受 {accepted}，拒絕 {rejected}，稍後重試 {retry}。",
                    "Sent {sent}: {accepted} accepted, {rejected} rejected, {retry} to retry."),
    "sync_failed": ("傳送未完成：{error}", "Sync did not finish: {error}"),
    "rejected_title": ("被拒絕的指示（需要職員處理）", "Rejected instructions (need staff)"),
    "rejected_none": ("沒有被拒絕的指示。", "No rejected instructions."),
    "rejected_line": ("{ref} · {type} · {age}前 · 成員 {hkid} {name}",
                      "{ref} · {type} · {age} ago · member {hkid} {name}"),
    "reason": ("平台原因：{reason}", "Platform's reason: {reason}"),
    "amend": ("修改", "Amend"),
    "void": ("作廢", "Void"),
    "void_choose": ("請選擇作廢原因：", "Why is it voided?"),
    "void_next": ("作廢…", "Void…"),
    "void_confirm_title": ("確定作廢 {ref}？", "Void {ref}?"),
    "void_confirm_warning": ("原因：{reason}。作廢後，此指示的個人資料會即時刪除，不能復原。",
                             "Reason: {reason}. Voiding deletes this instruction's personal data at once; "
                             "it cannot be undone."),
    "void_yes": ("確定作廢", "Yes, void it"),
    "void_back": ("返回", "Go back"),
    "amend_busy": ("請先完成或結束成員的進行中程序，才可修改。", "Finish or end the member's session before amending."),
    "done_void": ("已作廢 {ref}。", "{ref} voided."),
    # technician
    "tab_doctor": ("診斷", "Doctor"),
    "tab_enrol": ("登記", "Enrolment"),
    "tab_logs": ("記錄", "Logs"),
    "tab_settings": ("設定", "Settings"),
    "tab_update": ("更新", "Update"),
    "run_doctor": ("執行診斷", "Run the doctor"),
    "doctor_ok": ("所有檢查均通過。", "All checks passed."),
    "doctor_bad": ("{fails} 項失敗，{warns} 項需要注意。", "{fails} failed, {warns} to check."),
    "enrol_code": ("營運商提供的一次性登記碼", "One-time code from the operator"),
    "enrol": ("登記本機", "Enrol this terminal"),
    "rotate": ("更換密鑰", "Rotate the device secret"),
    "enrolled_as": ("已登記為 {device}。", "Enrolled as {device}."),
    "rotated": ("已更換密鑰（{device}）。", "Secret rotated ({device})."),
    "usb_target": ("匯出至（USB 資料夾）", "Export to (USB folder)"),
    "no_usb": ("找不到 USB 儲存裝置，請插入後再試，或輸入資料夾路徑。",
               "No USB stick found: insert one, or type a folder path."),
    "export": ("匯出記錄（已移除個人資料）", "Export logs (personal data removed)"),
    "exported": ("已匯出 {n} 個檔案至 {folder}。", "Exported {n} files to {folder}."),
    "setting_value": ("新數值", "New value"),
    "save": ("儲存", "Save"),
    "saved": ("已儲存 {name}。", "{name} saved."),
    "saved_restart": ("已儲存 {name}，重新啟動後生效。", "{name} saved; it takes effect after a restart."),
    "update_source": ("更新來源（網址或 USB 資料夾）", "Update source (address or USB folder)"),
    "install_update": ("檢查並安裝更新", "Check and install the update"),
    "update_busy": ("成員正在使用本機：請先完成成員的程序再更新。",
                    "A member is using the kiosk: finish their session first."),
    "stage_check": ("核對簽署", "Checking the signature"),
    "stage_download": ("下載中", "Downloading"),
    "stage_verify": ("核對檔案", "Checking the archive"),
    "stage_extract": ("解壓中", "Unpacking"),
    "stage_verify_files": ("逐一核對檔案", "Checking every file"),
    "stage_switch": ("切換版本", "Switching"),
    "stage_self_test": ("自我測試", "Self-test"),
    "update_installed": ("已安裝 {version}（槽 {slot}），請重新啟動以使用新版本。",
                         "{version} installed in slot {slot}; restart to run it."),
    "update_rolled_back": ("{version} 未能通過自我測試，已切換回原版本。",
                           "{version} failed its self-test; switched back."),
    "update_deferred": ("成員正在使用本機，更新將稍後進行。", "A member is using the kiosk: the update waits."),
    "restart_now": ("立即重新啟動", "Restart now"),
    "quit_kiosk": ("關閉自助服務站", "Close the kiosk"),
    "quit_question": ("確定關閉自助服務站？關閉後，成員不能使用本機，直至重新啟動。",
                      "Close the kiosk? Members cannot use it until it is started again."),
    "quit_yes": ("確定關閉", "Yes, close it"),
    "doctor_running": ("正在執行診斷…", "Running the checks…"),
    "current_version": ("目前版本：{version}（槽 {slot}）", "Running: {version} (slot {slot})"),
}


def tr_staff(key: str, lang: str, **values: object) -> str:
    zh, en = STAFF_STRINGS[key]
    text = choose(zh, en, lang)  # a member who chose 简体中文 hands over in Simplified
    return text.format(**values) if values else text


def error_message(error: BaseException, lang: str) -> str:
    """A failure in the staff member's language: its own bilingual reason (message_zh and
    message_en, as kiosk.ports.QueueRefused and kiosk.modes.errors.Refused carry), or a general one."""
    zh, en = getattr(error, "message_zh", None), getattr(error, "message_en", None)
    if isinstance(zh, str) and isinstance(en, str):
        return choose(zh, en, lang)
    return choose("發生錯誤，請再試或聯絡技術支援。", f"Something went wrong ({type(error).__name__}); "
                  "try again or call support.", lang)


def age_text(seconds: float | None, lang: str) -> str:
    if seconds is None:
        return "-"
    if lang == "zh_CN":  # the units below are written in Traditional
        return choose(age_text(seconds, "zh_HK"), "", lang)
    zh = lang.startswith("zh")
    if seconds < 120:
        return f"{seconds:.0f} 秒" if zh else f"{seconds:.0f} s"
    if seconds < 7200:
        return f"{seconds / 60:.0f} 分鐘" if zh else f"{seconds / 60:.0f} min"
    if seconds < 172800:
        return f"{seconds / 3600:.1f} 小時" if zh else f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} 日" if zh else f"{seconds / 86400:.1f} days"
