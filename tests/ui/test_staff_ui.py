"""The staff panel on the real kiosk window (offscreen) over real services: the real outbox, the
platform simulator over loopback, the audit log on disk. Long press, PIN pad, lockout, assisted
session kept, amend and void from the dashboard, card removal, idle sign-out, technician pages
(doctor, settings, an update from a USB folder), and no full HKID on any staff screen."""

from __future__ import annotations

import importlib.util
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from kiosk.core.state import Screen
from kiosk.domain import Identity, Instruction
from kiosk.modes.auth import AnyOf
from kiosk.ports.staff import Principal, Role, SignInAttempt, SignInMethod, SignInRefused
from kiosk.services import KioskServices
from kiosk.update.installer import SlotInstaller
from tests.support.kiosk import STAFF_PIN, enrolled_services, kiosk_window
from tests.support.member import sign_in_by_code
from tests.support.ui import visible_texts
from ui.main_window import MainWindow
from ui.staff.panel import StaffPanel

PIN, TECH_PIN = STAFF_PIN, "730416"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"


class Clock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def services(tmp_path: Path, platform_sim: Any) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, FakeCardReader(), staff=True)
    svc.staff.pins.register("T900", TECH_PIN, Role.TECHNICIAN, "FIELD")
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def panel_of(window: MainWindow) -> StaffPanel:
    assert window.staff_panel is not None
    return window.staff_panel


def sign_in(qtbot: QtBot, panel: StaffPanel, staff_id: str, pin: str) -> None:
    page = panel.sign_in_page
    qtbot.mouseClick(page.staff_id, Qt.MouseButton.LeftButton)
    page.keyboard.press(staff_id)
    qtbot.mouseClick(page.pin, Qt.MouseButton.LeftButton)
    page.keyboard.press(pin)
    assert page.pin.echoMode() is page.pin.EchoMode.Password
    page.sign_in_button.click()


def rejected(services: KioskServices, mobile: str = "91234567") -> str:
    ref = services.enqueue(Instruction("CHANGE_PARTICULARS", Identity("A123456(4)", name_en="CHAN TAI MAN"),
                                       {"mobile": mobile})).kiosk_ref
    services.engine.drain()
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "rejected"
    return ref


def screenshot(widget: Any, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SCREENSHOTS / f"{name}.png"))


def test_a_long_press_on_the_status_strip_opens_the_pin_pad(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    panel.long_press.timer.setInterval(300)  # type: ignore[attr-defined]
    strip = window.status_strip
    QTest.mousePress(strip, Qt.MouseButton.LeftButton)
    QTest.mouseRelease(strip, Qt.MouseButton.LeftButton)  # a tap is not enough
    qtbot.wait(500)
    assert not panel.isVisible()
    QTest.mousePress(strip, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(panel.isVisible, timeout=3000)
    QTest.mouseRelease(strip, Qt.MouseButton.LeftButton)
    assert panel.stack.currentWidget() is panel.sign_in_page
    screenshot(window, "staff-pin-pad-zh_HK")


def test_sign_in_shows_the_dashboard_with_members_masked(qtbot: QtBot, window: MainWindow,
                                                          services: KioskServices) -> None:
    ref = rejected(services)
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    # Rows added to a shown layout appear on a later turn of the event loop.
    qtbot.waitUntil(lambda: ref in " ".join(visible_texts(panel)), timeout=5000)
    shown = " ".join(visible_texts(panel))
    assert ref in shown and "A12****(*)" in shown and "CHAN T** M**" in shown
    assert "A123456" not in shown and "CHAN TAI MAN" not in shown and "91234567" not in shown
    assert "香港身份證號碼欠缺或無效" in shown  # the platform's reason, in the member's language
    assert "S001" in panel.who.text() and "SHOP-01" in panel.who.text()
    assert not panel.nav_technician.isVisible()  # staff, not a technician
    screenshot(window, "staff-dashboard-zh_HK")
    window.session.set_language("en")
    panel.retranslate()
    panel.refresh_dashboard()
    qtbot.wait(20)  # widgets added to a shown layout appear on the next turn of the event loop
    assert "The HKID number is missing or not valid." in " ".join(visible_texts(panel))
    screenshot(window, "staff-dashboard-en")


def test_five_wrong_pins_lock_the_pad(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    panel.open()
    for _ in range(5):
        sign_in(qtbot, panel, "S001", "000111")
        qtbot.waitUntil(lambda: panel.sign_in_page.sign_in_button.isEnabled(), timeout=5000)
    message = panel.sign_in_page.error.text.text()
    assert "30" in message and "嘗試次數太多" in message
    sign_in(qtbot, panel, "S001", PIN)  # the right PIN waits too
    qtbot.waitUntil(lambda: panel.sign_in_page.sign_in_button.isEnabled(), timeout=5000)
    assert panel.staff.desk.principal is None


def test_staff_mode_keeps_the_members_session_and_marks_it_assisted(qtbot: QtBot, window: MainWindow,
                                                                    services: KioskServices) -> None:
    session = window.session
    session.start()
    assert session.identify_typed("A123456(3)")
    assert session.state.screen is Screen.MENU
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    assert session.state.screen is Screen.MENU and session.state.identity is not None  # not wiped
    assisted = session.state.assisted
    assert assisted is not None and (assisted.staff_id, assisted.shop) == ("S001", "SHOP-01")
    assert panel.back_button.isVisible() and panel.assisted_note.isVisible()
    panel.back_button.click()
    assert not panel.isVisible()
    session.choose("CHANGE_PARTICULARS")
    sign_in_by_code(session)  # the member's own sign-in (no platform here: the core's events)
    session.set_field("mobile", "61234567")
    assert session.submit_form() == []
    window.confirm()
    qtbot.waitUntil(lambda: session.state.screen is Screen.RECEIPT, timeout=5000)
    receipt = session.state.receipt
    assert receipt is not None
    assert [x["action"] for x in services.staff.queue.links(receipt.kiosk_ref)] == ["assisted"]
    events = [e["event"] for e in services.staff.audit.entries(50)]
    assert "session.assisted" in events and "instruction.assisted" in events


def test_amend_and_void_from_the_dashboard(qtbot: QtBot, window: MainWindow, services: KioskServices) -> None:
    to_void, to_amend = rejected(services), rejected(services, "51234567")
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    void_twice(panel, to_void, "WRONG_MEMBER")
    row = services.outbox.get(to_void)
    assert row is not None and row["state"] == "voided"
    assert to_void not in panel.dashboard.void_row_buttons

    panel.dashboard.amend_buttons[to_amend].click()
    assert not panel.isVisible()
    session = window.session
    assert session.state.screen is Screen.IDENTIFY and session.state.assisted is not None
    assert session.identify_typed("A123456(3)")
    # Staff are signed in beside the member: a typed number waits for them to confirm the card.
    assert session.state.screen is Screen.STAFF_CONFIRM
    assert panel.hkid_confirm is not None
    panel.hkid_confirm.check_button.click()  # staff: the check opens on their panel
    assert panel.stack.currentWidget() is panel.card_check
    panel.card_check.confirm_button.click()
    # Staff saw the card; a change of particulars also needs the member's own sign-in.
    qtbot.waitUntil(lambda: session.state.screen is Screen.SIGN_IN, timeout=5000)
    sign_in_by_code(session)
    assert session.state.screen is Screen.FORM
    assert session.state.form_raw["mobile"] == "51234567"
    assert session.state.identity is not None and session.state.identity.verified_by_staff == "S001"
    session.set_field("mobile", "61234567")
    assert session.submit_form() == []
    window.confirm()
    qtbot.waitUntil(lambda: session.state.screen is Screen.RECEIPT, timeout=5000)
    old = services.outbox.get(to_amend)
    assert old is not None and old["state"] == "amended"


def void_twice(panel: StaffPanel, ref: str, reason: str) -> None:
    """Void on the dashboard as staff do: the row's Void, a reason, "Void…", then "Yes, void it"."""
    void = panel.dashboard.void_panel
    panel.dashboard.void_row_buttons[ref].click()
    assert void.isVisible() and void.request is not None and void.request.kiosk_ref == ref
    void.reason_buttons[reason].click()
    void.next_button.click()
    void.next_button.click()


def visible_overlaps(buttons: Sequence[QPushButton], window: MainWindow) -> list[str]:
    """Buttons drawn over one another, cut off, or outside the window."""
    problems = []
    rects = {b.text(): QRect(b.mapTo(window, QPoint(0, 0)), b.size()) for b in buttons}
    names = list(rects)
    for i, a in enumerate(names):
        r = rects[a]
        if not window.rect().contains(r):
            problems.append(f"{a}: outside the window")
        for b in names[i + 1:]:
            if r.intersects(rects[b]):
                problems.append(f"{a} / {b}: overlap")
    for b in buttons:
        if b.sizeHint().width() > b.width() or b.sizeHint().height() > b.height() + 1:
            problems.append(f"{b.text()}: cut ({b.sizeHint().width()}x{b.sizeHint().height()} in "
                            f"{b.width()}x{b.height()})")
    return problems


@pytest.mark.parametrize("size", [(1920, 1080), (1080, 1920)])
def test_void_asks_a_reason_then_once_more(qtbot: QtBot, window: MainWindow, services: KioskServices,
                                           size: tuple[int, int]) -> None:
    window.resize(*size)
    window.header.lang_en.click()
    ref = rejected(services)
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    void = panel.dashboard.void_panel
    panel.dashboard.void_row_buttons[ref].click()
    qtbot.wait(50)
    assert [c for c, b in void.reason_buttons.items() if b.isChecked()] == []  # none chosen for staff
    assert not void.next_button.isEnabled()
    problems = visible_overlaps(list(void.reason_buttons.values()), window)
    assert problems == [], "\n".join(problems)
    void.reason_buttons["DUPLICATE"].click()  # one tap on a reason voids nothing
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "rejected"
    assert void.next_button.isEnabled()
    void.next_button.click()  # "Void…": the second question, saying what voiding does
    assert not void.reasons.isVisible() and "cannot be undone" in void.warning.text.text()
    assert ref in void.prompt.text()
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "rejected"
    void.cancel_button.click()  # "Go back": the reasons again, still nothing voided
    assert void.reasons.isVisible() and void.reason_buttons["DUPLICATE"].isChecked()
    void.next_button.click()
    void.next_button.click()  # "Yes, void it"
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "voided" and not void.isVisible()


class StaffCard:
    """The staff card's authenticator through the same port (issue 4 brings the real one)."""

    def methods(self) -> Sequence[SignInMethod]:
        return (SignInMethod.CARD,)

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        if attempt.secret != "1379":
            raise SignInRefused("CARD_PIN_WRONG", "密碼不正確。", "Wrong PIN.")
        return Principal("C042", Role.STAFF, "SHOP-01", SignInMethod.CARD, card_reader=attempt.reader)


def test_pulling_the_staff_card_ends_staff_mode(qtbot: QtBot, window: MainWindow, services: KioskServices) -> None:
    desk = services.staff.desk
    desk.authenticator = AnyOf(desk.authenticator, StaffCard())
    panel = panel_of(window)
    panel.open()
    page = panel.sign_in_page
    assert page.method_card.isVisible() and page.card_reader == "Fake Reader 0"
    page.card_inserted("Fake Reader 0")  # what the card bridge tells it when the staff card goes in
    assert page.method is SignInMethod.CARD and not page.staff_id.isVisible() and page.pin.isVisible()
    qtbot.mouseClick(page.pin, Qt.MouseButton.LeftButton)
    page.keyboard.press("1379")
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    p = desk.principal
    assert p is not None and (p.staff_id, p.card_reader) == ("C042", "Fake Reader 0")
    cards = services.cards
    assert isinstance(cards, FakeCardReader)
    cards.remove("Fake Reader 0")  # through the CardBridge, as pcsc's monitor thread would
    qtbot.waitUntil(lambda: not panel.isVisible(), timeout=3000)
    assert desk.principal is None and desk.last_sign_out_reason == "card_removed"


def test_idle_staff_are_signed_out(qtbot: QtBot, window: MainWindow, services: KioskServices) -> None:
    desk = services.staff.desk
    clock = Clock()
    desk._monotonic = clock  # the desk's clock, moved by the test
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    clock.t += 60
    panel.tick()
    assert panel.isVisible() and "60" in panel.idle.text()
    clock.t += 61
    panel.tick()
    assert not panel.isVisible() and desk.principal is None and desk.last_sign_out_reason == "idle"


def _load_update_helpers() -> Any:
    helpers = Path(__file__).parents[1] / "kiosk" / "test_update.py"
    spec = importlib.util.spec_from_file_location("staff_ui_update_helpers", helpers)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_technician_pages(qtbot: QtBot, window: MainWindow, services: KioskServices, tmp_path: Path) -> None:
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "T900", TECH_PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    assert panel.nav_technician.isVisible()
    panel.nav_technician.click()
    tech = panel.technician
    assert panel.stack.currentWidget() is tech

    tech.doctor_button.click()
    qtbot.waitUntil(lambda: "[PASS] platform" in " ".join(visible_texts(tech)), timeout=15_000)
    lines = " ".join(visible_texts(tech))
    assert "[PASS] platform" in lines and "[PASS] enrolment" in lines and "[PASS] card_readers" in lines

    tech.show_tab("settings")
    tech.setting_buttons["idle_warning_s"].click()
    tech.setting_value.setText("500")
    tech.save_button.click()
    assert "5 至 120" in tech.error.text.text()
    tech.setting_value.setText("20")
    tech.save_button.click()
    assert window.session.idle_warning_s == 20.0 and services.staff.settings.idle_warning_s == 20
    tech.setting_buttons["languages"].click()
    tech.setting_buttons["default_lang"].click()
    screenshot(window, "staff-technician-settings-zh_HK")

    helpers = _load_update_helpers()
    keys = tmp_path / "keys"
    key, pub, _ = helpers.sign.keygen(keys)
    usb = helpers.build.package(helpers.make_bundle(tmp_path / "src", "0.9.0"), "0.9.0", tmp_path / "usb",
                                key=key, compresslevel=1)
    trust = tmp_path / "trust"
    trust.mkdir()
    shutil.copy(pub, trust / "k.pem")
    services.staff.installer = SlotInstaller(tmp_path / "opt", trust, self_test_timeout_s=20)
    tech.show_tab("update")
    tech.update_source.setText(str(usb))
    tech.update_button.click()
    qtbot.waitUntil(lambda: tech.restart_button.isVisible(), timeout=20_000)
    assert "0.9.0" in tech.update_stage.text() and tech.update_progress.value() == 100
    assert services.staff.installer.current_slot() == "a"
    screenshot(window, "staff-technician-update-zh_HK")
    assert "update.installed" in [e["event"] for e in services.staff.audit.entries(50)]


def test_staff_cannot_reach_technician_actions(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    panel.open()
    sign_in(qtbot, panel, "S001", PIN)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=5000)
    panel.show_page("technician")  # even if asked directly
    assert panel.stack.currentWidget() is panel.dashboard
    panel.tech.doctor()
    assert "技術人員" in panel.technician.error.text.text()


def test_dashboard_tiles_six_in_a_row_in_landscape_three_by_two_in_portrait(qtbot: QtBot) -> None:
    """Six tiles in a row on a portrait screen wrapped their details into tall narrow columns."""
    from PySide6.QtWidgets import QApplication

    from ui.staff.dashboard import DashboardPage

    page = DashboardPage(lambda: None, lambda ref: None, lambda ref, reason: None)
    qtbot.addWidget(page)

    def rows() -> list[int]:
        return [frame.geometry().top() for frame, *_ in page.tiles.values()]

    page.resize(1920, 1080)
    page.show()
    qtbot.waitExposed(page)
    QApplication.processEvents()
    assert len(set(rows())) == 1
    page.resize(1080, 1920)
    QApplication.processEvents()
    tops = rows()
    assert len(set(tops)) == 2 and tops[:3] == [tops[0]] * 3 and tops[3:] == [tops[3]] * 3
    width = [frame.width() for frame, *_ in page.tiles.values()]
    assert min(width) > 1080 // 4  # a third of the screen each, not a sixth
