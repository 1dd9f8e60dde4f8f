"""On the real kiosk window (Qt offscreen) over real services (outbox, audit log, the platform
simulator on loopback) and, for cards, the production card reader through the real pcscd with
virtual cards:

- a staff card inserted on the attract screen opens the staff sign-in with the card's holder, not a
  member session; on identify it keeps the member's session, which becomes assisted; a member's
  identity card still starts a member session;
- in an assisted session a typed HKID waits: the member's screen says staff are checking and shows
  no number (both languages, targets >= 60 px in portrait and large text); the staff member sees
  it in full on their own panel and confirms there, which reaches the menu, and the platform
  receives `member.verified_by_staff`; "not seen" forgets the number; both audited;
- iAM Smart's identity fills the registration form, marked on review, editable, and the platform
  receives it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from drivers.virtual.identity_card import IdentityCardApplet
from drivers.virtual.staff_card import DEMO_PIN, StaffCa
from kiosk.app import default_card_reader
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.core.texts import STAFF_CHECK_DECLINED
from kiosk.domain import IdentitySource
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import SignInMethod
from kiosk.services import KioskServices
from tests.support.kiosk import (
    STAFF_PIN,
    close_kiosk,
    enrolled_services,
    kiosk_window,
    open_kiosk,
    panel_of,
    sign_in_with_pin,
)
from tests.support.pcsc import READER_0, PcscDaemon, VirtualCardFactory
from tests.support.platform import SimProcess, loopback_session
from tests.support.ui import line_edit_texts, visible_texts
from ui.main_window import MainWindow
from ui.staff.hkid_confirm import HkidConfirmScreen

PIN = STAFF_PIN
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
HKID = "A123456(3)"  # fictional
WAIT_MS = 10_000
MIN_TARGET_PX = 60


def make_services(tmp_path: Path, sim: SimProcess, cards: Any = None) -> KioskServices:
    return enrolled_services(tmp_path, sim.url, cards if cards is not None else FakeCardReader(), staff=True)


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = make_services(tmp_path, platform_sim)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def confirm_screen(w: MainWindow) -> HkidConfirmScreen:
    screen = panel_of(w).hkid_confirm
    assert screen is not None
    return screen


def assisted_typed_hkid(qtbot: QtBot, w: MainWindow) -> None:
    """A member at identify, staff signed in beside them, the member's number typed."""
    w.attract.start_button.click()
    panel = panel_of(w)
    panel.open()
    sign_in_with_pin(qtbot, panel)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=WAIT_MS)
    panel.back_button.click()  # back to the member
    assert w.session.state.assisted is not None
    w.identify.keypad.press(HKID)
    w.identify.continue_button.click()


def audit_events(services: KioskServices) -> list[dict[str, Any]]:
    return list(services.staff.audit.entries(100))


def platform_items(sim: SimProcess) -> dict[str, Any]:
    with loopback_session() as http:
        r = http.get(f"{sim.url}/admin/instructions", timeout=5)
        r.raise_for_status()
        doc: dict[str, Any] = r.json()
        return doc


def screenshot(w: MainWindow, name: str) -> None:
    """For people to look at (artifacts/screenshots, like the other staff screens), once the
    layout has caught up with the last change."""
    QTest.qWait(100)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(SCREENSHOTS / f"{name}.png"))


def small_targets(screen: HkidConfirmScreen) -> list[str]:
    """The texts of the screen's visible buttons under 60 px high (its two buttons must be shown)."""
    assert screen.check_button.isVisible() and screen.back_button.isVisible()
    return [b.text() for b in screen.findChildren(QPushButton) if b.isVisibleTo(screen) and b.height() < MIN_TARGET_PX]


# ---------------------------------------------------------------- staff confirm the HKID card


def test_typed_hkid_waits_for_staff_then_reaches_the_platform_marked(
        qtbot: QtBot, window: MainWindow, services: KioskServices, platform_sim: SimProcess) -> None:
    w = window
    assisted_typed_hkid(qtbot, w)
    screen = confirm_screen(w)
    panel = panel_of(w)
    assert w.session.state.screen is Screen.STAFF_CONFIRM and w.stack.currentWidget() is screen
    # The member's screen, which the public can see: staff are checking, no number, no confirm.
    shown = " ".join(visible_texts(w))
    assert "123456" not in shown and "A12" not in shown
    assert "職員正在核對你的身份證" in shown and "S001" in shown
    assert "確認已核對身份證" not in shown and "本人已親眼核對" not in shown
    assert small_targets(screen) == []
    screenshot(w, "staff-hkid-confirm-zh_HK")
    w.header.lang_en.click()
    screenshot(w, "staff-hkid-confirm-en")
    shown = " ".join(visible_texts(w))
    assert "Staff are checking your identity card" in shown and "Staff: check the card" in shown
    assert "123456" not in shown
    # The staff member's own panel: the typed number in full, the statement and Confirm.
    screen.check_button.click()
    assert panel.isVisible() and panel.stack.currentWidget() is panel.card_check
    shown = " ".join(visible_texts(panel))
    assert HKID in shown and "I have seen the member's Hong Kong identity card" in shown
    assert "Not seen, cancel" in shown and "S001" in shown
    w.header.lang_cn.click()  # 简体中文, derived from the Traditional text (the header is under the panel)
    panel.retranslate()
    shown = " ".join(visible_texts(panel))
    assert "职员核对身份证" in shown and "确认已核对身份证" in shown and HKID in shown
    w.header.lang_en.click()

    panel.card_check.confirm_button.click()
    qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=WAIT_MS)
    identity = w.session.state.identity
    assert identity is not None and identity.hkid == HKID and identity.verified_by_staff == "S001"
    seen = [e for e in audit_events(services) if e["event"] == AuditEvent.CARD_SEEN.value]
    assert len(seen) == 1 and seen[0]["actor"] == "S001" and seen[0]["detail"]["member"] == "A12****(*)"
    assert "123456" not in services.staff.audit.path.read_text()
    assert not panel.isVisible() and panel.card_check.hkid_value.text() == ""  # the number left the panel

    # Register: the registration says the card was checked by staff, and the platform accepts it.
    s = w.session
    s.choose("MEMBER_REGISTRATION")
    for name, value in (("name_en", "CHAN TAI MAN"), ("date_of_birth", "1970-01-01"), ("mobile", "91234567"),
                        ("language", "zh")):
        assert s.set_field(name, value) is None
    assert s.submit_form() == []
    w.confirm()
    qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
    services.engine.drain()
    items = platform_items(platform_sim)
    [item] = [i for i in items["items"] if i["type"] == "MEMBER_REGISTRATION"]
    member = item["payload"]["member"]
    assert (member["verified_by_staff"], member["source"], item["payload"]["values"]["identity_source"]) == (
        "S001", "typed", "CARD_STAFF_CHECKED")
    assert items["rejected"] == []


def test_not_seen_forgets_the_number(qtbot: QtBot, window: MainWindow, services: KioskServices) -> None:
    w = window
    assisted_typed_hkid(qtbot, w)
    confirm_screen(w).back_button.click()  # the member's "Cancel, type it again"
    assert w.session.state.screen is Screen.IDENTIFY and w.session.state.identity is None
    assert w.session.state.staff_check is None
    assert STAFF_CHECK_DECLINED[0] in " ".join(visible_texts(w))
    declined = [e for e in audit_events(services) if e["event"] == AuditEvent.CARD_NOT_SEEN.value]
    assert len(declined) == 1 and declined[0]["actor"] == "S001" and declined[0]["outcome"] == "refused"


def test_staff_signed_out_before_confirming_is_told_to_sign_in(qtbot: QtBot, window: MainWindow,
                                                               services: KioskServices) -> None:
    w = window
    assisted_typed_hkid(qtbot, w)
    panel = panel_of(w)
    services.staff.desk.sign_out()  # e.g. the staff idle timeout
    confirm_screen(w).check_button.click()
    qtbot.waitUntil(panel.isVisible, timeout=WAIT_MS)  # the sign-in opens over the waiting screen
    assert panel.stack.currentWidget() is panel.sign_in_page  # nobody sees the number before signing in
    assert HKID not in " ".join(visible_texts(panel))
    assert w.session.state.screen is Screen.STAFF_CONFIRM and w.session.state.identity is None
    assert not [e for e in audit_events(services) if e["event"] == AuditEvent.CARD_SEEN.value]
    sign_in_with_pin(qtbot, panel)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.card_check, timeout=WAIT_MS)  # straight to it
    assert HKID in " ".join(visible_texts(panel))
    panel.card_check.confirm_button.click()
    qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=WAIT_MS)


@pytest.mark.parametrize(("size", "large", "contrast"), [
    ((1080, 1920), False, False), ((1080, 1920), True, False), ((1920, 1080), True, False),
    ((1080, 1920), True, True)])
def test_confirmation_fits_portrait_and_large_text(qtbot: QtBot, window: MainWindow, size: tuple[int, int],
                                                   large: bool, contrast: bool) -> None:
    w = window
    w.session.set_accessibility(large_text=large, high_contrast=contrast)
    w.resize(*size)
    assisted_typed_hkid(qtbot, w)
    screen = confirm_screen(w)
    qtbot.waitUntil(lambda: screen.check_button.isVisible(), timeout=WAIT_MS)
    qtbot.wait(50)  # let the layout settle at this size
    assert small_targets(screen) == []
    screenshot(w, f"staff-hkid-confirm-zh_HK-{'portrait' if size[1] > size[0] else 'landscape'}"
                  f"{'-large' if large else ''}{'-contrast' if contrast else ''}")
    for b in (screen.check_button, screen.back_button):  # whole, inside the window: nothing cut off
        assert b.sizeHint().width() <= b.width(), b.text()  # the label fits its button
        top_left = b.mapTo(w, QPoint(0, 0))
        assert top_left.x() >= 0 and top_left.x() + b.width() <= w.width()
        assert top_left.y() >= 0 and top_left.y() + b.height() <= w.height()


# ---------------------------------------------------------------- staff card, through pcscd


@pytest.fixture
def card_kiosk(qtbot: QtBot, pcsc_readers: PcscDaemon, tmp_path: Path,
               platform_sim: SimProcess) -> Iterator[tuple[MainWindow, KioskServices, StaffCa]]:
    ca = StaffCa()
    config_dir = tmp_path / "kiosk"
    config = KioskConfig(data_dir=config_dir, platform_url=platform_sim.url)
    ca.install(config.staff_ca_dir)
    svc = make_services(tmp_path, platform_sim, cards=default_card_reader(config))
    w = open_kiosk(qtbot, svc)
    yield w, svc, ca
    close_kiosk(w)
    svc.close()


@pytest.mark.pcsc
def test_staff_card_on_attract_opens_its_sign_in(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                 card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    w, services, ca = card_kiosk
    panel = panel_of(w)
    slot = virtual_card(ca.card("S0042", "staff", "SHOP-001"))
    qtbot.waitUntil(lambda: panel.sign_in_page.holder is not None, timeout=WAIT_MS)
    assert panel.isVisible() and panel.stack.currentWidget() is panel.sign_in_page
    assert w.session.state.screen is Screen.ATTRACT  # no member session was left behind
    page = panel.sign_in_page
    assert page.method is SignInMethod.CARD and page.card_reader == READER_0
    assert "S0042 · 職員 · 分店 SHOP-001" in page.card_hint.text()  # the attract screen's language
    screenshot(w, "staff-card-sign-in-zh_HK")
    page.pin.setText(DEMO_PIN)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: services.staff.desk.principal is not None, timeout=WAIT_MS)
    p = services.staff.desk.principal
    assert p is not None and (p.staff_id, p.method, p.card_reader) == ("S0042", SignInMethod.CARD, READER_0)
    assert w.session.state.assisted is None  # nobody to assist: it began on attract
    signed = [e for e in audit_events(services) if e["event"] == AuditEvent.SIGN_IN.value]
    assert signed[-1]["detail"]["assisted"] is False
    slot.remove()  # pulling the card ends the staff session
    qtbot.waitUntil(lambda: services.staff.desk.principal is None, timeout=WAIT_MS)


@pytest.mark.pcsc
def test_staff_card_on_identify_keeps_the_member(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                 card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    w, _, ca = card_kiosk
    panel = panel_of(w)
    w.header.lang_en.click()
    w.attract.start_button.click()  # the member began (in English); staff come to help with their card
    virtual_card(ca.card("S0042", "staff", "SHOP-001"))
    qtbot.waitUntil(lambda: panel.sign_in_page.holder is not None, timeout=WAIT_MS)
    assert w.session.state.screen is Screen.IDENTIFY and not w.session.state.card_reading
    assert "S0042 · staff · shop SHOP-001" in panel.sign_in_page.card_hint.text()
    panel.sign_in_page.pin.setText(DEMO_PIN)
    panel.sign_in_page.sign_in_button.click()
    qtbot.waitUntil(lambda: w.session.state.assisted is not None, timeout=WAIT_MS)
    assert w.session.state.assisted.staff_id == "S0042"  # type: ignore[union-attr]


@pytest.mark.pcsc
def test_staff_card_mid_session_opens_its_sign_in(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                  card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    w, services, ca = card_kiosk
    panel = panel_of(w)
    w.attract.start_button.click()
    w.identify.keypad.press(HKID)
    w.identify.continue_button.click()
    s = w.session
    s.choose("VOLUNTARY_CONTRIBUTION")  # the member is busy with a form (one that needs no sign-in)
    virtual_card(IdentityCardApplet(), slot=1)  # a member's card on this screen is left alone
    qtbot.wait(1000)  # pcscd reports a card within ~0.4 s; looking at it takes milliseconds
    assert not panel.isVisible() and s.state.screen is Screen.FORM
    virtual_card(ca.card("S0042", "staff", "SHOP-001"))
    qtbot.waitUntil(lambda: panel.sign_in_page.holder is not None, timeout=WAIT_MS)
    assert panel.isVisible() and s.state.screen is Screen.FORM and s.state.identity is not None
    panel.sign_in_page.pin.setText(DEMO_PIN)
    panel.sign_in_page.sign_in_button.click()
    qtbot.waitUntil(lambda: s.state.assisted is not None, timeout=WAIT_MS)
    assert services.staff.desk.principal is not None and s.state.screen is Screen.FORM


@pytest.mark.pcsc
def test_untrusted_staff_card_says_so_before_the_pin(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                     card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    w, services, _ = card_kiosk
    panel = panel_of(w)
    virtual_card(StaffCa("another operator (not real)").card("S0099"))  # not issued by this kiosk's CA
    qtbot.waitUntil(lambda: not panel.sign_in_page.error.isHidden(), timeout=WAIT_MS)
    assert "不獲本機信任" in panel.sign_in_page.error.text.text() and panel.sign_in_page.holder is None
    assert services.staff.desk.lockout.failures == 0  # reading a card is not a guess


@pytest.mark.pcsc
def test_member_card_on_attract_still_starts_a_member_session(
        qtbot: QtBot, virtual_card: VirtualCardFactory,
        card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    w, _, _ = card_kiosk
    virtual_card(IdentityCardApplet())
    qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=WAIT_MS)
    identity = w.session.state.identity
    assert identity is not None and identity.hkid == HKID and identity.source is IdentitySource.CARD
    assert not panel_of(w).isVisible()


# ---------------------------------------------------------------- iAM Smart into registration


def test_iamsmart_fills_registration_end_to_end(qtbot: QtBot, window: MainWindow, services: KioskServices,
                                                platform_sim: SimProcess) -> None:
    w = window
    s = w.session
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart", json={"poll_interval_s": 0.1}, timeout=5).raise_for_status()
    w.header.lang_en.click()
    w.attract.start_button.click()
    w.identify.iamsmart_button.click()
    qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
    qr = s.state.iamsmart.qr  # type: ignore[union-attr]
    member = {"hkid": "A123456(3)", "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "date_of_birth": "1960-01-01"}
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart/scan", json={"qr": qr, "member": member},
                  timeout=5).raise_for_status()
    qtbot.waitUntil(lambda: s.state.screen is Screen.MENU, timeout=WAIT_MS)
    s.choose("MEMBER_REGISTRATION")
    # The form's first step shows the copied English name, editable like any answer.
    assert s.current_step() is not None and s.current_step().name == "name_en"  # type: ignore[union-attr]
    assert "CHAN TAI MAN" in line_edit_texts(w.form)
    assert s.set_field("name_en", "CHAN TAI MING") is None  # corrected by the member
    for name, value in (("mobile", "91234567"), ("language", "en")):
        assert s.set_field(name, value) is None
    assert s.submit_form() == []
    qtbot.waitUntil(lambda: w.stack.currentWidget() is w.review, timeout=WAIT_MS)
    values = w.review.values
    assert values["Name in Chinese"].endswith("(from iAM Smart)") and "陳" in values["Name in Chinese"]
    assert values["Date of birth"].endswith("(from iAM Smart)")
    assert "(from iAM Smart)" not in values["Name in English"]  # changed: the member's own answer
    assert "(from iAM Smart)" not in values["Mobile number"]
    assert values["Identity checked by"] == "iAM Smart"
    screenshot(w, "review-iamsmart-registration-en")
    w.header.lang_zh.click()
    assert w.review.values["中文姓名"].endswith("（來自「智方便」）")
    w.confirm()
    qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
    services.engine.drain()
    [item] = [i for i in platform_items(platform_sim)["items"] if i["type"] == "MEMBER_REGISTRATION"]
    sent = item["payload"]
    assert sent["member"]["source"] == "iamsmart" and "verified_by_staff" not in sent["member"]
    assert (sent["values"]["name_en"], sent["values"]["name_zh"], sent["values"]["identity_source"]) == (
        "CHAN TAI MING", "陳大文", "IAMSMART")
