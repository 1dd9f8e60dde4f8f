"""Screenshots of signing in (ui/screens/sign_in.py) and the member's account, for people to look at.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks signin \
        --out artifacts/screenshots

Drives a real MainWindow on devtools.fakes.FakeServices, whose member platform
(devtools/fake_member.py) answers with the simulator's fictional members: the choice, the code's
entry with the demo phone's text message, a wrong code, locked codes, no mobile, no platform, the
account.
"""

from __future__ import annotations

from pathlib import Path

from devtools.fake_member import FakeMemberPlatform
from devtools.fakes import FakeClock, FakeServices
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk.config import KioskConfig
from kiosk.core.state import Screen, SignInPhase
from ui.main_window import MainWindow
from ui.screens.sign_in import SignInScreen

SCREENS = ("menu-signed-out", "sign-in", "sign-in-code", "sign-in-wrong-code", "sign-in-locked",
           "sign-in-no-mobile", "sign-in-offline", "sign-in-account", "menu-signed-in")
MEMBER = "A123456(3)"  # fictional, mobile ending 4567 on the simulator
NO_ACCOUNT = "Z683365(A)"  # fictional, valid, no account: no mobile held


def services(_tmp: Path) -> FakeServices:
    return FakeServices(config=KioskConfig(idle_timeout_s=600, idle_warning_s=30), online=True,
                        member=FakeMemberPlatform())


def _phase(window: MainWindow, phase: SignInPhase) -> None:
    wait_for(lambda: window.session.state.signing_in is not None
             and window.session.state.signing_in.phase is phase, 5)


def _identified(window: MainWindow, lang: str, mode: tuple[bool, bool], hkid: str = MEMBER) -> None:
    start_member(window, lang, mode)
    window.identify.keypad.press(hkid)
    window.identify.continue_button.click()
    assert window.session.state.screen is Screen.MENU


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    member = window.services.member
    assert isinstance(member, FakeMemberPlatform)
    member.online, member._wrong = True, 0
    _identified(window, lang, mode)
    shot("menu-signed-out")
    window.menu.buttons["WITHDRAWAL_CLAIM"].click()
    page = window.page(Screen.SIGN_IN)
    assert isinstance(page, SignInScreen)
    shot("sign-in")
    page.code_button.click()
    _phase(window, SignInPhase.CODE)
    page.set_demo_phone(lambda sent_to: [f"[eMPF] {member.code} is your one-time code. It expires in 5 minutes."])
    page.pad.press("2468")
    settle(100)
    page._tick()  # the demo phone is asked on the clock's tick
    wait_for(lambda: page.demo_phone.isVisible(), 5)
    shot("sign-in-code")
    page.pad.press("00")
    page.check_button.click()
    _phase(window, SignInPhase.CODE)
    wait_for(lambda: s.state.notice is not None, 5)
    shot("sign-in-wrong-code")
    for _ in range(4):
        page.pad.press("000000")
        page.check_button.click()
        wait_for(lambda: s.state.signing_in is not None and s.state.signing_in.phase is not SignInPhase.CHECKING, 5)
    _phase(window, SignInPhase.LOCKED)
    shot("sign-in-locked")
    member._wrong = 0

    _identified(window, lang, mode, NO_ACCOUNT)
    window.menu.buttons["FUND_SWITCH"].click()
    page.code_button.click()
    _phase(window, SignInPhase.NO_MOBILE)
    shot("sign-in-no-mobile")

    _identified(window, lang, mode)
    member.online = False
    window.menu.buttons["TRANSFER_BENEFITS"].click()
    page.code_button.click()
    _phase(window, SignInPhase.OFFLINE)
    shot("sign-in-offline")
    member.online = True

    _identified(window, lang, mode)
    window.menu.account_button.click()
    page.code_button.click()
    _phase(window, SignInPhase.CODE)
    page.pad.press(member.code)
    page.check_button.click()
    wait_for(lambda: s.state.screen is Screen.ACCOUNT and s.state.account is not None, 5)
    shot("sign-in-account")
    window.page(Screen.ACCOUNT).back_button.click()
    shot("menu-signed-in")
