"""Registration's identity check: a member registers only with an identity from iAM Smart or one
that shop staff checked on the HKID card. A typed or merely read number is not enough (face-scan
registration from HKID copies was stopped after forgeries: kiosk/domain/forms/registration.py)."""

from __future__ import annotations

from kiosk.core.effects import Transition, stay
from kiosk.core.flows.common import iamsmart_opened, quiet
from kiosk.core.state import RegistrationStep, Screen, SessionState
from kiosk.domain.identity import Identity, IdentitySource


def may_register(identity: Identity | None) -> bool:
    """An iAM Smart identity, or one a member of shop staff confirmed by looking at the HKID card."""
    return identity is not None and (identity.source is IdentitySource.IAMSMART or bool(identity.verified_by_staff))


def choice(state: SessionState) -> SessionState:
    """The two ways to be identified for registration, on screen."""
    return quiet(state, registration=RegistrationStep.CHOOSING, screen=Screen.REGISTRATION_IDENTITY)


def ask_staff_check(state: SessionState, identity: Identity) -> SessionState:
    """Staff (signed in) are asked to confirm they saw this member's HKID card."""
    registration = RegistrationStep.CHOOSING if state.registration_pending else RegistrationStep.NONE
    return quiet(state, staff_check=identity, registration=registration, screen=Screen.STAFF_CONFIRM)


def use_iamsmart(state: SessionState) -> Transition:
    """"Use iAM Smart": its identity replaces the typed one and the registration form opens
    pre-filled from it."""
    if state.screen is not Screen.REGISTRATION_IDENTITY:
        return stay(state)
    return iamsmart_opened(state, registration=RegistrationStep.CHOOSING)


def ask_staff(state: SessionState) -> Transition:
    """"Ask shop staff": with staff signed in already, straight to their card check; else the screen
    says what happens (staff sign in, then check the card: review.mark_assisted continues)."""
    if state.screen is not Screen.REGISTRATION_IDENTITY or state.identity is None:
        return stay(state)
    if state.assisted is not None:
        return Transition(ask_staff_check(state, state.identity))
    return Transition(quiet(state, registration=RegistrationStep.WAITING_FOR_STAFF))


def back(state: SessionState) -> SessionState:
    """Back on the registration choice: from waiting for staff to the two choices, else to the menu."""
    if state.registration is RegistrationStep.WAITING_FOR_STAFF:
        return quiet(state, registration=RegistrationStep.CHOOSING)
    return quiet(state, registration=RegistrationStep.NONE, screen=Screen.MENU)
