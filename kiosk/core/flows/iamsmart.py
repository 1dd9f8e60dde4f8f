"""Identifying through iAM Smart: a QR code on screen, the member approves on their phone. Opening
the screen asks for a platform session (effect StartIamSmart: ui/qr_controller.py runs it) which
reports back with `ticket`, `progress` and `failed`; leaving the screen cancels it (EndIamSmart,
sent by the Session)."""

from __future__ import annotations

import logging
from dataclasses import replace

from kiosk.core.catalogue import Surroundings
from kiosk.core.effects import LogEvent, Transition, stay
from kiosk.core.flows import common, registration, sign_in
from kiosk.core.flows.identified import identified
from kiosk.core.state import IamSmartPhase, RegistrationStep, Screen, SessionState
from kiosk.core.texts import IAMSMART_MESSAGES
from kiosk.ports import IamSmartPoll, IamSmartState, IamSmartTicket


def requested(state: SessionState) -> Transition:
    """The identify screen's "Sign in with iAM Smart"."""
    if state.screen is not Screen.IDENTIFY or state.card_reading:
        return stay(state)
    return common.iamsmart_opened(state)


def before(state: SessionState) -> Screen:
    """Where leaving iAM Smart returns: identify, the sign-in screen, or registration's choice it
    was opened from."""
    if state.signing_in is not None:
        return Screen.SIGN_IN
    return Screen.REGISTRATION_IDENTITY if state.registration_pending else Screen.IDENTIFY


def back(state: SessionState) -> SessionState:
    return replace(state, iamsmart=None, screen=before(state))


def retry(state: SessionState) -> Transition:
    if state.screen is not Screen.IAMSMART:
        return stay(state)
    return common.iamsmart_opened(state)


def ticket(state: SessionState, ticket: IamSmartTicket, monotonic: float) -> Transition:
    view = state.iamsmart
    if state.screen is not Screen.IAMSMART or view is None:
        return stay(state)
    view = replace(view, phase=IamSmartPhase.WAITING, qr=ticket.qr, expires_at=monotonic + ticket.expires_in_s)
    return Transition(replace(state, iamsmart=view), activity=False)


def progress(state: SessionState, env: Surroundings, poll: IamSmartPoll) -> Transition:
    """What the platform says of the member's phone. The member is busy with it: not idle."""
    view = state.iamsmart
    if state.screen is not Screen.IAMSMART or view is None:
        return stay(state)
    if poll.state is IamSmartState.COMPLETED and poll.identity is not None:
        from kiosk.domain.messages import text as message_text
        from kiosk.iamsmart import identity_conflict  # here: not a start-up import

        if identity_conflict(state.identity, poll.identity):
            # Someone else's iAM Smart (another person's phone): never carry on as them. Dropped
            # here, kept nowhere; the log says what happened, not whose numbers.
            s = replace(state, iamsmart=replace(view, phase=IamSmartPhase.MISMATCH, qr=""),
                        notice=message_text("IAMSMART_HKID_MISMATCH"))
            return Transition(s, (LogEvent(logging.WARNING,
                                           "iAM Smart identity not used: its HKID number differs from the member's"),))
        s = identified(state, poll.identity, env)
        if poll.sign_in is None:
            return Transition(s)
        # Signed in too (the platform's assertion for this member at this kiosk): kept, and on to
        # what the sign-in screen was opened for, if it was.
        return sign_in.kept(s, poll.sign_in, state.signing_in)
    if poll.state is IamSmartState.CANCELLED:
        return Transition(back(state))
    if poll.state is IamSmartState.SCANNED:
        return Transition(replace(state, iamsmart=replace(view, phase=IamSmartPhase.SCANNED)))
    if poll.state in (IamSmartState.DENIED, IamSmartState.EXPIRED):
        # A dead code must not stay on screen to be scanned.
        s = replace(state, iamsmart=replace(view, phase=IamSmartPhase(poll.state.value), qr=""),
                    notice=IAMSMART_MESSAGES[poll.state.value])
        return Transition(s)
    return Transition(state)


def start_again(state: SessionState) -> Transition:
    """After a mismatch: a fresh session at identify (language and accessibility kept), the typed
    or read identity forgotten with everything else."""
    if state.screen is not Screen.IAMSMART:
        return stay(state)
    return common.start(state)


def ask_staff(state: SessionState) -> Transition:
    """After a mismatch: back to registration's choice, asking staff to check the member's HKID
    card (at once when staff are signed in already; else the notice stays to say why)."""
    if state.screen is not Screen.IAMSMART:
        return stay(state)
    s = back(state)
    if s.screen is Screen.REGISTRATION_IDENTITY and s.identity is not None:
        if s.assisted is not None:
            s = registration.ask_staff_check(s, s.identity)
        else:
            s = replace(s, registration=RegistrationStep.WAITING_FOR_STAFF)
    return Transition(s)


def failed(state: SessionState) -> Transition:
    """The platform's iAM Smart could not be reached."""
    view = state.iamsmart
    if state.screen is not Screen.IAMSMART or view is None:
        return stay(state)
    return Transition(replace(state, iamsmart=replace(view, phase=IamSmartPhase.UNAVAILABLE, qr=""),
                              notice=IAMSMART_MESSAGES["unavailable"]), activity=False)


def seconds_left(state: SessionState, monotonic: float) -> float:
    view = state.iamsmart
    if view is None or view.phase not in (IamSmartPhase.WAITING, IamSmartPhase.SCANNED):
        return 0.0
    return max(0.0, view.expires_at - monotonic)
