"""Runs the session's calls to the platform for a member's sign-in and account (SendCode, CheckCode,
FetchAccount) and for an employer's data (FetchEmployers, FetchEmployer) on the window's worker, and
answers the Session. ui/effects.py hands them here.

- The member's: answered with Session.code_sent / signed_in / account_loaded; a refusal the platform
  stated with Session.sign_in_refused; anything else (no answer, garbage) with sign_in_unavailable,
  or account_failed for the account.
- The employer's: answered with Session.employers_loaded / employer_loaded; a refusal or anything
  else with employer_failed (with the platform's words where it gave them).

The platform clients come with the storage (`services.member`, `services.employer`), so a kiosk that
is still opening it makes the call wait on the worker, not on the GUI thread. Answers that come back
after the member has gone (the window's generation moved on) are dropped: their sign-in is not kept.
Only the call's name and the error's code or class are logged, never what the member typed.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import partial
from typing import Any

from kiosk.core.effects import CheckCode, FetchAccount, FetchEmployer, FetchEmployers, SendCode
from kiosk.core.session import Session
from kiosk.ports import PlatformError
from ui.worker_host import WorkerHost

log = logging.getLogger(__name__)

MemberEffect = SendCode | CheckCode | FetchAccount
EmployerEffect = FetchEmployers | FetchEmployer


def run(host: WorkerHost, effect: MemberEffect | EmployerEffect) -> None:
    if isinstance(effect, FetchEmployers | FetchEmployer):
        _submit(host, effect, partial(_employer_call, host.services, effect), _employer_answered, _employer_failed)
    else:
        _submit(host, effect, partial(_member_call, host.services, effect), _member_answered, _member_failed)


def _submit(host: WorkerHost, effect: Any, call: Callable[[], object],
            answered: Callable[[Session, Any, object], bool],
            failed: Callable[[Session, Any, BaseException], None]) -> None:
    """`answered` says whether it understood the result; one it did not is handled as a failure."""
    generation = host.generation

    def on_failure(error: BaseException) -> None:
        if generation != host.generation:
            return
        log.info("platform call %s: %s", type(effect).__name__, getattr(error, "code", type(error).__name__))
        failed(host.session, effect, error)

    def on_result(result: object) -> None:
        if generation == host.generation and not answered(host.session, effect, result):
            on_failure(TypeError("unexpected answer"))

    host.worker.submit(call, on_result, on_failure)


# ------------------------------------------------------------------ the member's sign-in and account
def _member_call(services: Any, effect: MemberEffect) -> object:
    member = services.member
    if member is None:
        raise PlatformError("this kiosk has no platform")
    if isinstance(effect, SendCode):
        return member.sms_start(effect.hkid)
    if isinstance(effect, CheckCode):
        return member.sms_verify(effect.challenge_id, effect.code, effect.hkid)
    return member.account(effect.sign_in)


def _member_answered(session: Session, effect: MemberEffect, result: object) -> bool:
    from kiosk.domain.account import MemberAccount
    from kiosk.domain.assurance import SignIn
    from kiosk.ports.member import SmsChallenge

    if isinstance(effect, SendCode) and isinstance(result, SmsChallenge):
        session.code_sent(result)
    elif isinstance(effect, CheckCode) and isinstance(result, SignIn):
        session.signed_in(result)
    elif isinstance(effect, FetchAccount) and isinstance(result, MemberAccount):
        session.account_loaded(result)
    else:
        return False
    return True


def _member_failed(session: Session, effect: MemberEffect, error: BaseException) -> None:
    from kiosk.ports.member import SignInRefused

    if isinstance(effect, FetchAccount):
        session.account_failed()
    elif isinstance(error, SignInRefused):
        session.sign_in_refused(error.code, (error.message_zh, error.message_en), error.tries_left,
                                error.retry_after)
    else:
        session.sign_in_unavailable()


# ------------------------------------------------------------------ the employer's data
def _employer_call(services: Any, effect: EmployerEffect) -> object:
    platform = services.employer
    if platform is None:
        raise PlatformError("this kiosk has no platform")
    if isinstance(effect, FetchEmployers):
        return platform.my_employers(effect.sign_in)
    return platform.employer_account(effect.sign_in, effect.employer_id)


def _employer_answered(session: Session, effect: EmployerEffect, result: object) -> bool:
    from kiosk.domain.employer import Employer

    if isinstance(effect, FetchEmployers) and isinstance(result, tuple):
        session.employers_loaded(result)
    elif isinstance(effect, FetchEmployer) and isinstance(result, Employer):
        session.employer_loaded(result)
    else:
        return False
    return True


def _employer_failed(session: Session, effect: EmployerEffect, error: BaseException) -> None:
    from kiosk.ports.member import SignInRefused

    if isinstance(error, SignInRefused):
        session.employer_failed(error.code, (error.message_zh, error.message_en))
    else:
        session.employer_failed()
