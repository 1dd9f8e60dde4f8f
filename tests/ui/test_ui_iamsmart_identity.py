"""iAM Smart's identity against the one the member already gave (typed HKID, or a card read), on
the real kiosk window (Qt offscreen) with real services and the platform simulator on loopback:

- the same number, however written (lower case, spaces, brackets or none), goes on to the
  registration form pre-filled from iAM Smart, as before;
- a different number stops on the iAM Smart screen with IAMSMART_HKID_MISMATCH in the member's
  language, offers "Start again" / "Ask shop staff", keeps iAM Smart's identity nowhere, and logs
  no HKID number or name;
- a card read through the real pcscd (virtual identity card) is compared the same way;
- the platform hears the member's language (zh_CN included) and the purpose (register).
"""

from __future__ import annotations

import base64
import logging
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from drivers.virtual.identity_card import CardHolder, IdentityCardApplet
from drivers.virtual.staff_card import StaffCa
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.messages import text as message_text
from kiosk.iamsmart import identity_conflict, same_hkid
from kiosk.languages import choose
from kiosk.services import KioskServices
from offline_cache.platform_client import HttpPlatformClient
from tests.support.kiosk import enrolled_services, kiosk_window, panel_of, sign_in_with_pin
from tests.support.pcsc import VirtualCardFactory
from tests.support.platform import SimProcess, loopback_session
from tests.support.ui import type_hkid_and_continue, visible_texts
from tests.ui.test_staff_assist_ui import card_kiosk
from tests.ui.test_ui_registration_identity import REG, choice_screen, on, typed_member_taps_registration
from ui.main_window import MainWindow
from ui.screens.iamsmart import IamSmartScreen
from ui.strings import tr

__all__ = ["card_kiosk"]  # the fixture (kiosk on real pcscd and services), used below
WAIT_MS = 10_000
OTHER = {"hkid": "Z683365(A)", "name_en": "WONG SIU MING", "name_zh": "黃小明", "date_of_birth": "1955-05-05"}
SAME_WRITTEN_OTHERWISE = {"hkid": "a123456 (3)", "name_en": "CHAN TAI MAN", "name_zh": "陳大文",
                          "date_of_birth": "1960-01-01"}
PERSONAL = ("A123456", "Z683365", "WONG SIU MING", "黃小明", "CHAN TAI MAN", "陳大文")
MISMATCH = message_text("IAMSMART_HKID_MISMATCH")


# ---------------------------------------------------------------- the rule itself (no Qt, no HTTP)


@pytest.mark.parametrize(("a", "b", "same"), [
    ("A123456(3)", "A123456(3)", True),
    ("A123456(3)", "a1234563", True),
    ("A123456(3)", " a123456 (3) ", True),
    ("A123456(3)", "Z683365(A)", False),
    ("A123456(3)", "A123456(4)", False),  # a wrong check character is not "the same number"
    ("A123456(3)", "", False),
    ("", "", False),  # two unusable numbers vouch for nothing
])
def test_same_hkid(a: str, b: str, same: bool) -> None:
    assert same_hkid(a, b) is same
    assert same_hkid(b, a) is same


def test_identity_conflict_only_when_a_number_is_known() -> None:
    offered = Identity("Z683365(A)", source=IdentitySource.IAMSMART)
    assert not identity_conflict(None, offered)  # identifying through iAM Smart from scratch
    assert identity_conflict(Identity("A123456(3)", source=IdentitySource.TYPED), offered)
    assert identity_conflict(Identity("A123456(3)", source=IdentitySource.CARD), offered)
    assert not identity_conflict(Identity("Z683365(A)", source=IdentitySource.CARD), offered)


def test_session_mismatch_with_staff_signed_in_goes_to_their_card_check() -> None:
    """No Qt: the Session alone. Staff already beside the member: "Ask shop staff" after a
    mismatch is at once the check of the member's own card; a language switch keeps the stop."""
    from kiosk.core.session import Session
    from kiosk.ports import IamSmartPoll, IamSmartState

    def now(session: Session) -> Screen:  # a call: mypy does not narrow it across the steps
        return session.state.screen

    s = Session()
    s.start()
    assert s.identify_typed("A123456(3)")
    s.choose(REG)
    assert now(s) is Screen.REGISTRATION_IDENTITY
    assert s.mark_assisted("S001", "staff", "SHOP-01")
    assert now(s) is Screen.STAFF_CONFIRM  # staff who sign in here check the card at once
    s.staff_check_declined()  # ...but they did not see it: back to the choice
    s.registration_iamsmart()
    s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, Identity("Z683365(A)", source=IdentitySource.IAMSMART)))
    assert s.state.iamsmart is not None and s.state.iamsmart.phase == "mismatch" and s.state.notice == MISMATCH
    s.set_language("en")
    assert s.state.notice == MISMATCH and s.state.screen is Screen.IAMSMART
    s.iamsmart_ask_staff()
    assert now(s) is Screen.STAFF_CONFIRM
    assert s.state.staff_check is not None and s.state.staff_check.hkid == "A123456(3)"


# ---------------------------------------------------------------- real services, the platform simulator


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, FakeCardReader(), staff=True)
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart", json={"poll_interval_s": 0.1}, timeout=5).raise_for_status()
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def iamsmart_screen(w: MainWindow) -> IamSmartScreen:
    page = w.page(Screen.IAMSMART)
    assert isinstance(page, IamSmartScreen)
    return page


def phone_answers(qtbot: QtBot, w: MainWindow, sim: SimProcess, member: dict[str, str]) -> dict[str, Any]:
    """From registration's choice: "Use iAM Smart", wait for the code, the phone scans and agrees
    as `member`. Returns the simulator's answer to the phone (state, purpose, lang)."""
    s = w.session
    choice_screen(w).iamsmart_button.click()
    qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
    assert s.state.iamsmart is not None
    with loopback_session() as http:
        r = http.post(f"{sim.url}/admin/iamsmart/scan", json={"qr": s.state.iamsmart.qr, "member": member},
                      timeout=5)
    r.raise_for_status()
    answer: dict[str, Any] = r.json()
    return answer


def wait_mismatch(qtbot: QtBot, w: MainWindow) -> IamSmartScreen:
    s = w.session
    qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "mismatch", timeout=WAIT_MS)
    screen = iamsmart_screen(w)
    assert s.state.screen is Screen.IAMSMART and w.stack.currentWidget() is screen
    return screen


def test_same_number_however_written_goes_on_to_the_form(qtbot: QtBot, window: MainWindow,
                                                        platform_sim: SimProcess) -> None:
    w = window
    s = w.session
    w.attract.start_button.click()
    type_hkid_and_continue(w, "A1234563")  # no brackets; iAM Smart's comes in lower case with spaces
    assert on(w) is Screen.MENU
    w.menu.buttons[REG].click()
    assert on(w) is Screen.REGISTRATION_IDENTITY
    answer = phone_answers(qtbot, w, platform_sim, SAME_WRITTEN_OTHERWISE)
    assert (answer["purpose"], answer["lang"]) == ("register", "zh_HK")
    qtbot.waitUntil(lambda: s.state.screen is Screen.FORM, timeout=WAIT_MS)
    assert s.state.instruction_type == REG and s.state.form_raw["identity_source"] == "IAMSMART"
    assert s.state.identity is not None and s.state.identity.source is IdentitySource.IAMSMART
    assert s.state.identity.hkid == "A123456(3)" and s.state.form_raw["name_zh"] == "陳大文"


@pytest.mark.parametrize("lang", ["zh_HK", "en", "zh_CN"])
def test_different_number_stops_and_offers_start_again_or_staff(lang: str, qtbot: QtBot, window: MainWindow,
                                                                platform_sim: SimProcess,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG)
    w = window
    s = w.session
    typed_member_taps_registration(w, lang)
    answer = phone_answers(qtbot, w, platform_sim, OTHER)
    assert answer["lang"] == lang  # the phone speaks the member's language, 简体中文 too
    screen = wait_mismatch(qtbot, w)
    # The member is still the one who typed the number; iAM Smart's person is kept nowhere.
    assert s.state.identity is not None and s.state.identity.source is IdentitySource.TYPED
    assert s.state.identity.hkid == "A123456(3)" and s.state.instruction_type is None
    assert s.state.form_raw == {} and s.state.iamsmart is not None and s.state.iamsmart.qr == ""
    shown = " ".join(visible_texts(w))
    assert choose(*MISMATCH, lang) in shown
    for word in ("Z683", "WONG", "黃小明", "A123456"):
        assert word not in shown
    assert screen.start_again_button.isVisible() and screen.ask_staff_button.isVisible()
    assert screen.start_again_button.text() == tr("iamsmart_start_again", lang)
    assert screen.ask_staff_button.text() == tr("reg_id_staff", lang)
    assert not screen.retry_button.isVisible()
    assert not screen.qr_card.isVisible() and not any(step.isVisible() for step in screen.steps)  # nothing to scan
    assert screen.start_again_button.height() >= 60 and screen.ask_staff_button.height() >= 60
    # A language switch keeps the stop and says it in the other language.
    w.header.lang_en.click()
    assert choose(*MISMATCH, "en") in " ".join(visible_texts(w))
    # Nothing personal in the logs: not the typed number, not iAM Smart's number or name.
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "differs from the member's" in logged
    for word in PERSONAL:
        assert word not in logged
    # "Start again": a fresh session at identify, the member's choices of language kept.
    screen.start_again_button.click()
    assert s.state.screen is Screen.IDENTIFY and s.state.identity is None and s.state.lang == "en"
    assert s.state.iamsmart is None and not s.state.registration_pending


def test_different_number_then_ask_staff(qtbot: QtBot, window: MainWindow, platform_sim: SimProcess) -> None:
    w = window
    s = w.session
    typed_member_taps_registration(w, "en")
    phone_answers(qtbot, w, platform_sim, OTHER)
    screen = wait_mismatch(qtbot, w)
    screen.ask_staff_button.click()
    choice = choice_screen(w)
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and w.stack.currentWidget() is choice
    assert s.state.registration_staff_asked and choice.staff_wait.isVisible()
    assert choice.notice.isVisible() and MISMATCH[1] in " ".join(visible_texts(w))  # says why staff were asked
    # Staff sign in: straight to checking the member's own (typed) HKID card.
    panel = panel_of(w)
    panel.open()
    sign_in_with_pin(qtbot, panel)
    qtbot.waitUntil(lambda: s.state.screen is Screen.STAFF_CONFIRM, timeout=WAIT_MS)
    assert s.state.staff_check is not None and s.state.staff_check.hkid == "A123456(3)"


@pytest.mark.pcsc
def test_card_read_identity_is_compared_too(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                            card_kiosk: tuple[MainWindow, KioskServices, StaffCa],
                                            platform_sim: SimProcess) -> None:
    """A virtual identity card through the real pcscd: its number is the member's; iAM Smart
    answering with another number stops the same way."""
    w, _, _ = card_kiosk
    s = w.session
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart", json={"poll_interval_s": 0.1}, timeout=5).raise_for_status()
    w.header.lang_en.click()
    virtual_card(IdentityCardApplet(holder=CardHolder("A123456(3)", "CHAN TAI MAN", "陳大文", "1960-01-01")))
    qtbot.waitUntil(lambda: s.state.screen is Screen.MENU, timeout=WAIT_MS)
    assert s.state.identity is not None and s.state.identity.source is IdentitySource.CARD
    w.menu.buttons[REG].click()
    assert on(w) is Screen.REGISTRATION_IDENTITY  # a card no staff looked at is not enough
    phone_answers(qtbot, w, platform_sim, OTHER)
    wait_mismatch(qtbot, w)
    assert s.state.identity is not None and s.state.identity.source is IdentitySource.CARD
    assert MISMATCH[1] in " ".join(visible_texts(w))


# ---------------------------------------------------------------- the language on the wire


@pytest.mark.parametrize(("lang", "sent"), [("zh_HK", "zh_HK"), ("zh_CN", "zh_CN"), ("en", "en"),
                                            ("zh_TW", "zh_HK")])
def test_client_sends_the_members_language(lang: str, sent: str, platform_sim: SimProcess) -> None:
    device_id, secret = platform_sim.enrol()
    client = HttpPlatformClient(platform_sim.url, lambda: (device_id, base64.b64decode(secret)), timeout_s=5)
    try:
        ticket = client.iamsmart_start("login", lang)
    finally:
        client.close()
    with loopback_session() as http:
        r = http.post(f"{platform_sim.url}/admin/iamsmart/scan", json={"qr": ticket.qr, "outcome": "scanned"},
                      timeout=5)
    r.raise_for_status()
    assert r.json()["lang"] == sent


def test_simulator_refuses_a_language_it_does_not_know() -> None:
    from platform_sim.iamsmart import IamSmartError, IamSmartSessions

    sessions = IamSmartSessions(lambda: 0.0)
    assert sessions.create("dev", "register", "zh_CN").lang == "zh_CN"
    with pytest.raises(IamSmartError) as e:
        sessions.create("dev", "login", "fr")
    assert e.value.status == 400 and "zh_CN" in e.value.en
