"""What follows once the member is identified, however it was done."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.catalogue import Surroundings
from kiosk.core.flows import form, qr, registration, sign_in
from kiosk.core.state import REGISTRATION, RegistrationStep, Screen, SessionState
from kiosk.domain.identity import Identity


def identified(state: SessionState, identity: Identity, env: Surroundings) -> SessionState:
    """On to the menu; or, for an amendment, the member's pre-filled form; or, for a registration
    waiting on this identity, its form; or, for a prepared instruction scanned before, its review."""
    s = replace(state, identity=identity, mrz=None, pending_document=None, errors=[], notice=None, iamsmart=None,
                signing_in=None,
                screen=Screen.MENU)
    amending = s.instruction_type if s.assisted is not None and s.assisted.amends else None
    if amending:
        s = replace(s, screen=Screen.FORM)  # an amendment: identified again, on to the pre-filled form
        s = form.with_registration_source(s, amending)  # how this identity was checked, not the old one's
        if amending == REGISTRATION and not registration.may_register(identity):
            s = registration.choice(s)
        elif sign_in.needs_sign_in(s, amending):
            s = sign_in.requested(replace(s, screen=Screen.MENU), amending).state  # then its form
    elif s.registration_pending and s.prepared is None:
        # Identified through iAM Smart or staff for registration: on to its form.
        s = replace(s, registration=RegistrationStep.NONE)
        if registration.may_register(identity):
            s = form.open_form(s, REGISTRATION)
    if s.prepared is not None:
        s, _ = qr.review_prepared(s, env, s.prepared)  # scanned before identifying: on to review (or refused)
    return s
