"""A kiosk window on real parts for the account and receipt-check tests: the simulator over HTTP
(--require-sign-in), this kiosk's real SQLite outbox and sync engine, and the member platform
client signed with the same device credentials (a sign-in is bound to the kiosk that delivers)."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from devtools.fakes import FakeServices
from kiosk.core.effects import CheckCode, Effect, FetchAccount, SendCode
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Instruction
from kiosk.ports import PlatformError, Receipt
from kiosk.ports.member import SignInRefused
from offline_cache.sign_in_client import MemberPlatformClient
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_MOBILE, last_code
from tests.support.sync import KioskParts


@dataclass
class RealPartsServices(FakeServices):
    """FakeServices whose queue is this kiosk's real outbox and whose platform is the simulator."""

    parts: KioskParts | None = None
    member: MemberPlatformClient | None = None

    @property
    def outbox(self) -> Any:
        assert self.parts is not None
        return self.parts.outbox

    def enqueue(self, instruction: Instruction) -> Receipt:
        assert self.parts is not None
        receipt: Receipt = self.parts.outbox.enqueue(instruction)
        self.enqueued.append(instruction)
        return receipt


def kiosk_on(sim: SimProcess, data: Path) -> tuple[KioskParts, MemberPlatformClient]:
    parts = KioskParts(data, sim.url)
    parts.enrol(sim)
    parts.client.session.trust_env = False
    member = MemberPlatformClient(sim.url, parts.keystore.device_credentials, timeout_s=5)
    member.session.trust_env = False
    return parts, member


def _ui_runs_sign_in() -> bool:
    from ui.effects import SessionEffects

    return "SendCode" in inspect.getsource(SessionEffects.__call__)


@dataclass
class SignInRunner:
    """Answers SendCode / CheckCode / FetchAccount with the real client, on the test's thread, for
    as long as ui/effects.py does not run them itself (the lead's runner replaces this)."""

    session: Session
    member: MemberPlatformClient
    seen: list[Effect] = field(default_factory=list)

    def __call__(self, effect: Effect) -> None:
        self.seen.append(effect)
        if _ui_runs_sign_in():
            return
        s = self.session
        try:
            if isinstance(effect, SendCode):
                s.code_sent(self.member.sms_start(effect.hkid))
            elif isinstance(effect, CheckCode):
                s.signed_in(self.member.sms_verify(effect.challenge_id, effect.code, effect.hkid))
            elif isinstance(effect, FetchAccount):
                s.account_loaded(self.member.account(effect.sign_in))
        except SignInRefused as e:
            s.sign_in_refused(e.code, (e.message_zh, e.message_en), e.tries_left)
        except PlatformError:
            if isinstance(effect, FetchAccount):
                s.account_failed()
            else:
                s.sign_in_unavailable()


def sign_in_by_sms(session: Session, sim: SimProcess, wait: Callable[[Callable[[], bool]], None],
                   mobile: str = DEMO_MOBILE) -> None:
    """From the menu: "Sign in", a code to the mobile, the code read off the simulated phone."""
    session.sign_in_requested()
    assert session.state.screen is Screen.SIGN_IN
    session.code_requested()
    wait(lambda: session.state.signing_in is not None and session.state.signing_in.phase.value == "code")
    session.code_typed(last_code(sim, mobile))
    session.code_submitted()
    wait(lambda: session.state.screen is Screen.ACCOUNT and session.state.account is not None)


def sign_in_page_until_merged(monkeypatch: Any) -> None:
    """The sign-in screen (ui/screens/sign_in.py) is the lead's and not on this branch yet: until it
    is, the window shows a bare page for Screen.SIGN_IN (the sign-in itself runs through the Session,
    as the screen's buttons would). Does nothing once ui/pages.py builds the real one."""
    import ui.main_window
    import ui.pages

    if "SIGN_IN" in inspect.getsource(ui.pages.build_page):
        return
    from ui.screens.base import ScreenBase

    real = ui.pages.build_page

    def build(screen: Screen, session: Session, services: Any, **kw: Any) -> ScreenBase:
        if screen is Screen.SIGN_IN:
            return ScreenBase(session)
        return real(screen, session, services, **kw)

    monkeypatch.setattr(ui.main_window, "build_page", build)
