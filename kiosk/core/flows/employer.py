"""An employer's statement needs the employer's own data: its companies, schemes, employees and
the voluntary-contribution plans it agreed. Its authorised person signs in as a member does
(kiosk/core/flows/sign_in.py); then the platform says which employers they act for, one is chosen
(at once when there is only one), its data is fetched, and the statement's form opens with the
paying company, scheme and account number to pick from, never typed (docs/contribution-statement.md).

The data lives in the session's state only; a wipe forgets it. Without a platform nothing here can
be done: the screen says so and offers staff.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.effects import FetchEmployer, FetchEmployers, Transition, stay
from kiosk.core.flows import form
from kiosk.core.flows.common import quiet
from kiosk.core.state import EmployerView, Screen, SessionState
from kiosk.core.texts import EMPLOYER_MESSAGES

if TYPE_CHECKING:
    from kiosk.domain.employer import Employer, EmployerSummary

# Instructions checked against the employer's data: the kiosk needs it (and so a sign-in) first.
EMPLOYER_DATA_TYPES = frozenset({"CONTRIBUTION_DATA"})


def needs_employer(state: SessionState, type_code: str) -> bool:
    return type_code in EMPLOYER_DATA_TYPES and state.employer is None


def requested(state: SessionState, wanted: str) -> Transition:
    """Signed in, and an employer's statement chosen: ask the platform which employers they act for."""
    if state.sign_in is None or not state.signed_in:
        return stay(state)
    s = quiet(state, choosing_employer=EmployerView(wanted), screen=Screen.EMPLOYER)
    return Transition(s, (FetchEmployers(state.sign_in),))


def _view(state: SessionState) -> EmployerView | None:
    return state.choosing_employer if state.screen is Screen.EMPLOYER else None


def employers_loaded(state: SessionState, employers: tuple[EmployerSummary, ...]) -> Transition:
    view = _view(state)
    if view is None:
        return stay(state)
    s = replace(state, choosing_employer=replace(view, employers=employers, loading=False))
    if not employers:
        return Transition(replace(s, notice=EMPLOYER_MESSAGES["NONE"]), activity=False)
    if len(employers) == 1:  # one employer: nothing to ask
        return chosen(s, employers[0].employer_id)
    return Transition(s, activity=False)


def chosen(state: SessionState, employer_id: str) -> Transition:
    view = _view(state)
    if view is None or state.sign_in is None or view.employers is None or \
            all(e.employer_id != employer_id for e in view.employers):
        return stay(state)
    s = quiet(state, choosing_employer=replace(view, loading=True))
    return Transition(s, (FetchEmployer(state.sign_in, employer_id),))


def employer_loaded(state: SessionState, employer: Employer) -> Transition:
    """On to the statement, with what the employer has only one of already filled in."""
    view = _view(state)
    if view is None:
        return stay(state)
    s = form.open_form(replace(state, employer=employer, choosing_employer=None), view.wanted)
    raw = dict(s.form_raw)
    if len(employer.schemes) == 1:
        raw.setdefault("scheme_registration_no", employer.schemes[0].registration_no)
        raw.setdefault("employer_account_no", employer.schemes[0].participation_no)
    return Transition(replace(s, form_raw=raw))


def failed(state: SessionState, code: str = "", message: tuple[str, str] | None = None) -> Transition:
    """The platform refused (not the employer's authorised person) or could not be reached."""
    view = _view(state)
    if view is None:
        return stay(state)
    notice = message if message is not None else EMPLOYER_MESSAGES["OFFLINE"]
    return Transition(replace(state, notice=notice, choosing_employer=replace(view, loading=False)),
                      activity=False)


def back(state: SessionState) -> SessionState:
    return quiet(state, choosing_employer=None, screen=Screen.MENU)
