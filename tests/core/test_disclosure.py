"""What the review shows in full (kiosk/core/disclosure.py)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.disclosure import Disclosure, disclosure
from kiosk.core.session import Session
from kiosk.domain import Identity, IdentitySource, get_type
from tests.support.member import sign_in_by_code

CARD = Identity("A123456(3)", name_en="CHAN TAI MAN", date_of_birth="1960-01-01", source=IdentitySource.CARD)


def at_withdrawal(signed_in: bool) -> Session:
    s = Session()
    s.start()
    s.identified(CARD)
    if signed_in:
        sign_in_by_code(s)
        s.back()
        s.choose("WITHDRAWAL_CLAIM")
    return s


def test_a_signed_in_member_sees_what_they_typed_bank_numbers_behind_a_tap() -> None:
    s = at_withdrawal(signed_in=True)
    itype = get_type("WITHDRAWAL_CLAIM")
    s.state = replace(s.state, form_values={"bank_account": "004-123-456789", "date_of_birth": "1960-01-01"})
    assert disclosure(s.state, itype.field("bank_account")) is Disclosure.ON_TAP
    assert disclosure(s.state, itype.field("date_of_birth")) is Disclosure.FULL
    assert disclosure(s.state, itype.field("ground")) is Disclosure.FULL  # not personal
    # Copied in from the identity document and left as it was: they did not type it.
    s.state = replace(s.state, prefilled={"date_of_birth": "1960-01-01"}, prefill_source="iamsmart")
    assert disclosure(s.state, itype.field("date_of_birth")) is Disclosure.MASKED
    # Changed by the member: theirs.
    s.state = replace(s.state, form_values={"date_of_birth": "1961-02-02"})
    assert disclosure(s.state, itype.field("date_of_birth")) is Disclosure.FULL


def test_not_signed_in_everything_personal_is_masked() -> None:
    s = at_withdrawal(signed_in=False)
    itype = get_type("WITHDRAWAL_CLAIM")
    s.state = replace(s.state, form_values={"bank_account": "004-123-456789"})
    assert disclosure(s.state, itype.field("bank_account")) is Disclosure.MASKED
