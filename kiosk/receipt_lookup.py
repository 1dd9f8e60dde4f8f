"""Runs the receipt checks the kiosk core asks for (kiosk/core/flows/status.py) against the
platform (kiosk.ports.MemberPlatform) and this kiosk's outbox. Blocking: the UI calls these on its
worker thread and hands the answer to the Session (ui/receipt_effects.py).

Nothing here logs a reference, a sign-in or a value: the instruction's type and the outcome only.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from kiosk.core.receipt_check import LocalReceipt, ReceiptLookup
from kiosk.ports import PlatformError
from kiosk.ports.member import SignInRefused

if TYPE_CHECKING:
    from kiosk.domain.account import InstructionStatus
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.identity import Identity
    from kiosk.ports.member import MemberPlatform

log = logging.getLogger(__name__)

LocalFinder = Callable[[str], Mapping[str, Any] | None]  # SqliteOutbox.get: kiosk_ref -> its row


def local_receipt(find: LocalFinder | None, kiosk_ref: str) -> LocalReceipt | None:
    """This kiosk's outbox row for the reference, without its payload (None: not sent from here)."""
    if find is None:
        return None
    try:
        row = find(kiosk_ref)
    except Exception as e:  # a broken outbox must not hide the platform's answer
        log.warning("outbox lookup failed: %s", type(e).__name__)
        return None
    return _from_row(row, kiosk_ref) if row else None


def _from_row(row: Mapping[str, Any], kiosk_ref: str) -> LocalReceipt:
    return LocalReceipt(str(row.get("kiosk_ref", kiosk_ref)), str(row.get("type", "")), str(row.get("state", "")),
                        str(row.get("reason_code") or ""), str(row.get("reason_en") or ""))


def lookup(member: MemberPlatform | None, find: LocalFinder | None, kiosk_ref: str) -> ReceiptLookup:
    """Where the instruction is: the platform's status (no sign-in) and this kiosk's outbox row."""
    local = local_receipt(find, kiosk_ref)
    if member is None:
        return ReceiptLookup(local=local, offline=True)
    try:
        return ReceiptLookup(status=member.receipt_status(kiosk_ref), local=local)
    except SignInRefused as e:
        if e.code != "RECEIPT_UNKNOWN":
            log.info("receipt status refused: %s", e.code)
        return ReceiptLookup(local=local)
    except PlatformError as e:
        log.info("receipt status: platform unavailable (%s)", type(e).__name__)
        return ReceiptLookup(local=local, offline=True)


Answer = tuple[str, Any]  # ("answered", InstructionStatus) | ("refused", SignInRefused) | ("unavailable", None)


def member_call(call: Callable[[str, SignIn], InstructionStatus], kiosk_ref: str, sign_in: SignIn) -> Answer:
    """Details or cancel, with the platform's refusal or unavailability as an answer, not a raise."""
    try:
        return "answered", call(kiosk_ref, sign_in)
    except SignInRefused as e:
        log.info("receipt call refused: %s", e.code)
        return "refused", e
    except PlatformError as e:
        log.info("receipt call: platform unavailable (%s)", type(e).__name__)
        return "unavailable", None


def member_receipts(outbox: Any, member: Identity | None) -> list[LocalReceipt]:
    """This kiosk's outbox rows of one member (SqliteOutbox.of_member), newest first; [] when there
    is no outbox or no member."""
    if outbox is None or member is None or not hasattr(outbox, "of_member"):
        return []
    rows: list[Mapping[str, Any]] = outbox.of_member(member)
    return [_from_row(row, str(row.get("kiosk_ref", ""))) for row in rows]
