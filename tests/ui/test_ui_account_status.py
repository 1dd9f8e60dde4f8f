"""The account and receipt-check screens as Qt widgets offscreen, fed by the simulator over HTTP
(one simulator for the module) and this kiosk's real outbox: what they show, their loading,
failed and offline states, and that large text in portrait cuts nothing (it scrolls)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QPushButton
from pytestqt.qtbot import QtBot

from kiosk.core.receipt_check import CheckPhase
from kiosk.core.state import Screen
from tests.support.account import (
    RealPartsServices,
    kiosk_on,
    sign_in_by_sms,
)
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_HKID, instruction
from tests.support.sign_in import sign_in_by_sms as client_sign_in
from tests.support.ui import open_window, visible_texts
from ui.main_window import MainWindow


@pytest.fixture(scope="module")
def sim(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SimProcess]:
    process = SimProcess(tmp_path_factory.mktemp("sim"))
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def window(qtbot: QtBot, sim: SimProcess, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[MainWindow]:
    parts, member = kiosk_on(sim, tmp_path / "kiosk")
    services = RealPartsServices(parts=parts, member=member)
    try:
        with open_window(qtbot, services) as w:
            yield w
    finally:
        member.close()
        parts.close()


def waiter(qtbot: QtBot) -> Callable[[Callable[[], bool]], None]:
    return lambda condition: qtbot.waitUntil(condition, timeout=10_000)


def at_account(w: MainWindow, sim: SimProcess, qtbot: QtBot) -> None:
    w.session.start()
    assert w.session.identify_typed(DEMO_HKID)
    sign_in_by_sms(w.session, sim, waiter(qtbot))


def texts_of(page: object) -> str:
    return "\n".join(visible_texts(page))  # type: ignore[arg-type]


def test_the_account_shows_names_numbers_funds_risk_fees_and_contributions(qtbot: QtBot, sim: SimProcess,
                                                                            window: MainWindow) -> None:
    at_account(window, sim, qtbot)
    page = window.page(Screen.ACCOUNT)
    qtbot.waitUntil(lambda: "ACC-0001" in texts_of(page), timeout=5000)
    zh = texts_of(page)
    assert "陳大文  CHAN TAI MAN" in zh and "****4567" in zh
    assert "供款帳戶（現職） 帳戶號碼 ACC-0001" in zh.replace("  ", " ")
    assert "風險級別 7（最高）" in zh and "基金開支比率每年 1.28%" in zh
    assert "2026-10 供款 · 帳戶 ACC-0001" in zh
    window.session.set_language("en")
    qtbot.waitUntil(lambda: "Risk class 7 (highest)" in texts_of(page), timeout=5000)
    en = texts_of(page)
    assert "fund expense ratio 1.28% a year" in en and "the higher the number" in en
    assert "Your instructions" in en


def test_loading_and_failure_are_said_in_words(qtbot: QtBot, sim: SimProcess, window: MainWindow) -> None:
    from dataclasses import replace

    from kiosk.core.texts import SIGN_IN_MESSAGES

    at_account(window, sim, qtbot)
    page = window.page(Screen.ACCOUNT)
    session = window.session
    session.state = replace(session.state, account=None, account_loading=True)
    page.present(session.state)
    qtbot.waitUntil(lambda: "正在從積金易平台取得你的帳戶資料……" in texts_of(page), timeout=5000)
    assert "ACC-0001" not in texts_of(page)
    session.account_failed()
    qtbot.waitUntil(lambda: SIGN_IN_MESSAGES["ACCOUNT_FAILED"][0] in texts_of(page), timeout=5000)
    assert "正在從積金易平台取得" not in texts_of(page)


def test_the_accounts_instruction_list_shows_this_kiosks_outbox_state(qtbot: QtBot, sim: SimProcess,
                                                                      window: MainWindow) -> None:
    services = window.services
    assert isinstance(services, RealPartsServices) and services.parts is not None and services.member is not None
    # One delivered earlier for this member (the platform lists it), and one waiting here.
    signed = client_sign_in(services.member, sim)
    item = instruction("FUND_SWITCH", sign_in=signed)
    assert services.member.submit([item])[0].status.value == "accepted"
    from kiosk.domain import Identity, Instruction

    waiting = services.parts.outbox.enqueue(Instruction("VOLUNTARY_CONTRIBUTION", Identity(DEMO_HKID),
                                                        {"vc_type": "TVC"}))
    at_account(window, sim, qtbot)
    page = window.page(Screen.ACCOUNT)
    qtbot.waitUntil(lambda: item.kiosk_ref in page.instruction_buttons, timeout=5000)
    window.session.set_language("en")
    qtbot.waitUntil(lambda: "This kiosk: Waiting at this kiosk to be sent" in texts_of(page), timeout=5000)
    assert waiting.kiosk_ref in page.instruction_buttons and "Platform: Received by the platform" in texts_of(page)


def test_status_screen_typed_on_its_keys_unknown_and_found(qtbot: QtBot, sim: SimProcess, window: MainWindow) -> None:
    session = window.session
    session.receipt_check_requested()
    page = window.page(Screen.STATUS)
    assert session.state.screen is Screen.STATUS and session.state.identity is None
    keys = {b.text(): b for b in page.keys.findChildren(QPushButton)}
    for ch in "EK2612067QX4M2":
        keys[ch].click()
    page.check_button.click()
    qtbot.waitUntil(lambda: session.state.receipt_check.phase is CheckPhase.SHOWN, timeout=5000)
    assert session.state.receipt_check.ref == "EK-261206-7QX4M2"
    assert session.state.notice is not None and "找不到此收據編號" in texts_of(page)
    services = window.services
    assert isinstance(services, RealPartsServices) and services.member is not None
    item = instruction("WITHDRAWAL_CLAIM", sign_in=client_sign_in(services.member, sim))
    assert services.member.submit([item])[0].status.value == "accepted"
    session.set_language("en")
    page.another_button.click()
    page.ref_edit.clear()
    qtbot.keyClicks(page.ref_edit, item.kiosk_ref)
    page.check_button.click()
    qtbot.waitUntil(lambda: "Platform: Received by the platform" in texts_of(page), timeout=5000)
    shown = texts_of(page)
    assert "This instruction cannot be cancelled at a kiosk." in shown and "eMPF hotline: 183 2622" in shown
    assert "To see what it says or cancel it, the member who gave it signs in." in shown
    page.cancel_button.click()
    assert "Call the eMPF hotline 183 2622" in session.state.notice[1]


def test_status_offline_says_so(qtbot: QtBot, sim: SimProcess, window: MainWindow) -> None:
    services = window.services
    assert isinstance(services, RealPartsServices) and services.member is not None
    sim.set_faults(status_rates={"503": 1.0})
    try:
        window.session.receipt_check_requested("EK-261206-7QX4M2")
        page = window.page(Screen.STATUS)
        qtbot.waitUntil(lambda: window.session.state.receipt_check.phase is CheckPhase.SHOWN, timeout=10_000)
        assert "暫時未能連接積金易平台" in texts_of(page)
    finally:
        sim.clear_faults()


@pytest.mark.parametrize("screen", [Screen.ACCOUNT, Screen.STATUS])
def test_large_text_in_portrait_cuts_nothing(qtbot: QtBot, sim: SimProcess, window: MainWindow,
                                             screen: Screen) -> None:
    window.session.set_accessibility(large_text=True)
    at_account(window, sim, qtbot)
    if screen is Screen.STATUS:
        window.session.receipt_check_requested("EK-261206-7QX4M2")
        qtbot.waitUntil(lambda: window.session.state.receipt_check.phase is CheckPhase.SHOWN, timeout=5000)
    window.resize(1080, 1920)
    page = window.page(screen)
    qtbot.waitUntil(lambda: page.isVisible() and page.width() <= 1080, timeout=5000)
    qtbot.wait(50)
    body = page.scroller.widget()
    for lab in body.findChildren(QLabel):
        if lab.isVisibleTo(body) and lab.text():
            # Every text wraps inside the column: nothing runs off the right edge.
            assert lab.mapTo(body, lab.rect().topRight()).x() <= body.width() + 1, lab.text()
    for b in page.findChildren(QPushButton):
        if b.isVisibleTo(page) and b.text():
            assert b.width() >= min(b.sizeHint().width(), page.width() - 2 * 24), b.text()
