"""Staff-assisted identification: a signed-in staff member confirms "I have seen the member's HKID
card" for a number the member typed (the card's chip cannot be read without an authorised module:
drivers/cards/hkid_plugin.py).

The confirmation is the staff member's word, so it is in their name in the hash-chained audit log,
with the number masked (A12****(*)): the log must never hold a full HKID. The identity it makes
carries `verified_by_staff`, which goes to the platform as `member.verified_by_staff`
(docs/platform-api.yaml). No Qt.
"""

from __future__ import annotations

from dataclasses import replace

from drivers.cards.hkid_plugin import fallback_identity
from kiosk.domain import Identity
from kiosk.modes.roles import Action
from kiosk.modes.staff import StaffDesk
from kiosk.ports.audit import AuditEvent, Outcome


def confirm_card_seen(desk: StaffDesk, typed: Identity) -> Identity:
    """The typed identity, now marked verified by the signed-in staff member, and audited.
    Raises Refused (bilingual: nobody signed in) or ValidationError (a bad number)."""
    principal = desk.require(Action.CONFIRM_CARD_SEEN)
    checked = fallback_identity(typed.hkid, principal.staff_id)  # the check character, once more
    desk.record(AuditEvent.CARD_SEEN, principal=principal, member=checked.masked_hkid,
                has_name=bool(typed.name_en or typed.name_zh))
    # Keep what a document chip said (name, birth date) beside the typed number.
    return replace(typed, hkid=checked.hkid, verified_by_staff=checked.verified_by_staff)


def decline_card_seen(desk: StaffDesk, typed: Identity) -> None:
    """Staff did not (or could not) confirm: audited in their name when someone is signed in."""
    desk.record(AuditEvent.CARD_NOT_SEEN, Outcome.REFUSED, member=typed.masked_hkid)
