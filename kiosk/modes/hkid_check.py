"""Staff-assisted identification: a signed-in staff member confirms "I have seen the member's HKID
card" for a number the member typed (the card's chip cannot be read without an authorised module:
drivers/cards/hkid_plugin.py).

Staff see the typed number in full on their own panel (`card_to_check`, signed in only) and
confirm there; the member's screen only says that staff are checking. The confirmation is the
staff member's word, so it is in their name in the hash-chained audit log,
with the number masked (A12****(*)): the log must never hold a full HKID. The identity it makes
carries `verified_by_staff`, which goes to the platform as `member.verified_by_staff`
(docs/platform-api.yaml). No Qt.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

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


@dataclass(frozen=True, repr=False)
class CardToCheck:
    """What the signed-in staff member compares with the member's HKID card, on the staff panel:
    the number and names as typed, in full (a masked number cannot be compared with a card)."""

    hkid: str
    name_en: str
    name_zh: str
    staff_id: str
    shop: str

    def __repr__(self) -> str:  # no personal data in a traceback
        return f"CardToCheck(staff_id={self.staff_id!r})"


def card_to_check(desk: StaffDesk, typed: Identity) -> CardToCheck:
    """The typed identity in full, only for a signed-in staff member who may confirm it (Refused,
    bilingual, otherwise). The member's own screen shows none of it: kiosk.core keeps the number in
    `SessionState.staff_check` and the member's page says staff are checking."""
    principal = desk.require(Action.CONFIRM_CARD_SEEN)
    return CardToCheck(typed.hkid, typed.name_en, typed.name_zh, principal.staff_id, principal.shop)
