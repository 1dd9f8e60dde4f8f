"""How much of a personal value the review shows (ui/screens/review.py asks, per field).

A signed-in member sees in full what they typed themselves: they must be able to check it, and the
platform has confirmed who they are. A bank account number stays behind a "show" tap even then
(someone may be looking over their shoulder). What they did not type (copied from a card or iAM
Smart, or carried in a prepared QR code) is masked, and so is everything for a member who is not
signed in."""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

from kiosk.core.flows.form import prefilled_from
from kiosk.domain.fields import Kind

if TYPE_CHECKING:
    from kiosk.core.state import SessionState
    from kiosk.domain.fields import FieldSpec


class Disclosure(str, Enum):
    FULL = "full"
    ON_TAP = "on_tap"  # masked until the member taps "show"
    MASKED = "masked"


def typed_by_member(state: SessionState, name: str) -> bool:
    """The member typed this field's value (not copied in from their identity, not from a QR code)."""
    if state.prepared is not None:
        return False
    if name in state.prefilled:
        current = state.form_values.get(name, state.form_raw.get(name))
        if current is not None and str(current) == state.prefilled[name]:
            return False  # still the value copied from the identity document or iAM Smart
    return not prefilled_from(state, name)


def disclosure(state: SessionState, spec: FieldSpec) -> Disclosure:
    if not spec.personal:
        return Disclosure.FULL
    if not state.signed_in or not typed_by_member(state, spec.name):
        return Disclosure.MASKED
    return Disclosure.ON_TAP if spec.kind is Kind.BANK_ACCOUNT else Disclosure.FULL
