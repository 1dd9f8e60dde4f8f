"""Signing a member in through the kiosk core, as the platform would answer, for tests of what
comes after (forms, review, confirm). The sign-in's assertion is a placeholder: the core treats it
as opaque; tests that deliver to the simulator sign in against it (tests/support/sign_in.py)."""

from __future__ import annotations

import time

from devtools.fake_member import simulator_employer
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.domain.employer import EmployerSummary
from kiosk.ports.member import SmsChallenge

CHALLENGE = SmsChallenge("otp-" + "0" * 24, "****4567", 300.0)


def sign_in_by_code(session: Session, assertion: str = "v1.test.placeholder", result: SignIn | None = None) -> SignIn:
    """Drives the one-time-code sign-in for the member identified: from the sign-in screen if it
    is up (an instruction that needs it was chosen), else from "Sign in" on the menu. `result`: the
    platform's real sign-in, for instructions a test delivers to the simulator."""
    identity = session.state.identity
    assert identity is not None, "identify the member first"
    if session.state.screen is not Screen.SIGN_IN:
        session.sign_in_requested()
    assert session.state.screen is Screen.SIGN_IN
    session.code_requested()
    session.code_sent(CHALLENGE)
    session.code_typed("123456")
    session.code_submitted()
    now = time.time()
    result = result or SignIn(identity.hkid, SignInMethod.SMS_OTP, assertion, now, now + 900)
    session.signed_in(result)
    assert session.state.signed_in
    return result


employer_data = simulator_employer  # the simulator's fictional employer, as the kiosk parses it


def choose_employer(session: Session, employer_id: str = "EMP-0001") -> None:
    """On the employer step (a statement was chosen, signed in): the platform's answers as the
    effects would bring them, for the simulator's authorised person A123456(3)."""
    data = employer_data(employer_id)
    assert session.state.screen is Screen.EMPLOYER
    session.employers_loaded((EmployerSummary(data.employer_id, data.name_zh, data.name_en),))
    session.employer_loaded(data)
