"""Check or cancel an instruction by its receipt reference, at any kiosk (Screen.STATUS).

From the attract screen (no identification: the status is not personal) or from the signed-in
member's account. The reference is typed on the screen's keys or scanned from the receipt's QR
code. The UI runs the effects off its thread and answers with the next event:

- LookupReceipt: the platform's status and this kiosk's outbox row -> Session.receipt_found.
- FetchDetails / CancelInstruction: need the member signed in (the platform checks the sign-in is
  the member who gave the instruction) -> Session.receipt_answered, or receipt_refused /
  receipt_unavailable. A member not signed in is taken to sign in first (kiosk/core/flows/sign_in.py)
  and comes back here; one not yet identified is asked to identify first (the reference is kept).

A cancel is confirmed first (the screen says the cut-off) and goes to the audit log without the
member's number or the reference.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.effects import AuditMember, CancelInstruction, FetchDetails, LookupReceipt, Transition, stay
from kiosk.core.flows import common, sign_in
from kiosk.core.flows.common import quiet
from kiosk.core.receipt_check import TEXTS, CheckPhase, ReceiptCheck, normalise_ref, plausible_ref, ref_from_qr
from kiosk.core.state import Screen, SessionState
from kiosk.ports.audit import AuditEvent, Outcome

if TYPE_CHECKING:
    from kiosk.core.receipt_check import ReceiptLookup
    from kiosk.domain.account import InstructionStatus

FROM = (Screen.ATTRACT, Screen.MENU, Screen.ACCOUNT)


def requested(state: SessionState, ref: str = "") -> Transition:
    """"Check or cancel an instruction": from attract a session starts (nobody identified); from
    the menu or the account it comes back there. With `ref` (the account's list), it is looked up."""
    if state.screen not in FROM or state.saving:
        return stay(state)
    if state.screen is Screen.ATTRACT:
        s = common.start(state).state
        returns_to: str | None = None
    else:
        s, returns_to = state, state.screen.value
    s = quiet(s, screen=Screen.STATUS, receipt_check=ReceiptCheck(returns_to=returns_to))
    return submitted(s, ref) if ref else Transition(s)


def _view(state: SessionState) -> ReceiptCheck | None:
    return state.receipt_check if state.screen is Screen.STATUS else None


def typed(state: SessionState, text: str) -> Transition:
    """What is on the reference's field (not drawn again: the field shows it)."""
    view = _view(state)
    if view is None or view.phase not in (CheckPhase.ENTER, CheckPhase.SHOWN):
        return stay(state)
    return Transition(replace(state, receipt_check=replace(view, ref=normalise_ref(text))), notify=False)


def submitted(state: SessionState, text: str | None = None) -> Transition:
    """"Check": look the reference up (effect LookupReceipt)."""
    view = _view(state)
    if view is None or view.phase in (CheckPhase.LOOKING, CheckPhase.CANCELLING, CheckPhase.LOADING_DETAILS):
        return stay(state)
    ref = normalise_ref(view.ref if text is None else text)
    if not plausible_ref(ref):
        return Transition(replace(state, notice=TEXTS["REF_TOO_SHORT"],
                                  receipt_check=replace(view, ref=ref, phase=CheckPhase.ENTER)))
    fresh = ReceiptCheck(phase=CheckPhase.LOOKING, returns_to=view.returns_to, ref=ref)
    return Transition(quiet(state, receipt_check=fresh), (LookupReceipt(ref),))


def scanned(state: SessionState, text: str) -> Transition:
    """A QR code was read. A receipt's code opens the check (from attract, menu or account) or fills
    it in; answer True when it was a receipt's code and was taken, else False (not ours)."""
    ref = ref_from_qr(text)
    if ref is None:
        return stay(state, False)
    if state.screen in FROM:
        t = requested(state, ref)
        return replace(t, answer=t.state.screen is Screen.STATUS)
    if _view(state) is not None:
        return replace(submitted(state, ref), answer=True)
    return stay(state, False)


def found(state: SessionState, result: ReceiptLookup) -> Transition:
    """What the platform and the outbox said."""
    view = _view(state)
    if view is None or view.phase is not CheckPhase.LOOKING:
        return stay(state)
    s = replace(view, phase=CheckPhase.SHOWN, status=result.status, local=result.local, offline=result.offline)
    notice = None
    if not s.found:
        notice = TEXTS["OFFLINE"] if result.offline else TEXTS["RECEIPT_UNKNOWN"]
    elif result.offline:
        notice = TEXTS["OFFLINE"]
    return Transition(replace(state, receipt_check=s, notice=notice), activity=False)


def _needs_member(state: SessionState, view: ReceiptCheck) -> Transition | None:
    """Details and cancel need the signed-in member: to sign in (coming back here), or to identify
    first (the reference is kept: the account screen offers to come back). None: signed in."""
    if state.signed_in:
        return None
    if state.identity is None:
        return Transition(replace(state, notice=TEXTS["SIGN_IN_FIRST"], screen=Screen.IDENTIFY,
                                  receipt_check=replace(view, returns_to=None)))
    return sign_in.requested(state, None)


def details_requested(state: SessionState) -> Transition:
    """"Show what it says": the values, for the member who gave it (effect FetchDetails)."""
    view = _view(state)
    if view is None or view.phase is not CheckPhase.SHOWN or view.status is None:
        return stay(state)
    routed = _needs_member(state, view)
    if routed is not None:
        return routed
    assert state.sign_in is not None
    s = quiet(state, receipt_check=replace(view, phase=CheckPhase.LOADING_DETAILS))
    return Transition(s, (FetchDetails(view.ref, state.sign_in),))


def cancel_requested(state: SessionState) -> Transition:
    """"Cancel this instruction": asks to confirm, saying the cut-off. An instruction not yet at
    the platform, or one it says cannot be cancelled, is explained instead."""
    view = _view(state)
    if view is None or view.phase is not CheckPhase.SHOWN or not view.found:
        return stay(state)
    if view.status is None:  # still in this kiosk's outbox (or the platform is out of reach)
        key = "OFFLINE_CANCEL" if view.offline else "NOT_YET_SENT"
        return Transition(replace(state, notice=TEXTS[key]))
    if not view.status.cancellable:
        if view.status.status == "cancelled":
            key = "CANCELLED"
        elif view.status.cancel_by and view.status.status == "received":
            key = "CANCEL_TOO_LATE"  # a type that can be cancelled, past its cut-off
        else:
            key = "CANCEL_NOT_ALLOWED"
        return Transition(replace(state, notice=TEXTS[key]))
    routed = _needs_member(state, view)
    if routed is not None:
        return routed
    return Transition(quiet(state, receipt_check=replace(view, phase=CheckPhase.CONFIRM_CANCEL)))


def cancel_confirmed(state: SessionState) -> Transition:
    """"Yes, cancel it" (effect CancelInstruction)."""
    view = _view(state)
    if view is None or view.phase is not CheckPhase.CONFIRM_CANCEL or not state.signed_in:
        return stay(state)
    assert state.sign_in is not None
    s = quiet(state, receipt_check=replace(view, phase=CheckPhase.CANCELLING))
    return Transition(s, (CancelInstruction(view.ref, state.sign_in),))


def cancel_kept(state: SessionState) -> Transition:
    """"No, keep it"."""
    view = _view(state)
    if view is None or view.phase is not CheckPhase.CONFIRM_CANCEL:
        return stay(state)
    return Transition(quiet(state, receipt_check=replace(view, phase=CheckPhase.SHOWN)))


def answered(state: SessionState, status: InstructionStatus) -> Transition:
    """The platform's answer to FetchDetails or CancelInstruction (a cancel is audited)."""
    view = _view(state)
    if view is None or view.phase not in (CheckPhase.LOADING_DETAILS, CheckPhase.CANCELLING):
        return stay(state)
    cancelling = view.phase is CheckPhase.CANCELLING
    detailed = status.values is not None or view.detailed
    kept = status if status.values is not None or view.status is None else replace(status, values=view.status.values)
    s = replace(state, receipt_check=replace(view, phase=CheckPhase.SHOWN, status=kept, detailed=detailed),
                notice=TEXTS["CANCELLED"] if cancelling and status.status == "cancelled" else None)
    if not cancelling:
        return Transition(s, activity=False)
    audit = AuditMember(AuditEvent.MEMBER_CANCELLED.value, Outcome.OK.value, (("type", status.type),))
    return Transition(s, (audit,), activity=False)


def refused(state: SessionState, code: str, message: tuple[str, str]) -> Transition:
    """The platform said no (CANCEL_NOT_ALLOWED, CANCEL_TOO_LATE, RECEIPT_UNKNOWN, a sign-in that is
    not the member's): its bilingual message; a refused cancel is audited."""
    view = _view(state)
    if view is None or view.phase not in (CheckPhase.LOADING_DETAILS, CheckPhase.CANCELLING):
        return stay(state)
    shown = TEXTS.get(code, message) if not (message[0] and message[1]) else message
    s = replace(state, notice=shown, receipt_check=replace(view, phase=CheckPhase.SHOWN))
    if view.phase is not CheckPhase.CANCELLING:
        return Transition(s, activity=False)
    audit = AuditMember(AuditEvent.MEMBER_CANCELLED.value, Outcome.REFUSED.value, (("code", code),))
    return Transition(s, (audit,), activity=False)


def unavailable(state: SessionState) -> Transition:
    """The platform could not be reached for details or a cancel: nothing was changed."""
    view = _view(state)
    if view is None or view.phase not in (CheckPhase.LOADING_DETAILS, CheckPhase.CANCELLING):
        return stay(state)
    key = "OFFLINE_CANCEL" if view.phase is CheckPhase.CANCELLING else "OFFLINE"
    return Transition(replace(state, notice=TEXTS[key], receipt_check=replace(view, phase=CheckPhase.SHOWN)),
                      activity=False)


def back(state: SessionState, default_lang: str) -> Transition:
    """From the cancel's question: the status. From what was found: the entry. From the entry:
    where it was opened (menu or account), or, opened on attract, the session ends."""
    view = state.receipt_check
    if view is None:
        return common.wipe(state, default_lang)
    if view.phase is CheckPhase.CONFIRM_CANCEL:
        return Transition(quiet(state, receipt_check=replace(view, phase=CheckPhase.SHOWN)))
    if view.phase is CheckPhase.SHOWN:
        return Transition(quiet(state, receipt_check=ReceiptCheck(returns_to=view.returns_to, ref=view.ref)))
    if view.returns_to is None:
        return common.wipe(state, default_lang)
    return Transition(quiet(state, receipt_check=None, screen=Screen(view.returns_to)))
