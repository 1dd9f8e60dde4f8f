"""Review and confirm, and the session's part in staff assistance."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.core.catalogue import get_type
from kiosk.core.effects import SaveInstruction, Transition, stay
from kiosk.core.flows import common, registration, sign_in
from kiosk.core.state import Assistance, Screen, SessionState
from kiosk.core.texts import SAVE_FAILED
from kiosk.ports import Receipt

if TYPE_CHECKING:  # the confirm use case loads with the first confirm, not at start-up
    from kiosk.core.confirm import ConfirmResult
    from kiosk.domain.model import Instruction


def instruction(state: SessionState) -> Instruction:
    """What the member is confirming."""
    assert state.identity is not None and state.instruction_type is not None
    from kiosk.domain.model import Instruction

    return Instruction(state.instruction_type, state.identity, dict(state.form_values),
                       sign_in=state.sign_in if state.signed_in else None)


def confirm_started(state: SessionState) -> Transition:
    """The member pressed Confirm on review: saving (a second tap does nothing) and the confirm use
    case to run (effect SaveInstruction). Answer: the instruction, or None when not on review."""
    if state.screen is not Screen.REVIEW or state.saving:
        return stay(state)  # a double tap must not queue the instruction twice
    assert state.instruction_type is not None
    refused = sign_in.refusal(state, state.instruction_type)
    if refused is not None:  # never queued below its assurance level (kiosk/domain/assurance.py)
        if refused.code == "SIGN_IN_REQUIRED":  # e.g. a prepared code scanned: sign in, then back here
            return sign_in.requested(state)
        return Transition(replace(state, errors=[refused], notice=(refused.message_zh, refused.message_en)))
    from kiosk.core.confirm import ConfirmRequest

    item = instruction(state)
    request = ConfirmRequest(item, prepared=state.prepared, assisted=state.assisted)
    return Transition(replace(state, saving=True), (SaveInstruction(request),), answer=item)


def confirm_finished(state: SessionState, result: ConfirmResult) -> Transition:
    """The confirm use case answered: the receipt, or the member told why nothing was queued."""
    from kiosk.core.confirm import Confirmed

    if isinstance(result, Confirmed):
        return confirmed(state, result.receipt)
    return confirm_failed(state, result.message)


def confirmed(state: SessionState, receipt: Receipt) -> Transition:
    """The instruction is on disk: the form's personal values are not needed on screen any more, nor
    the signed values of a prepared one."""
    return Transition(replace(state, saving=False, receipt=receipt, prepared=None, form_raw={}, form_values={},
                              screen=Screen.RECEIPT))


def confirm_failed(state: SessionState, message: tuple[str, str] = SAVE_FAILED) -> Transition:
    return Transition(replace(state, saving=False, notice=message), activity=False)


def mark_assisted(state: SessionState, staff_id: str, role: str, shop: str) -> Transition:
    """Staff signed in during this member's session: keep it, and mark it assisted. Answer: whether
    there was a member session to keep (nothing to mark on the attract screen)."""
    if state.screen is Screen.ATTRACT:
        return stay(state, False)
    s = state if state.assisted is not None else replace(state, assisted=Assistance(staff_id, role, shop))
    if s.screen is Screen.REGISTRATION_IDENTITY and s.identity is not None:
        s = registration.ask_staff_check(s, s.identity)  # they came to check the member's HKID card
    return Transition(s, answer=True)


def start_amendment(state: SessionState, default_lang: str, type_code: str, form_raw: dict[str, Any],
                    assistance: Assistance) -> Transition:
    """A new assisted session to amend a rejected instruction (assistance.amends names it): the member
    identifies again (card or typed HKID: staff never see it in full, and a wrong number can be
    corrected), then corrects the pre-filled form and confirms again."""
    get_type(type_code)  # an unknown type raises
    fresh = common.wiped(state, default_lang)
    return Transition(replace(fresh, lang=state.lang, instruction_type=type_code, form_raw=dict(form_raw),
                              assisted=assistance, screen=Screen.IDENTIFY))
