"""Back, from any screen: each flow says what Back means on its own screens; on the main line of
screens it is the screen before (from identify or the receipt: the session ends)."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.catalogue import Surroundings
from kiosk.core.effects import Transition
from kiosk.core.flows import common, employer, form, iamsmart, identify, mrz, qr, registration, sign_in, status
from kiosk.core.state import FLOW, STEP_OF, Screen, SessionState


def back(state: SessionState, env: Surroundings) -> Transition:
    s = common.quiet(state)
    if s.screen is Screen.IAMSMART:
        return Transition(iamsmart.back(s))  # the UI cancels the platform session when the screen goes
    handled = qr.back(s) or form.back(s, env)
    if handled is not None:
        return Transition(handled)
    if s.screen is Screen.STAFF_CONFIRM:
        return identify.staff_check_declined(s)
    if s.screen is Screen.EMPLOYER:
        return Transition(employer.back(s))
    if s.screen in (Screen.SIGN_IN, Screen.ACCOUNT):
        return Transition(sign_in.back(s))
    if s.screen is Screen.STATUS:
        return status.back(s, env.default_lang)
    if s.screen is Screen.REGISTRATION_IDENTITY:
        return Transition(registration.back(s))
    if s.screen is Screen.MRZ:
        return mrz.back(s)
    if s.screen in (Screen.IDENTIFY, Screen.RECEIPT, Screen.ATTRACT):
        return common.wipe(s, env.default_lang)
    if s.screen is Screen.MENU:
        s = replace(s, identity=None)  # going back to identify means identifying again
    return Transition(replace(s, screen=FLOW[FLOW.index(s.screen) - 1]))


def step(state: SessionState) -> tuple[int, int]:
    """(step, of) for the progress indicator; 0 on attract."""
    if state.screen is Screen.ATTRACT:
        return 0, len(FLOW)
    return FLOW.index(STEP_OF.get(state.screen, state.screen)) + 1, len(FLOW)
