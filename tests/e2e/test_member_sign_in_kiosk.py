"""Members signing in at the kiosk, end to end on real parts: the real UI (offscreen), the real
outbox on disk, the sync worker and the platform simulator over loopback HTTP, checking sign-in
assertions at delivery as the platform does (docs/sign-in.md).

Each way in: a one-time code read from the simulated phone, and iAM Smart approved on the
simulated phone; then a withdrawal and a fund switch delivered. Without a sign-in the kiosk does
not queue them, and the platform refuses one queued without it. Five wrong codes lock; offline,
the screen says what can still be done."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devtools.form_driver import walk_form
from kiosk.core.state import Screen, SignInPhase
from kiosk.domain import Identity, IdentitySource, Instruction
from kiosk.domain.examples import example
from kiosk.no_card_reader import NoCardReader
from kiosk.ports.audit import AuditEvent
from kiosk.services import KioskServices
from tests.support.kiosk import FAST_SYNC, enrolled_services, kiosk_window
from tests.support.platform import SimProcess, loopback_session
from tests.support.sign_in import DEMO_HKID, DEMO_MOBILE, sign_in_on_kiosk, sms_inbox
from tests.support.ui import type_hkid_and_continue, visible_texts
from ui.main_window import MainWindow


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, NoCardReader(), **FAST_SYNC)
    svc.start()
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def identify_typed(window: MainWindow) -> None:
    window.attract.start_button.click()
    type_hkid_and_continue(window, DEMO_HKID)
    assert window.session.state.screen is Screen.MENU


def fill_and_confirm(window: MainWindow, qtbot: QtBot, type_code: str) -> str:
    """The member's form, from the screen it is on, to the receipt: its kiosk reference."""
    assert window.session.state.screen is Screen.FORM and window.session.state.instruction_type == type_code
    values = dict(example(type_code))
    assert walk_form(window.form, values), window.session.state.errors
    window.review.read_through()  # Confirm waits until the whole review has been on screen
    window.review.confirm_button.click()
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.RECEIPT, timeout=10_000)
    receipt = window.session.state.receipt
    assert receipt is not None
    return receipt.kiosk_ref


def delivered(services: KioskServices, qtbot: QtBot, ref: str) -> None:
    qtbot.waitUntil(lambda: (services.outbox.get(ref) or {}).get("state") in ("accepted", "rejected"),
                    timeout=15_000)
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "accepted", row


def another_member(window: MainWindow) -> None:
    window.session.wipe()
    assert not window.session.state.signed_in and window.session.state.account is None


def test_a_code_to_the_mobile_signs_in_then_a_withdrawal_and_a_fund_switch_are_delivered(
        window: MainWindow, qtbot: QtBot, services: KioskServices, platform_sim: SimProcess) -> None:
    identify_typed(window)
    shown = " ".join(visible_texts(window.menu))
    assert "Needs a sign-in" in shown or "須先登入" in shown  # said before the tap
    window.menu.buttons["WITHDRAWAL_CLAIM"].click()
    assert window.session.state.screen is Screen.SIGN_IN  # a typed HKID number alone moves no money
    sign_in_on_kiosk(window, qtbot, platform_sim)
    qtbot.waitUntil(lambda: window.session.state.account is not None, timeout=10_000)
    account = window.session.state.account
    assert account is not None and account.registered and account.schemes
    withdrawal = fill_and_confirm(window, qtbot, "WITHDRAWAL_CLAIM")

    # The receipt ends the session, and the sign-in with it: the next visit signs in again.
    another_member(window)
    identify_typed(window)
    window.menu.buttons["FUND_SWITCH"].click()
    assert window.session.state.screen is Screen.SIGN_IN
    sign_in_on_kiosk(window, qtbot, platform_sim)
    switch = fill_and_confirm(window, qtbot, "FUND_SWITCH")

    for ref in (withdrawal, switch):
        delivered(services, qtbot, ref)
    held = {h["kiosk_ref"]: h for h in platform_sim.admin_instructions()}
    assert set(held) >= {withdrawal, switch}
    assert all("sign_in" not in held[r]["payload"] for r in (withdrawal, switch))  # the platform drops it
    # The audit log heard of each sign-in, by method, never the number.
    log_file = services.config.data_dir / "audit" / "audit.jsonl"
    qtbot.waitUntil(lambda: log_file.exists() and AuditEvent.MEMBER_SIGN_IN.value in log_file.read_text("utf-8"),
                    timeout=5000)
    audit = log_file.read_text(encoding="utf-8")
    entries = [line for line in audit.splitlines() if AuditEvent.MEMBER_SIGN_IN.value in line]
    assert entries and all("sms_otp" in e for e in entries)
    assert "A123456" not in audit and DEMO_MOBILE not in audit


def test_iamsmart_signs_in_at_identify_then_a_fund_switch_is_delivered(
        window: MainWindow, qtbot: QtBot, services: KioskServices, platform_sim: SimProcess) -> None:
    window.attract.start_button.click()
    window.identify.iamsmart_button.click()
    qtbot.waitUntil(lambda: window.session.state.iamsmart is not None and bool(window.session.state.iamsmart.qr),
                    timeout=10_000)
    view = window.session.state.iamsmart
    assert view is not None
    with loopback_session() as http:  # the member's phone scans the code and approves
        r = http.post(f"{platform_sim.url}/admin/iamsmart/scan", json={"qr": view.qr, "outcome": "approve"},
                      timeout=5)
    assert r.status_code == 200
    qtbot.waitUntil(lambda: window.session.state.signed_in, timeout=15_000)
    assert window.session.state.screen is Screen.MENU
    window.menu.buttons["FUND_SWITCH"].click()
    assert window.session.state.screen is Screen.FORM  # signed in already: straight to the form
    ref = fill_and_confirm(window, qtbot, "FUND_SWITCH")
    delivered(services, qtbot, ref)


def test_without_a_sign_in_the_kiosk_does_not_queue_and_the_platform_refuses(
        window: MainWindow, qtbot: QtBot, services: KioskServices, platform_sim: SimProcess) -> None:
    identify_typed(window)
    window.menu.buttons["WITHDRAWAL_CLAIM"].click()
    assert window.session.state.screen is Screen.SIGN_IN and window.session.state.instruction_type is None
    window.page(Screen.SIGN_IN).back_button.click()
    assert window.session.state.screen is Screen.MENU
    # A kiosk that skipped the check (queued without the core) is refused by the platform itself.
    member = Identity(DEMO_HKID, name_en="CHAN TAI MAN", date_of_birth="1960-01-01", source=IdentitySource.TYPED)
    receipt = services.outbox.enqueue(Instruction("WITHDRAWAL_CLAIM", member, dict(example("WITHDRAWAL_CLAIM"))))
    qtbot.waitUntil(lambda: (services.outbox.get(receipt.kiosk_ref) or {}).get("state") == "rejected",
                    timeout=15_000)
    row = services.outbox.get(receipt.kiosk_ref)
    assert row is not None and row["reason_code"] == "SIGN_IN_REQUIRED"
    assert all(h["kiosk_ref"] != receipt.kiosk_ref for h in platform_sim.admin_instructions())


def test_five_wrong_codes_lock_the_members_codes_on_screen(
        window: MainWindow, qtbot: QtBot, platform_sim: SimProcess) -> None:
    identify_typed(window)
    window.menu.buttons["FUND_SWITCH"].click()
    for n in range(5):
        sign_in_on_kiosk(window, qtbot, platform_sim, code="000000" if n % 2 else "111111")
        view = window.session.state.signing_in
        assert view is not None and not window.session.state.signed_in
        if n < 4:
            assert view.phase is SignInPhase.CODE and view.tries_left == 4 - n, view
    assert view.phase is SignInPhase.LOCKED
    page = window.page(Screen.SIGN_IN)
    assert not page.code_button.isVisible() and page.iamsmart_button.isVisible()  # type: ignore[attr-defined]
    notice = window.session.state.notice
    assert notice is not None and "15" in notice[1]
    assert "000000" not in " ".join(visible_texts(window)) and "111111" not in " ".join(visible_texts(window))
    sent = len(sms_inbox(platform_sim, DEMO_MOBILE))
    window.session.back()  # back to the choice: a new code is refused while locked
    assert window.session.state.signing_in is not None
    window.session.code_requested()
    qtbot.waitUntil(lambda: window.session.state.signing_in is not None
                    and window.session.state.signing_in.phase is SignInPhase.LOCKED, timeout=10_000)
    assert len(sms_inbox(platform_sim, DEMO_MOBILE)) == sent


def test_offline_the_sign_in_screen_says_what_can_still_be_done(
        window: MainWindow, qtbot: QtBot, platform_sim: SimProcess) -> None:
    identify_typed(window)
    platform_sim.stop()
    window.menu.buttons["TRANSFER_BENEFITS"].click()
    window.page(Screen.SIGN_IN).code_button.click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: window.session.state.signing_in is not None
                    and window.session.state.signing_in.phase is SignInPhase.OFFLINE, timeout=15_000)
    shown = " ".join(visible_texts(window))
    assert "voluntary contribution" in shown or "自願性供款" in shown
    assert "staff" in shown or "職員" in shown
    # What needs no sign-in still works offline: a voluntary contribution's form opens.
    window.session.back()
    window.menu.buttons["VOLUNTARY_CONTRIBUTION"].click()
    assert window.session.state.screen is Screen.FORM
