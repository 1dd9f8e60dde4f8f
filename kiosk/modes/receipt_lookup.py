"""Staff look up a receipt reference (typed, or scanned from the receipt's QR code): where the
instruction is in this kiosk's outbox and what the platform says of it. Neither side shows personal
data: the outbox's view has none (kiosk.ports.staff_queue.LocalReceipt) and the platform's status
call needs no member sign-in and returns none (docs/sign-in.md). No Qt.

The platform is asked with a timeout on a worker thread (the caller's); when it cannot be reached
the kiosk's own view still shows, with a bilingual reason beside it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from kiosk.domain.account import InstructionStatus
from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.ports import PlatformError
from kiosk.ports.audit import AuditEvent, Outcome
from kiosk.ports.member import SignInRefused
from kiosk.ports.staff import Refused
from kiosk.ports.staff_queue import LocalReceipt, StaffQueue

# EK-261126-7QX4M2 (offline_cache.outbox_rows.new_kiosk_ref), found anywhere in what was typed or
# scanned (a receipt's QR code may carry more than the reference).
REFERENCE = re.compile(r"EK-?(\d{6})-?([A-Z0-9]{6})")
NOT_A_REFERENCE = Refused("RECEIPT_REF_FORMAT", "收據編號格式不正確，例如 EK-261126-7QX4M2。",
                          "That is not a receipt reference; it looks like EK-261126-7QX4M2.")
PLATFORM_UNKNOWN = ("平台沒有此收據編號的紀錄（可能仍未傳送）。",
                    "The platform has no instruction with this reference (it may not have been sent yet).")
PLATFORM_UNREACHABLE = ("暫時未能連接積金易平台，只顯示本機紀錄。",
                        "The platform cannot be reached now: this kiosk's record only.")
PLATFORM_NOT_SET_UP = ("本機未設定向平台查詢收據。", "This kiosk is not set up to ask the platform about receipts.")


def reference_in(text: str) -> str:
    """The receipt reference in `text` (typed with or without dashes, any case, or a scanned code
    that contains it), as the kiosk writes it; Refused (bilingual) when there is none."""
    found = REFERENCE.search(re.sub(r"\s+", "", text).upper())
    if found is None:
        raise NOT_A_REFERENCE
    return f"EK-{found.group(1)}-{found.group(2)}"


@dataclass(frozen=True)
class ReceiptLookup:
    kiosk_ref: str
    local: LocalReceipt | None  # None: not on this kiosk (another kiosk's, or purged)
    platform: InstructionStatus | None  # None: see platform_note
    platform_note: tuple[str, str] | None = None  # (zh, en) why the platform's view is missing


class ReceiptLookups:
    def __init__(self, desk: StaffDesk, queue: StaffQueue,
                 platform_status: Callable[[str], InstructionStatus] | None) -> None:
        self.desk = desk
        self.queue = queue
        self._platform_status = platform_status

    def look_up(self, text: str) -> ReceiptLookup:
        """Blocking (the platform is asked): call it off the UI thread. Refused (bilingual) for a
        text without a reference or nobody signed in; audited (the reference only)."""
        self.desk.require(Action.VIEW_DASHBOARD)
        ref = reference_in(text)
        local = self.queue.receipt(ref)
        platform, note = self._ask_platform(ref)
        self.desk.record(AuditEvent.RECEIPT_LOOKED_UP, Outcome.OK, kiosk_ref=ref, here=local is not None,
                         platform=platform.status if platform is not None else "")
        # The answer strips the member's values even if a platform sent them (it must not).
        if platform is not None and platform.values is not None:
            platform = replace(platform, values=None)
        return ReceiptLookup(ref, local, platform, note)

    def _ask_platform(self, ref: str) -> tuple[InstructionStatus | None, tuple[str, str] | None]:
        if self._platform_status is None:
            return None, PLATFORM_NOT_SET_UP
        try:
            return self._platform_status(ref), None
        except SignInRefused as refused:
            if refused.code == "RECEIPT_UNKNOWN":
                return None, PLATFORM_UNKNOWN
            return None, (refused.message_zh or PLATFORM_UNREACHABLE[0], refused.message_en or PLATFORM_UNREACHABLE[1])
        except PlatformError:
            return None, PLATFORM_UNREACHABLE
