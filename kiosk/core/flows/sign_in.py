"""Signing a member in: what moves money or changes their details needs more than an HKID number
(kiosk/domain/assurance.py, docs/sign-in.md).

A member who chooses such an instruction, or asks to see their account, comes here: iAM Smart on
their phone (kiosk/core/flows/iamsmart.py, which comes back with the platform's sign-in), or a
one-time code the platform sends to the mobile number it holds. The code's steps are effects the UI
runs off its thread (SendCode, CheckCode) and answers with the next event. Signed in, the member's
account is fetched (FetchAccount) and the instruction that asked for the sign-in opens.

The sign-in and the account live in the session's state only: a wipe (session end, idle) forgets
them. The audit log hears of each sign-in without the member's number.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.effects import AuditMember, CheckCode, Effect, FetchAccount, SendCode, Transition, stay
from kiosk.core.flows import employer, form
from kiosk.core.flows.common import iamsmart_opened, quiet
from kiosk.core.flows.employer import EMPLOYER_DATA_TYPES
from kiosk.core.state import Screen, SessionState, SignInPhase, SignInView
from kiosk.core.texts import SIGN_IN_MESSAGES
from kiosk.ports.audit import AuditEvent, Outcome

if TYPE_CHECKING:
    from kiosk.domain.account import MemberAccount
    from kiosk.domain.assurance import SignIn
    from kiosk.domain.errors import ValidationError
    from kiosk.ports.member import SmsChallenge


# Screens a sign-in goes back to once done (else the account): the review it was asked on, or a
# receipt check whose details or cancel need it (kiosk/core/flows/status.py).
RETURNS_TO = (Screen.REVIEW, Screen.STATUS)


def refusal(state: SessionState, type_code: str) -> ValidationError | None:
    """Why this member may not give a `type_code` instruction as things stand, or None."""
    from kiosk.domain.assurance import check_assurance

    return check_assurance(type_code, state.identity, state.sign_in if state.signed_in else None)


def needs_sign_in(state: SessionState, type_code: str) -> bool:
    """A sign-in (and only a sign-in) would let this member give `type_code`: its assurance level,
    or an employer's statement, which needs the employer's data that only a sign-in fetches."""
    if type_code in EMPLOYER_DATA_TYPES and not state.signed_in:
        return True
    error = refusal(state, type_code)
    return error is not None and error.code == "SIGN_IN_REQUIRED"


def requested(state: SessionState, wanted: str | None = None) -> Transition:
    """The member asked to sign in (to see their account), or chose an instruction that needs it."""
    if state.identity is None or state.screen not in (Screen.MENU, Screen.ACCOUNT, Screen.FORM, Screen.REVIEW,
                                                      Screen.STATUS):
        return stay(state)
    view = SignInView(wanted=wanted, returns_to=state.screen if state.screen in RETURNS_TO else Screen.MENU)
    if state.signed_in:
        return _continue(state, view)
    return Transition(quiet(state, signing_in=view, screen=Screen.SIGN_IN))


def _view(state: SessionState) -> SignInView | None:
    return state.signing_in if state.screen is Screen.SIGN_IN else None


def iamsmart_chosen(state: SessionState) -> Transition:
    """"iAM Smart": its screen opens; it comes back signed in (iamsmart.progress) or here."""
    if _view(state) is None:
        return stay(state)
    return iamsmart_opened(state)


def code_requested(state: SessionState) -> Transition:
    """"Send a code to my mobile" (also: send a new one)."""
    view = _view(state)
    if view is None or state.identity is None or view.phase in (SignInPhase.SENDING, SignInPhase.CHECKING):
        return stay(state)
    s = quiet(state, signing_in=replace(view, phase=SignInPhase.SENDING, code="", challenge_id=""))
    return Transition(s, (SendCode(state.identity.hkid),))


def code_sent(state: SessionState, challenge: SmsChallenge, monotonic: float) -> Transition:
    view = _view(state)
    if view is None or view.phase is not SignInPhase.SENDING:
        return stay(state)
    view = replace(view, phase=SignInPhase.CODE, challenge_id=challenge.challenge_id, sent_to=challenge.sent_to,
                   code_length=challenge.code_length, expires_at=monotonic + challenge.expires_in_s, code="")
    return Transition(replace(state, signing_in=view), activity=False)


def code_typed(state: SessionState, text: str) -> Transition:
    """The digits on the code pad (anything else is dropped; at most the code's length)."""
    view = _view(state)
    if view is None or view.phase is not SignInPhase.CODE:
        return stay(state)
    digits = "".join(c for c in text if c.isascii() and c.isdigit())[:view.code_length]
    return Transition(quiet(state, signing_in=replace(view, code=digits)), notify=False)


def code_submitted(state: SessionState) -> Transition:
    view = _view(state)
    if view is None or view.phase is not SignInPhase.CODE or state.identity is None:
        return stay(state)
    if len(view.code) != view.code_length:
        return Transition(replace(state, notice=SIGN_IN_MESSAGES["CODE_LENGTH"]))
    s = quiet(state, signing_in=replace(view, phase=SignInPhase.CHECKING))
    return Transition(s, (CheckCode(view.challenge_id, view.code, state.identity.hkid),))


def signed_in(state: SessionState, sign_in: SignIn) -> Transition:
    """The platform confirmed the member (a one-time code): keep the sign-in, fetch the account,
    carry on to what they came for. A sign-in for anyone but the member identified is dropped."""
    view = _view(state)
    if view is None or view.phase is not SignInPhase.CHECKING:
        return stay(state)
    return kept(state, sign_in, view)


def kept(state: SessionState, sign_in: SignIn, view: SignInView | None) -> Transition:
    """Keep a sign-in the platform confirmed for the member identified (after a code, or iAM
    Smart); with `view`, carry on to what the sign-in screen was opened for."""
    if state.identity is None or sign_in.hkid != state.identity.hkid:
        return stay(state)
    s = replace(state, sign_in=sign_in, account=None, account_loading=True, signing_in=None)
    then: tuple[Effect, ...] = ()
    if view is not None:
        t = _continue(s, view)
        s, then = t.state, t.effects
    return Transition(s, (FetchAccount(sign_in),
                          AuditMember(AuditEvent.MEMBER_SIGN_IN.value, Outcome.OK.value,
                                      (("method", sign_in.method.value),)), *then))


def _continue(state: SessionState, view: SignInView) -> Transition:
    """On to the instruction that asked for the sign-in (an employer's statement: its employer
    first), back to the review, or the account."""
    if view.wanted is not None and employer.needs_employer(state, view.wanted):
        return employer.requested(quiet(state, signing_in=None), view.wanted)
    if view.wanted is not None:
        return Transition(form.open_form(quiet(state, signing_in=None), view.wanted))
    if view.returns_to in RETURNS_TO:
        return Transition(quiet(state, signing_in=None, screen=view.returns_to))
    return Transition(quiet(state, signing_in=None, screen=Screen.ACCOUNT))


def refused(state: SessionState, code: str, message: tuple[str, str], tries_left: int | None = None,
            retry_after_s: float | None = None) -> Transition:
    """The platform said no: a wrong or expired code, codes locked, no mobile number held."""
    view = _view(state)
    if view is None:
        return stay(state)
    if code == "OTP_LOCKED":
        phase, event = SignInPhase.LOCKED, AuditEvent.MEMBER_CODES_LOCKED
        if retry_after_s is not None and retry_after_s > 0:  # say for how long, in whole minutes
            zh, en = SIGN_IN_MESSAGES["LOCKED_FOR"]
            minutes = max(1, round(retry_after_s / 60))
            message = (f"{message[0]}{zh.format(minutes=minutes)}", f"{message[1]} {en.format(minutes=minutes)}")
    elif code in ("MEMBER_NO_MOBILE", "NOT_REGISTERED"):
        phase, event = SignInPhase.NO_MOBILE, AuditEvent.MEMBER_SIGN_IN_REFUSED
    elif view.phase is SignInPhase.CHECKING and code in ("OTP_WRONG",):
        phase, event = SignInPhase.CODE, AuditEvent.MEMBER_SIGN_IN_REFUSED  # try again
    else:  # expired or used code, anything else: a new code is needed
        phase, event = SignInPhase.CHOOSING, AuditEvent.MEMBER_SIGN_IN_REFUSED
    s = replace(state, notice=message, signing_in=replace(view, phase=phase, code="", tries_left=tries_left))
    return Transition(s, (AuditMember(event.value, Outcome.REFUSED.value, (("code", code),)),))


def unavailable(state: SessionState) -> Transition:
    """The platform cannot be reached: say plainly what can still be done, and offer staff."""
    view = _view(state)
    if view is None:
        return stay(state)
    s = replace(state, notice=SIGN_IN_MESSAGES["OFFLINE"], signing_in=replace(view, phase=SignInPhase.OFFLINE, code=""))
    return Transition(s, activity=False)


def account_loaded(state: SessionState, account: MemberAccount) -> Transition:
    if not state.signed_in or not state.account_loading:
        return stay(state)
    return Transition(replace(state, account=account, account_loading=False), activity=False)


def account_failed(state: SessionState) -> Transition:
    """The account could not be fetched: the member is still signed in; the account screen says so."""
    if not state.account_loading:
        return stay(state)
    notice = SIGN_IN_MESSAGES["ACCOUNT_FAILED"] if state.screen is Screen.ACCOUNT else state.notice
    return Transition(replace(state, account_loading=False, notice=notice), activity=False)


def account_requested(state: SessionState) -> Transition:
    """"My account" on the menu: signed in, straight there; else sign in first."""
    if state.screen is not Screen.MENU:
        return stay(state)
    return requested(state, None)


def back(state: SessionState) -> SessionState:
    """From the code's entry to the choice of methods; from the choice to where it was opened
    (menu or review); from the account to the menu."""
    view = state.signing_in
    if state.screen is Screen.SIGN_IN and view is not None:
        if view.phase in (SignInPhase.CODE, SignInPhase.LOCKED, SignInPhase.NO_MOBILE):
            return quiet(state, signing_in=replace(view, phase=SignInPhase.CHOOSING, code="", challenge_id=""))
        return quiet(state, signing_in=None, screen=view.returns_to)
    return quiet(state, signing_in=None, screen=Screen.MENU)


def seconds_left(state: SessionState, monotonic: float) -> float:
    view = state.signing_in
    if view is None or view.phase is not SignInPhase.CODE:
        return 0.0
    return max(0.0, view.expires_at - monotonic)
