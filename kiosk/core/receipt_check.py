"""What the "check or cancel an instruction" screen (Screen.STATUS) holds, and what it says.

A member at any kiosk types or scans a receipt reference; the platform says where that instruction
is (no sign-in needed), and this kiosk's outbox says where it is here when it has not reached the
platform yet. Details and cancel need the member who gave it signed in (the platform checks).
The flow is kiosk/core/flows/status.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.domain.account import InstructionStatus

REF_MAX = 40  # the platform's own limit on a kiosk reference


class CheckPhase(str, Enum):
    ENTER = "enter"  # the member types (or scans) the reference
    LOOKING = "looking"  # the platform and the outbox are asked
    SHOWN = "shown"  # what was found (or not found) is on screen
    LOADING_DETAILS = "loading_details"  # the values, for the signed-in member who gave it
    CONFIRM_CANCEL = "confirm_cancel"  # "Cancel this instruction?" with the cut-off
    CANCELLING = "cancelling"  # the cancel is with the platform


@dataclass(frozen=True)
class LocalReceipt:
    """The instruction as this kiosk's outbox knows it: its state (kiosk.ports.OutboxState value:
    queued, sending, accepted, rejected, amended, voided), the type, and a rejection's reason."""

    kiosk_ref: str
    type: str
    state: str
    reason_code: str = ""
    reason_en: str = ""


@dataclass(frozen=True)
class ReceiptLookup:
    """The answer to LookupReceipt: the platform's status (None: it does not know the reference, or
    could not be reached: `offline`), and this kiosk's outbox row (None: not sent from here)."""

    status: InstructionStatus | None = None
    local: LocalReceipt | None = None
    offline: bool = False


@dataclass(frozen=True)
class ReceiptCheck:
    phase: CheckPhase = CheckPhase.ENTER
    # Where Back goes from the entry (a kiosk.core.state.Screen value: menu or account); None: the
    # session ends (it was opened on the attract screen).
    returns_to: str | None = None
    ref: str = ""  # what was typed or scanned (upper case)
    status: InstructionStatus | None = field(default=None, repr=False)
    local: LocalReceipt | None = None
    offline: bool = False
    detailed: bool = False  # `status` carries the values (the signed-in member's own)

    @property
    def found(self) -> bool:
        return self.status is not None or self.local is not None

    @property
    def type(self) -> str:
        if self.status is not None:
            return self.status.type
        return self.local.type if self.local is not None else ""


_BARE_KIOSK_REF = re.compile(r"EK([0-9]{6})([A-Z0-9]{6})")


def normalise_ref(text: str) -> str:
    """A reference as the member typed or scanned it: upper case, spaces dropped, at most REF_MAX;
    only letters, digits and hyphens are kept. A kiosk reference typed without its hyphens (the
    on-screen keys have none) gets them back: EK2612067QX4M2 -> EK-261206-7QX4M2."""
    kept = "".join(c for c in text.upper() if c.isascii() and (c.isalnum() or c == "-"))[:REF_MAX]
    bare = _BARE_KIOSK_REF.fullmatch(kept)
    return f"EK-{bare.group(1)}-{bare.group(2)}" if bare else kept


def plausible_ref(ref: str) -> bool:
    return 4 <= len(ref) <= REF_MAX


RECEIPT_QR_PREFIX = "EMPFK:"  # what a receipt's QR code carries before the reference (ui/qr.py)


def ref_from_qr(text: str) -> str | None:
    """The reference a receipt's QR code carries, or None for any other code."""
    if not text.startswith(RECEIPT_QR_PREFIX):
        return None
    ref = normalise_ref(text[len(RECEIPT_QR_PREFIX):])
    return ref if plausible_ref(ref) else None


# What the screen says, in both languages (zh_CN is converted from zh).
TEXTS: dict[str, tuple[str, str]] = {
    "REF_TOO_SHORT": ("請輸入收據上的編號，例如 EK-261206-7QX4M2。",
                      "Type the reference on your receipt, e.g. EK-261206-7QX4M2."),
    "RECEIPT_UNKNOWN": ("找不到此收據編號的指示。請核對編號；如指示仍在服務機等待發送，請稍後再查詢。",
                        "No instruction has this receipt reference. Check the reference; if it is still "
                        "waiting at a kiosk, check again later."),
    "OFFLINE": ("暫時未能連接積金易平台，未能查詢平台上的狀態。請稍後再試，或致電積金易熱線 183 2622。",
                "The eMPF platform cannot be reached just now, so its status cannot be checked. Try "
                "later, or call the eMPF hotline 183 2622."),
    "OFFLINE_CANCEL": ("暫時未能連接積金易平台，未能取消指示。請稍後再試，或致電積金易熱線 183 2622。",
                       "The eMPF platform cannot be reached just now, so nothing can be cancelled. Try "
                       "later, or call the eMPF hotline 183 2622."),
    "LOOKING": ("正在查詢……", "Checking…"),
    "ASKING": ("正在聯絡積金易平台……", "Asking the eMPF platform…"),
    "CANCELLED": ("指示已取消，平台不會處理此指示。", "The instruction is cancelled: the platform will not act on it."),
    "SIGN_IN_FIRST": ("查看指示內容或取消指示，須由提交指示的成員登入。請先確認身份，再登入。",
                      "To see what the instruction says or cancel it, the member who gave it must sign "
                      "in. Identify yourself first, then sign in."),
    "CANCEL_NOT_ALLOWED": ("此類指示不可在服務機取消。請致電積金易熱線 183 2622。",
                           "This kind of instruction cannot be cancelled at a kiosk. Call the eMPF "
                           "hotline 183 2622."),
    "CANCEL_TOO_LATE": ("已過截止時間（交易日下午4時），指示已在處理中，不能取消。",
                        "The cut-off (4 pm on the dealing day) has passed: the instruction is being "
                        "processed and cannot be cancelled."),
    "NOT_YET_SENT": ("此指示仍在本服務機等待發送，送達平台後才可取消。如需協助，請向職員查詢。",
                     "This instruction is still waiting at this kiosk to be sent; it can be cancelled "
                     "once the platform has it. Ask the staff for help."),
}

# This kiosk's outbox states, said plainly.
LOCAL_STATES: dict[str, tuple[str, str]] = {
    "queued": ("在本服務機排隊等待發送", "Waiting at this kiosk to be sent"),
    "sending": ("正在發送往平台", "Being sent to the platform"),
    "accepted": ("已送達平台", "Delivered to the platform"),
    "rejected": ("平台不接納，請向職員查詢", "Not accepted by the platform: ask the staff"),
    "amended": ("已由修改後的指示取代", "Replaced by an amended instruction"),
    "voided": ("已由職員作廢", "Voided by staff"),
}

# The platform's statuses, said plainly.
PLATFORM_STATES: dict[str, tuple[str, str]] = {
    "received": ("平台已收到", "Received by the platform"),
    "cancelled": ("已取消", "Cancelled"),
    "rejected": ("平台不接納", "Not accepted by the platform"),
}
