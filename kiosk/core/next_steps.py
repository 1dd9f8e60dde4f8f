"""What happens after a member confirms an instruction, per type, and the hotline: said on the
receipt screen (and on a printed receipt), in both languages."""

from __future__ import annotations

HOTLINE = "183 2622"

NEXT_STEPS: dict[str, tuple[str, str]] = {
    "FUND_SWITCH": (
        "基金轉換會在交易日按當日基金價格進行。交易日下午4時前，可在任何自助服務機選擇「查詢或取消指示」，"
        "以此收據編號取消。",
        "The switch is made on its dealing day at that day's unit prices. Until 4 pm on the dealing day you "
        "can cancel it at any kiosk: choose “Check or cancel an instruction” and use this reference."),
    "WITHDRAWAL_CLAIM": (
        "受託人會核對申索及文件，一般在收齊文件後30日內把款項存入你提供的銀行戶口；如需補交文件，平台會通知你。",
        "The trustee checks the claim and its documents and usually pays into the bank account you gave "
        "within 30 days of having every document; the platform tells you if anything more is needed."),
    "TRANSFER_BENEFITS": (
        "平台會通知原有及新的受託人；轉移一般在收到指示後約一個月內完成，完成後你會收到通知。",
        "The platform tells the old and new trustees; a transfer usually completes within about a month, "
        "and you are told when it has."),
    "CHANGE_PARTICULARS": (
        "平台更新你的資料後，會以原有及新的聯絡方法通知你。如你沒有作出此更改，請立即致電熱線。",
        "Once the platform has updated your details it tells you, at your old and new contact details. If "
        "you did not make this change, call the hotline at once."),
    "VOLUNTARY_CONTRIBUTION": (
        "平台會安排你的自願性供款；首次扣款前你會收到確認。",
        "The platform sets up your voluntary contributions; you are told before the first payment is taken."),
    "MEMBER_REGISTRATION": (
        "平台會開立你的積金易帳戶，並以短訊通知你；之後你可登入查看帳戶。",
        "The platform opens your eMPF account and tells you by SMS; you can then sign in to see it."),
}
GENERAL = ("平台收到指示後會處理，並通知你結果。",
           "The platform acts on the instruction once it arrives and tells you the outcome.")
CHECK = ("你可隨時在任何自助服務機以此收據編號查詢指示的狀態。積金易熱線：{hotline}",
         "You can check where it is at any kiosk with this reference. eMPF hotline: {hotline}")


def next_steps(type_code: str | None) -> tuple[str, str]:
    """(zh, en): what happens next for `type_code`, then how to check it and the hotline."""
    zh, en = NEXT_STEPS.get(type_code or "", GENERAL)
    return f"{zh}\n{CHECK[0].format(hotline=HOTLINE)}", f"{en}\n{CHECK[1].format(hotline=HOTLINE)}"
