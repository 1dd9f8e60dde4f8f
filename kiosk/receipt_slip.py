"""The printed receipt's layout: a saved instruction's reference, in the member's language first and
the other after it (繁體中文 or 简体中文 with English), as lines a printer driver puts on paper.

What the slip carries is what the member needs to follow the instruction up and nothing more: the
kiosk reference (as text and as a QR code holding only the reference), the kind of instruction,
when it was saved, what happens next for that kind, and the eMPF hotline. The HKID number appears
masked (`A12****(*)`) when given; no name, no account, no amount.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from kiosk.languages import EN, ZH_HK, choose, is_chinese
from kiosk.ports import Receipt
from kiosk.ports.printer import LineStyle, ReceiptSlip, SlipLine

QR_PREFIX = "EMPFK:"  # the receipt QR's payload: this prefix and the kiosk reference, nothing else
HOTLINE = "183 2622"  # the eMPF platform's hotline
HONG_KONG = timezone(timedelta(hours=8))

# What happens after the kiosk, per instruction type (kiosk/domain/forms): (繁體中文, English).
NEXT_STEPS: dict[str, tuple[str, str]] = {
    "MEMBER_REGISTRATION": (
        "平台會為你登記，並以短訊或郵件確認。",
        "The platform registers you and confirms by SMS or letter."),
    "CHANGE_PARTICULARS": (
        "平台收到後會更新你的資料，並通知你的受託人。",
        "The platform updates your details once it has the instruction, and tells your trustee."),
    "FUND_SWITCH": (
        "基金轉換於交易日處理（工作日下午4時截止）。截止前可在自助服務站以此編號取消。",
        "A fund switch is dealt on its dealing day (cut-off 4 pm on working days). "
        "Until the cut-off you can cancel it at a kiosk with this reference."),
    "TRANSFER_BENEFITS": (
        "轉移需時數星期：原計劃贖回，新計劃買入。完成後你會收到通知。",
        "A transfer takes some weeks: the old scheme sells, the new scheme buys. "
        "You are told when it is done."),
    "WITHDRAWAL_CLAIM": (
        "受託人會審核你的申請；如需補交文件，會與你聯絡。款項會存入你提供的銀行戶口。",
        "The trustee checks your claim and contacts you if a document is missing. "
        "Payment goes to the bank account you gave."),
    "VOLUNTARY_CONTRIBUTION": (
        "平台會安排你的自願性供款，首次供款按你選擇的日期進行。",
        "The platform sets up your voluntary contributions from the date you chose."),
    "EMPLOYEE_ENROLMENT": (
        "平台會為僱員登記參加計劃；僱主由下一個供款期起供款。",
        "The platform enrols the employee; the employer contributes from the next period."),
    "TERMINATION": (
        "平台會記錄終止受僱；僱主須繳付仍欠的供款。",
        "The platform records the end of employment; the employer pays any contributions still due."),
    "CONTRIBUTION_DATA": (
        "平台會核對供款資料，並通知僱主應繳款額。",
        "The platform checks the contribution data and tells the employer the amount to pay."),
}
GENERAL_NEXT = ("平台收到後會處理你的指示。",
                "The platform processes your instruction once it has it.")
FOLLOW_UP = ("可憑此參考編號在任何自助服務站或積金易平台查詢進度。",
             "Check its progress with this reference at any kiosk or on the eMPF platform.")

_TEXT: dict[str, tuple[str, str]] = {
    "title": ("積金易自助服務站收據", "eMPF kiosk receipt"),
    "reference": ("參考編號", "Reference"),
    "instruction": ("指示", "Instruction"),
    "saved": ("儲存時間", "Saved at"),
    "hkid": ("香港身份證", "HKID"),
    "next": ("下一步", "What happens next"),
    "hotline": ("積金易熱線", "eMPF hotline"),
    "qr": ("二維碼只包含參考編號", "The QR code holds only the reference"),
    "keep": ("請保留此收據。", "Please keep this receipt."),
}


def qr_payload(kiosk_ref: str) -> str:
    """What the receipt's QR code carries: the kiosk reference only, never anything about the member."""
    return f"{QR_PREFIX}{kiosk_ref}"


def _languages(lang: str) -> tuple[str, str]:
    """The member's language first, then the other script: zh_HK/zh_CN with English."""
    return (lang, EN) if is_chinese(lang) else (EN, ZH_HK)


def _saved_at(queued_at: str) -> str:
    """`2026-11-26 12:00` in Hong Kong time (YYYY-MM-DD, as everywhere on the kiosk); the raw text
    when it does not parse."""
    try:
        when = datetime.fromisoformat(queued_at)
    except ValueError:
        return queued_at
    if when.tzinfo is not None:
        when = when.astimezone(HONG_KONG)
    return when.strftime("%Y-%m-%d %H:%M")


def slip_for(receipt: Receipt, lang: str, *, instruction: tuple[str, str] | None = None,
             instruction_type: str | None = None, masked_hkid: str = "") -> ReceiptSlip:
    """The slip for a saved instruction. `instruction`: its (繁體中文, English) title; `instruction_type`:
    its code, which picks the next steps; `masked_hkid`: already masked (kiosk.domain.hkid.mask)."""
    first, second = _languages(lang)

    def both(pair: tuple[str, str], sep: str = " / ") -> str:
        return f"{choose(*pair, first)}{sep}{choose(*pair, second)}"

    def label(key: str) -> str:
        return both(_TEXT[key])

    lines: list[SlipLine] = [
        SlipLine(choose(*_TEXT["title"], first), LineStyle.TITLE, centred=True),
        SlipLine(choose(*_TEXT["title"], second), LineStyle.HEADING, centred=True),
        SlipLine("", LineStyle.RULE),
        SlipLine(label("reference"), LineStyle.SMALL, centred=True),
        SlipLine(receipt.kiosk_ref, LineStyle.REFERENCE, centred=True),
    ]
    qr_after = len(lines)
    lines.append(SlipLine(choose(*_TEXT["qr"], first), LineStyle.SMALL, centred=True))
    lines.append(SlipLine(choose(*_TEXT["qr"], second), LineStyle.SMALL, centred=True))
    lines.append(SlipLine("", LineStyle.RULE))
    if instruction is not None:
        lines.append(SlipLine(f"{label('instruction')}:", LineStyle.HEADING))
        lines.append(SlipLine(choose(*instruction, first)))
        lines.append(SlipLine(choose(*instruction, second)))
    lines.append(SlipLine(f"{label('saved')}: {_saved_at(receipt.queued_at)}"))
    if masked_hkid:
        lines.append(SlipLine(f"{label('hkid')}: {masked_hkid}"))
    lines.append(SlipLine("", LineStyle.RULE))
    lines.append(SlipLine(f"{label('next')}:", LineStyle.HEADING))
    next_step = NEXT_STEPS.get(instruction_type or "", GENERAL_NEXT)
    for pair in (next_step, FOLLOW_UP):
        lines.append(SlipLine(choose(*pair, first)))
    for pair in (next_step, FOLLOW_UP):
        lines.append(SlipLine(choose(*pair, second)))
    lines.append(SlipLine("", LineStyle.RULE))
    lines.append(SlipLine(f"{label('hotline')}: {HOTLINE}", LineStyle.HEADING, centred=True))
    lines.append(SlipLine(label("keep"), LineStyle.SMALL, centred=True))
    return ReceiptSlip(kiosk_ref=receipt.kiosk_ref, lines=tuple(lines), qr_payload=qr_payload(receipt.kiosk_ref),
                       qr_after=qr_after)
