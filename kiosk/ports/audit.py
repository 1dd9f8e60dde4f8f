"""The audit log as a port (offline_cache.audit implements it) and the registry of its events: every
staff and technician action has an id here, and the audit log refuses any other. Ids are stable
strings (reports and `kiosk audit verify` print them)."""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Protocol


class AuditEvent(str, Enum):
    # signing in and out
    SIGN_IN = "staff.sign_in"
    SIGN_IN_REFUSED = "staff.sign_in_refused"
    LOCKED_OUT = "staff.locked_out"
    SIGN_OUT = "staff.sign_out"
    # a member signing in (never the number: the method and the outcome)
    MEMBER_SIGN_IN = "member.sign_in"
    MEMBER_SIGN_IN_REFUSED = "member.sign_in_refused"
    MEMBER_CODES_LOCKED = "member.codes_locked"
    MEMBER_CANCELLED = "member.cancelled"
    # the member's session
    ASSISTED_SESSION = "session.assisted"
    INSTRUCTION_ASSISTED = "instruction.assisted"
    AMEND_STARTED = "instruction.amend_started"
    INSTRUCTION_AMENDED = "instruction.amended"
    INSTRUCTION_VOIDED = "instruction.voided"
    SYNC_FORCED = "sync.forced"
    CARD_SEEN = "identity.card_seen"  # staff confirmed they saw the member's HKID card (typed number)
    CARD_NOT_SEEN = "identity.card_not_seen"  # staff declined: the typed number was not used
    STAFF_CALL_ANSWERED = "session.staff_call_answered"  # staff came to a member who called them
    RECEIPT_LOOKED_UP = "receipt.looked_up"  # staff looked up a receipt reference (the reference only)
    # technician
    DOCTOR_RUN = "tech.doctor"
    ENROLLED = "tech.enrolled"
    SECRET_ROTATED = "tech.secret_rotated"
    LOGS_EXPORTED = "tech.logs_exported"
    SETTING_CHANGED = "tech.setting_changed"
    STAFF_REGISTERED = "tech.staff_registered"
    KIOSK_QUIT = "tech.kiosk_quit"
    # updates
    UPDATE_REFUSED = "update.refused"
    UPDATE_INSTALLED = "update.installed"
    UPDATE_ROLLED_BACK = "update.rolled_back"
    UPDATE_DEFERRED = "update.deferred"
    # the log itself
    AUDIT_VERIFIED = "audit.verified"


DESCRIPTIONS: dict[AuditEvent, str] = {
    AuditEvent.SIGN_IN: "a staff member or technician signed in",
    AuditEvent.SIGN_IN_REFUSED: "a sign-in was refused (wrong PIN or code, unknown staff id)",
    AuditEvent.LOCKED_OUT: "too many wrong PINs: sign-in locked for a while",
    AuditEvent.SIGN_OUT: "staff mode ended (signed out, idle, card removed)",
    AuditEvent.MEMBER_SIGN_IN: "a member signed in (iAM Smart or a one-time code); the method, never the number",
    AuditEvent.MEMBER_SIGN_IN_REFUSED: "a member's sign-in was refused (wrong or expired code, no mobile held)",
    AuditEvent.MEMBER_CODES_LOCKED: "too many wrong one-time codes: the member's codes are locked for a while",
    AuditEvent.MEMBER_CANCELLED: "a signed-in member cancelled an instruction by its reference",
    AuditEvent.ASSISTED_SESSION: "staff mode was entered during a member's session, which is now assisted",
    AuditEvent.INSTRUCTION_ASSISTED: "an instruction was confirmed in an assisted session",
    AuditEvent.AMEND_STARTED: "staff opened a rejected instruction for the member to amend",
    AuditEvent.INSTRUCTION_AMENDED: "a rejected instruction was replaced by a new linked one",
    AuditEvent.INSTRUCTION_VOIDED: "a rejected instruction was voided with a reason",
    AuditEvent.SYNC_FORCED: "staff asked for a sync now",
    AuditEvent.CARD_SEEN: "staff confirmed they saw the member's HKID card for a typed number (masked)",
    AuditEvent.CARD_NOT_SEEN: "staff did not confirm the member's HKID card; the typed number was not used",
    AuditEvent.STAFF_CALL_ANSWERED: "staff answered a member's call for help (how long the member waited)",
    AuditEvent.RECEIPT_LOOKED_UP: "staff looked up a receipt reference (where it is here and on the platform)",
    AuditEvent.DOCTOR_RUN: "the doctor report was run",
    AuditEvent.ENROLLED: "the terminal was enrolled with a one-time code",
    AuditEvent.SECRET_ROTATED: "the device secret was rotated",
    AuditEvent.LOGS_EXPORTED: "scrubbed logs were exported",
    AuditEvent.SETTING_CHANGED: "a technician changed a setting",
    AuditEvent.STAFF_REGISTERED: "a staff PIN was registered or changed",
    AuditEvent.KIOSK_QUIT: "a technician closed the kiosk",
    AuditEvent.UPDATE_REFUSED: "an update was refused (signature, hash, version, expiry)",
    AuditEvent.UPDATE_INSTALLED: "an update was installed and passed its self-test",
    AuditEvent.UPDATE_ROLLED_BACK: "an update failed its self-test and the previous slot was restored",
    AuditEvent.UPDATE_DEFERRED: "an update waits until no member is using the kiosk",
    AuditEvent.AUDIT_VERIFIED: "the audit log was verified",
}


class Outcome(str, Enum):
    OK = "ok"
    REFUSED = "refused"
    FAILED = "failed"


def lookup(event_id: str) -> AuditEvent:
    """The registered event with this id; ValueError for anything else."""
    return AuditEvent(event_id)


class AuditLog(Protocol):
    """Append-only, tamper-evident record of every staff and technician action (offline_cache.audit).

    `event` is an id from AuditEvent; `detail` holds references, codes and counts only,
    never personal data."""

    def record(self, event: str, *, role: str, actor: str, shop: str, outcome: str,
               detail: Mapping[str, str | int | float | bool | None] | None = None) -> None: ...
