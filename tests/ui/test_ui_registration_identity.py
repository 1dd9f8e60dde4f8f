"""Registration's identity rule on the real kiosk window (Qt offscreen):

- a member alone with a typed HKID who taps registration gets the choice screen (Use iAM Smart /
  Ask shop staff / Back), in 繁體中文, English and 简体中文, targets >= 60 px and nothing cut off in
  landscape and portrait, normal and large text; Back returns to the menu; no form is opened;
- via iAM Smart (fake services; the identity arrives as the login thread would deliver it): the
  form opens pre-filled and the walk through its widgets reaches the receipt, both languages;
- via shop staff (real services: outbox, audit log, the platform simulator on loopback): staff
  sign in, confirm they saw the card, the member walks the form to the receipt and the platform
  accepts the registration with `CARD_STAFF_CHECKED` and `member.verified_by_staff`;
- via iAM Smart against the simulator: typed HKID → choice → iAM Smart → receipt → accepted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton, QWidget
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader, FakeServices
from devtools.form_driver import open_form, walk_form
from drivers.virtual.staff_card import DEMO_PIN, StaffCa
from kiosk.core.state import Screen
from kiosk.core.texts import REGISTRATION_STAFF_DECLINED
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.examples import example
from kiosk.ports import IamSmartPoll, IamSmartState
from kiosk.services import KioskServices
from tests.support.kiosk import enrolled_services, kiosk_window, panel_of, sign_in_with_pin
from tests.support.pcsc import VirtualCardFactory
from tests.support.platform import SimProcess, loopback_session
from tests.support.ui import TYPED_HKID, open_window, type_hkid_and_continue, visible_texts
from tests.ui.test_staff_assist_ui import card_kiosk, platform_items
from ui.main_window import MainWindow
from ui.screens.registration_identity import RegistrationIdentityScreen
from ui.strings import tr

NOW = dt.datetime(2026, 11, 26, 10, 0)
REG = "MEMBER_REGISTRATION"
WAIT_MS = 10_000
MIN_TARGET_PX = 60
__all__ = ["card_kiosk"]  # the fixture (kiosk on real pcscd and services), used below
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
IAMSMART = Identity(TYPED_HKID, name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                    source=IdentitySource.IAMSMART)
# What the member still types after the pre-fill (the rest comes from the example).
TYPED_ANSWERS = {k: v for k, v in example(REG, NOW.date()).items() if k != "identity_source"}
LANG_BUTTON = {"zh_HK": "lang_zh", "en": "lang_en", "zh_CN": "lang_cn"}


def on(w: MainWindow) -> Screen:
    """The screen now (a call, so that mypy does not narrow it across the taps in between)."""
    return w.session.state.screen


def choice_screen(w: MainWindow) -> RegistrationIdentityScreen:
    page = w.page(Screen.REGISTRATION_IDENTITY)
    assert isinstance(page, RegistrationIdentityScreen)
    return page


def typed_member_taps_registration(w: MainWindow, lang: str = "zh_HK") -> RegistrationIdentityScreen:
    w.session.now = lambda: NOW
    if lang != "zh_HK":
        getattr(w.header, LANG_BUTTON[lang]).click()
    w.attract.start_button.click()
    type_hkid_and_continue(w)
    assert on(w) is Screen.MENU
    # The menu says it before the tap (and only to a member who cannot register alone).
    assert tr("reg_id_menu_hint", lang) in w.menu.buttons[REG].summary.text()
    w.menu.buttons[REG].click()
    screen = choice_screen(w)
    assert on(w) is Screen.REGISTRATION_IDENTITY and w.stack.currentWidget() is screen
    assert w.session.state.instruction_type is None and w.session.state.form_raw == {}
    return screen


def screenshot(w: MainWindow, name: str) -> None:
    QTest.qWait(50)  # the layout catches up with the last change
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(SCREENSHOTS / f"{name}.png"))


def targets_problems(w: MainWindow, screen: QWidget) -> list[str]:
    """Visible buttons under 60 px high, or not wholly inside the window (cut off at its edge)."""
    out: list[str] = []
    for b in screen.findChildren(QPushButton):
        if not b.isVisibleTo(screen):
            continue
        top_left = b.mapTo(w, QPoint(0, 0))
        if b.height() < MIN_TARGET_PX:
            out.append(f"{b.text()!r} is {b.height()} px high")
        if top_left.x() < 0 or top_left.x() + b.width() > w.width():
            out.append(f"{b.text()!r} is cut off at the side")
    return out


# ---------------------------------------------------------------- typed HKID alone: the choice


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("zh_HK", ("登記前須核實你的身份", "使用「智方便」", "請店員協助", "香港身份證")),
        ("en", ("Registering needs your identity checked", "Use iAM Smart", "Ask shop staff", "HKID card")),
        ("zh_CN", ("登记前须核实你的身份", "使用「智方便」", "请店员协助", "香港身份证")),
    ],
)
def test_typed_hkid_alone_gets_the_choice_not_the_form(lang: str, expected: tuple[str, ...], qtbot: QtBot,
                                                       tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        screen = typed_member_taps_registration(w, lang)
        shown = " ".join(visible_texts(w))
        assert all(text in shown for text in expected), shown
        assert TYPED_HKID not in shown
        assert screen.iamsmart_button.isVisible() and screen.staff_button.isVisible()
        assert screen.back_button.isVisible()
        assert targets_problems(w, screen) == []
        screenshot(w, f"registration-identity-{lang}")
        # Ask shop staff: it says what happens, and still offers iAM Smart and Back.
        screen.staff_button.click()
        assert w.session.state.registration_staff_asked and screen.staff_wait.isVisible()
        wait_text = screen.staff_wait.text.text()
        assert wait_text and wait_text in " ".join(visible_texts(w))
        screenshot(w, f"registration-identity-staff-{lang}")
        # Another language on this screen: its texts change, the choice made stays.
        other = "en" if lang != "en" else "zh_HK"
        getattr(w.header, LANG_BUTTON[other]).click()
        assert screen.staff_wait.isVisible() and screen.staff_wait.text.text() not in ("", wait_text)
        assert screen.title.text() == tr("reg_id_title", other)
        getattr(w.header, LANG_BUTTON[lang]).click()
        assert screen.staff_wait.text.text() == wait_text
        screen.back_button.click()  # back to the two choices
        assert on(w) is Screen.REGISTRATION_IDENTITY and not screen.staff_wait.isVisible()
        screen.back_button.click()  # and to the menu: the member stays identified for the rest
        assert on(w) is Screen.MENU and w.session.state.identity is not None
        assert services.enqueued == []


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)], ids=["landscape", "portrait"])
@pytest.mark.parametrize("large", [False, True], ids=["normal", "large"])
def test_the_choice_fits_portrait_and_large_text(size: tuple[int, int], large: bool, qtbot: QtBot,
                                                 tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.resize(*size)
        w.session.set_accessibility(large_text=large)
        screen = typed_member_taps_registration(w, "en")  # the longer texts
        screen.staff_button.click()
        QTest.qWait(50)
        assert targets_problems(w, screen) == []
        # Every label's text fits its width (wrapped, never cut): the scroll area grows, not sideways.
        assert screen.scroller.horizontalScrollBar().maximum() == 0
        screenshot(w, f"registration-identity-en-{'portrait' if size[0] < size[1] else 'landscape'}"
                      f"{'-large' if large else ''}")


def test_typed_hkid_cannot_slip_into_the_form_another_way(qtbot: QtBot, tmp_path: Path) -> None:
    """Even a caller opening the form behind the menu's back gets the choice (the session decides)."""
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        w.session.choose(REG)
        assert w.session.state.screen is Screen.REGISTRATION_IDENTITY


# ---------------------------------------------------------------- via iAM Smart (fake services)


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
def test_via_iamsmart_to_receipt(lang: str, qtbot: QtBot, tmp_path: Path) -> None:
    services = FakeServices(data_dir=tmp_path)
    with open_window(qtbot, services) as w:
        s = w.session
        screen = typed_member_taps_registration(w, lang)
        screen.iamsmart_button.click()
        assert on(w) is Screen.IAMSMART and w.stack.currentWidget() is w.iamsmart
        w.iamsmart.back_button.click()  # not now: back to the choice
        assert on(w) is Screen.REGISTRATION_IDENTITY
        screen.iamsmart_button.click()
        # The fake services have no platform: the identity arrives as the login thread delivers it.
        s.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, identity=IAMSMART))
        assert s.state.screen is Screen.FORM and s.state.instruction_type == REG
        assert s.state.form_raw["identity_source"] == "IAMSMART"
        assert walk_form(w.form, TYPED_ANSWERS), s.state.errors
        assert on(w) is Screen.REVIEW
        w.review.back_button.click()
        w.form.back_button.click()
        while on(w) is Screen.FORM:
            w.form.back_button.click()
        assert on(w) is Screen.MENU and s.state.identity is IAMSMART  # iAM Smart: no hint now
        assert tr("reg_id_menu_hint", lang) not in w.menu.buttons[REG].summary.text()
        open_form(w, REG)
        assert walk_form(w.form, TYPED_ANSWERS), s.state.errors
        shown = " ".join(visible_texts(w))
        assert ("（來自「智方便」）" if lang == "zh_HK" else "(from iAM Smart)") in shown
        w.review.read_through()  # Confirm waits for the whole review
        w.review.confirm_button.click()
        qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
        (instruction,) = services.enqueued
        assert instruction.type == REG and instruction.member.source is IdentitySource.IAMSMART
        assert instruction.values["identity_source"] == "IAMSMART"
        assert instruction.values["name_zh"] == "陳大文"  # copied from iAM Smart, not typed


# ---------------------------------------------------------------- real services, the platform simulator


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, FakeCardReader(), staff=True)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def registration_on_platform(services: KioskServices, sim: SimProcess) -> dict[str, object]:
    services.engine.drain()
    items = platform_items(sim)
    assert items["rejected"] == []
    [item] = [i for i in items["items"] if i["type"] == REG]
    payload: dict[str, object] = item["payload"]
    return payload


@pytest.mark.parametrize("lang", ["zh_HK", "en"])
def test_via_shop_staff_to_receipt_and_platform(lang: str, qtbot: QtBot, window: MainWindow,
                                                services: KioskServices, platform_sim: SimProcess) -> None:
    w = window
    s = w.session
    screen = typed_member_taps_registration(w, lang)
    screen.staff_button.click()
    assert s.state.registration_staff_asked
    # Staff come over and sign in (the status strip's long press opens the same panel).
    panel = panel_of(w)
    panel.open()
    sign_in_with_pin(qtbot, panel)
    # Straight to the card check on the staff member's panel; the member's screen says staff are checking.
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.card_check, timeout=WAIT_MS)
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.staff_check is not None
    assert panel.card_check.hkid_value.text() == "A123456(3)"
    assert w.stack.currentWidget() is panel.hkid_confirm
    panel.card_check.confirm_button.click()
    qtbot.waitUntil(lambda: s.state.screen is Screen.FORM, timeout=WAIT_MS)
    assert not panel.isVisible()  # back to the member, on the registration form
    assert s.state.instruction_type == REG and s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert walk_form(w.form, TYPED_ANSWERS), s.state.errors
    w.review.read_through()  # Confirm waits for the whole review
    w.review.confirm_button.click()
    qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
    payload = registration_on_platform(services, platform_sim)
    member, values = payload["member"], payload["values"]
    assert isinstance(member, dict) and isinstance(values, dict)
    assert (member["source"], member["verified_by_staff"], values["identity_source"]) == (
        "typed", "S001", "CARD_STAFF_CHECKED")


def test_staff_not_seen_returns_to_the_choice(qtbot: QtBot, window: MainWindow) -> None:
    w = window
    s = w.session
    screen = typed_member_taps_registration(w, "en")
    screen.staff_button.click()
    panel = panel_of(w)
    panel.open()
    sign_in_with_pin(qtbot, panel)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.card_check, timeout=WAIT_MS)
    assert s.state.screen is Screen.STAFF_CONFIRM
    panel.card_check.decline_button.click()  # "Not seen, cancel", on the staff member's panel
    qtbot.waitUntil(lambda: s.state.screen is Screen.REGISTRATION_IDENTITY, timeout=WAIT_MS)
    assert w.stack.currentWidget() is screen and screen.notice.isVisible()
    assert REGISTRATION_STAFF_DECLINED[1] in " ".join(visible_texts(w))
    assert s.state.identity is not None and not s.state.identity.verified_by_staff


def test_via_iamsmart_on_the_simulator_to_receipt(qtbot: QtBot, window: MainWindow, services: KioskServices,
                                                  platform_sim: SimProcess) -> None:
    w = window
    s = w.session
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart", json={"poll_interval_s": 0.1}, timeout=5).raise_for_status()
    screen = typed_member_taps_registration(w, "zh_HK")
    screen.iamsmart_button.click()
    qtbot.waitUntil(lambda: s.state.iamsmart is not None and s.state.iamsmart.phase == "waiting", timeout=WAIT_MS)
    qr = s.state.iamsmart.qr  # type: ignore[union-attr]
    member = {"hkid": TYPED_HKID, "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "date_of_birth": "1960-01-01"}
    with loopback_session() as http:
        http.post(f"{platform_sim.url}/admin/iamsmart/scan", json={"qr": qr, "member": member},
                  timeout=5).raise_for_status()
    qtbot.waitUntil(lambda: s.state.screen is Screen.FORM, timeout=WAIT_MS)
    assert s.state.instruction_type == REG and s.state.form_raw["name_zh"] == "陳大文"
    assert walk_form(w.form, TYPED_ANSWERS), s.state.errors
    w.review.read_through()  # Confirm waits for the whole review
    w.review.confirm_button.click()
    qtbot.waitUntil(lambda: s.state.screen is Screen.RECEIPT, timeout=WAIT_MS)
    payload = registration_on_platform(services, platform_sim)
    member_sent, values = payload["member"], payload["values"]
    assert isinstance(member_sent, dict) and isinstance(values, dict)
    assert (member_sent["source"], values["identity_source"]) == ("iamsmart", "IAMSMART")


@pytest.mark.pcsc
def test_staff_card_on_the_choice_signs_in_and_checks(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                      card_kiosk: tuple[MainWindow, KioskServices, StaffCa]) -> None:
    """Through the real pcscd: the member asked for staff; the staff card goes in (this screen
    reads no member cards), its PIN, and the kiosk goes on to the HKID confirmation, then the form."""
    w, services, ca = card_kiosk
    s = w.session
    screen = typed_member_taps_registration(w, "en")
    screen.staff_button.click()
    virtual_card(ca.card("S0042", "staff", "SHOP-001"))
    panel = panel_of(w)
    qtbot.waitUntil(lambda: panel.sign_in_page.holder is not None, timeout=WAIT_MS)
    assert on(w) is Screen.REGISTRATION_IDENTITY and s.state.identity is not None
    panel.sign_in_page.pin.setText(DEMO_PIN)
    panel.sign_in_page.sign_in_button.click()
    qtbot.waitUntil(lambda: s.state.screen is Screen.STAFF_CONFIRM, timeout=WAIT_MS)
    # Staff confirm on their own panel, where they see the number in full (straight there after
    # signing in with a number waiting; from the member's screen's staff button otherwise).
    confirm = panel.hkid_confirm
    assert confirm is not None
    if panel.stack.currentWidget() is not panel.card_check:
        confirm.check_button.click()
    assert panel.stack.currentWidget() is panel.card_check
    panel.card_check.confirm_button.click()
    qtbot.waitUntil(lambda: s.state.screen is Screen.FORM, timeout=WAIT_MS)
    assert s.state.identity is not None and s.state.identity.verified_by_staff == "S0042"
    assert s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    principal = services.staff.desk.principal
    assert principal is not None and principal.method.value == "card"
