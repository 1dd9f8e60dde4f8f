"""Screenshots of the member's own account and the receipt check (`--walks account`).

The member signs in with iAM Smart (the stand-in phone of devtools/qr_screenshots.py), the
account arrives (a fictional one, as the simulator holds it), and the receipt check runs against
a stand-in platform (ScreenshotMember) answering with fictional statuses: found, cancelled,
unknown. Everything goes through the real Session events and the real widgets.
"""

from __future__ import annotations

import time
from pathlib import Path

from devtools.fake_member import FakeMemberPlatform
from devtools.fakes import FakeClock, FakeServices
from devtools.qr_screenshots import StandInIamSmart
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk.config import KioskConfig
from kiosk.core.receipt_check import CheckPhase
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.account import Contribution, FundHolding, InstructionStatus, MemberAccount, SchemeAccount
from kiosk.domain.assurance import SignIn, SignInMethod
from kiosk.ports import IamSmartPoll, IamSmartState
from kiosk.ports.member import SignInRefused
from ui.main_window import MainWindow

SCREENS = ("account-loading", "account", "account-instructions", "status-enter", "status-found",
           "status-confirm", "status-cancelled", "status-unknown")

MEMBER = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                  source=IdentitySource.IAMSMART)  # fictional
REF = "EK-261206-7QX4M2"
_SCHEME = ("SIMMPF", "模擬強積金計劃", "Simulated MPF Scheme")
SWITCH = InstructionStatus(REF, "FUND_SWITCH", "received", platform_ref="PLT-20261206-000042",
                           received_at="2026-12-07T10:02:11+08:00", cancellable=True,
                           cancel_by="2026-12-07T16:00:00+08:00",
                           next_step_zh="基金轉換會在交易日按當日基金價格進行。",
                           next_step_en="The switch is made on its dealing day at that day's unit prices.",
                           hotline="183 2622")
ACCOUNT = MemberAccount(
    True, "2026-12-07T10:05+08:00", name_en="CHAN TAI MAN", name_zh="陳大文", mobile_masked="****4567",
    schemes=(
        SchemeAccount(*_SCHEME, "ACC-0001", "CONTRIBUTION", (
            FundHolding("CAF", "核心累積基金", "Core Accumulation Fund", 4, 0.75, 41230.5512, 2.1834, 90022.68),
            FundHolding("HKEQ", "香港股票基金", "Hong Kong Equity Fund", 7, 1.28, 8120.0, 1.9876, 16139.31)),
            106161.99),
        SchemeAccount(*_SCHEME, "ACC-0002", "PERSONAL", (
            FundHolding("A65", "65歲後基金", "Age 65 Plus Fund", 3, 0.75, 20511.1402, 1.5521, 31835.34),), 31835.34),
        SchemeAccount(*_SCHEME, "TVC-0003", "TVC", (
            FundHolding("MPFCON", "強積金保守基金", "MPF Conservative Fund", 1, 0.62, 14408.9, 1.0412, 15002.55),),
            15002.55)),
    contributions=(Contribution("ACC-0001", "2026-10", "2026-11-10", 1500.0, 1500.0),
                   Contribution("ACC-0001", "2026-09", "2026-10-10", 1500.0, 1500.0),
                   Contribution("TVC-0003", "2026-10", "2026-10-15", 0.0, 5000.0)),
    instructions=(SWITCH, InstructionStatus("EK-261120-K2P9QA", "CHANGE_PARTICULARS", "received",
                                            received_at="2026-11-20T15:40:00+08:00")))


class ScreenshotMember(FakeMemberPlatform):
    """A stand-in platform for the pictures: the fund switch above, cancellable; others unknown."""

    def account(self, sign_in: SignIn) -> MemberAccount:
        """Slow on purpose: the walk pictures the loading state first, then hands the account over."""
        time.sleep(1.5)
        return ACCOUNT

    def receipt_status(self, kiosk_ref: str) -> InstructionStatus:
        if kiosk_ref != REF:
            raise SignInRefused("receipt", "RECEIPT_UNKNOWN", "", "")
        return SWITCH

    def receipt_details(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        return self.receipt_status(kiosk_ref)

    def cancel(self, kiosk_ref: str, sign_in: SignIn) -> InstructionStatus:
        from dataclasses import replace

        return replace(self.receipt_status(kiosk_ref), status="cancelled", cancellable=False)


def services(_tmp: Path) -> FakeServices:
    services = FakeServices(config=KioskConfig(idle_timeout_s=600, idle_warning_s=30), online=True)
    services.client = StandInIamSmart()
    services.member = ScreenshotMember()
    return services


def _top(window: MainWindow, screen: Screen) -> None:
    page = window.page(screen)
    bar = page.scroller.verticalScrollBar()  # type: ignore[attr-defined]
    bar.setValue(0)


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    start_member(window, lang, mode)
    window.identify.iamsmart_button.click()
    wait_for(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", 5)
    now = time.time()
    signed = SignIn(MEMBER.hkid, SignInMethod.IAMSMART, "v1.screenshot.placeholder", now, now + 900)
    s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, MEMBER, sign_in=signed))
    assert s.state.signed_in, "iAM Smart's sign-in was not kept"
    s.account_requested()
    assert s.state.screen is Screen.ACCOUNT
    shot("account-loading")
    s.account_loaded(ACCOUNT)
    settle(50)
    _top(window, Screen.ACCOUNT)
    shot("account")
    page = window.page(Screen.ACCOUNT)
    bar = page.scroller.verticalScrollBar()  # type: ignore[attr-defined]
    bar.setValue(bar.maximum())
    shot("account-instructions")
    s.receipt_check_requested()
    shot("status-enter")
    s.receipt_ref_typed(REF)
    s.receipt_lookup_submitted()
    wait_for(lambda: s.state.receipt_check is not None and s.state.receipt_check.phase is CheckPhase.SHOWN, 5)
    settle(50)
    shot("status-found")
    s.receipt_cancel_requested()
    settle(50)
    shot("status-confirm")
    s.receipt_cancel_confirmed()
    wait_for(lambda: s.state.receipt_check is not None and s.state.receipt_check.phase is CheckPhase.SHOWN, 5)
    settle(50)
    _top(window, Screen.STATUS)
    shot("status-cancelled")
    s.back()  # to the entry
    s.receipt_ref_typed("EK-261206-AAAAAA")
    s.receipt_lookup_submitted()
    wait_for(lambda: s.state.receipt_check is not None and s.state.receipt_check.phase is CheckPhase.SHOWN, 5)
    settle(50)
    shot("status-unknown")
    s.wipe()
