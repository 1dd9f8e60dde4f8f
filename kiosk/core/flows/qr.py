"""QR codes shown to the kiosk (already interpreted by kiosk.qr, off the UI thread): a signed
prepared instruction goes to review once its member is identified; a payment reference or a short
code goes into the form field made for it."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.catalogue import Surroundings, get_type
from kiosk.core.effects import Transition, stay
from kiosk.core.flows import common, form, registration
from kiosk.core.state import REGISTRATION, RegistrationStep, Screen, SessionState
from kiosk.core.texts import PAYMENT_NO_FIELD, PAYMENT_REFERENCE_FIELDS, PREPARED_IDENTIFY_FIRST

if TYPE_CHECKING:
    from kiosk.qr import PreparedInstruction, QrPayload, QrRefusal


def scan_requested(state: SessionState) -> Transition:
    """The member wants to show a prepared instruction's QR code to the camera."""
    if state.identity is None or state.screen is not Screen.MENU:
        return stay(state)
    return Transition(replace(state, notice=None, screen=Screen.SCAN))


def received(state: SessionState, env: Surroundings, result: QrPayload | QrRefusal,
             field_name: str | None = None) -> Transition:
    """A scanned code. `field_name` is the form field that has the focus, if any. Answer: what was
    done: "ignored", "refused", "pending" (identify first), "review", "field" or "field-error"."""
    from kiosk.qr import PaymentReference, PlainCode, PreparedInstruction, QrRefusal
    from kiosk.qr import refusal as qr_refusal

    s = state
    if s.saving or s.card_reading or s.screen in (Screen.REVIEW, Screen.RECEIPT, Screen.IAMSMART):
        return stay(s, "ignored")  # never disturb a member checking, saving, or reading a receipt
    if s.screen is Screen.ATTRACT:
        s = common.start(s).state  # a code shown to the kiosk is as good as pressing Start
    if isinstance(result, QrRefusal):
        return Transition(replace(s, notice=result.pair), answer="refused")
    if isinstance(result, PreparedInstruction):
        if s.identity is None:
            return Transition(replace(s, prepared=result, screen=Screen.IDENTIFY, notice=PREPARED_IDENTIFY_FIRST),
                              answer="pending")
        s, done = review_prepared(s, env, result)
        return Transition(s, answer=done)
    if isinstance(result, PaymentReference):
        elsewhere = (PAYMENT_NO_FIELD[0].format(ref=result.text), PAYMENT_NO_FIELD[1].format(ref=result.text))
        # Only into a field made for it: a reference in the mobile-number field helps nobody.
        return _fill_from_code(s, env, result.text, None, PAYMENT_REFERENCE_FIELDS, elsewhere)
    assert isinstance(result, PlainCode)
    return _fill_from_code(s, env, result.text, field_name, (), qr_refusal("NOT_FOR_KIOSK", "plain").pair)


def review_prepared(state: SessionState, env: Surroundings,
                    prepared: PreparedInstruction) -> tuple[SessionState, str]:
    """A verified prepared instruction on review, if it belongs to the identified member and its
    values pass the form's rules with this member and the session's identity (kiosk.qr.review:
    what the flow sets, such as how the member was identified, never comes from the code); the
    checked values are what is reviewed and queued."""
    from kiosk.qr import QrRefusal
    from kiosk.qr.review import for_session

    assert state.identity is not None
    if prepared.type == REGISTRATION and prepared.for_member(state.identity.hkid) \
            and not registration.may_register(state.identity):
        # A registration code for a member who only typed or read their number: the same choice a
        # typed registration gets (iAM Smart or staff); once identified that way, its review.
        return replace(registration.choice(state), prepared=prepared), "pending"
    checked = for_session(prepared, state.identity, env.form_context(state))
    if isinstance(checked, QrRefusal):
        return replace(state, prepared=None, notice=checked.pair, screen=Screen.MENU), "refused"
    prepared = checked
    raw = {k: v if isinstance(v, dict) else str(v) for k, v in prepared.values.items()}
    return common.quiet(state, prepared=prepared, instruction_type=prepared.type, form_values=dict(prepared.values),
                        form_raw=raw, registration=RegistrationStep.NONE, screen=Screen.REVIEW), "review"


def _fill_from_code(state: SessionState, env: Surroundings, text: str, field_name: str | None,
                    preferred: tuple[str, ...], elsewhere: tuple[str, str]) -> Transition:
    """Put a scanned code into the form: into a field made for it, else the focused field."""
    names = [f.name for f in get_type(state.instruction_type).fields] if (
        state.screen is Screen.FORM and state.instruction_type) else []
    target = next((n for n in preferred if n in names), field_name if field_name in names else None)
    if target is None:
        return Transition(replace(state, notice=elsewhere), answer="refused")
    filled = form.set_field(state, env, target, text)
    error = filled.answer
    s = replace(filled.state, notice=None)
    if error is not None:
        s = replace(s, errors=[e for e in s.errors if e.field != target] + [error])
    return Transition(s, answer="field" if error is None else "field-error")


def back(state: SessionState) -> SessionState | None:
    """Back from the screens QR codes add; None: not theirs."""
    if state.screen is Screen.SCAN:
        return replace(state, screen=Screen.MENU)
    if state.screen is Screen.REVIEW and state.prepared is not None:
        # A signed instruction cannot be edited here (it would no longer be what was signed):
        # back means "not this one".
        return replace(state, prepared=None, instruction_type=None, form_raw={}, form_values={}, screen=Screen.MENU)
    return None
