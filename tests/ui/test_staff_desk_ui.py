"""The staff desk on the real kiosk window (Qt offscreen) over real services (the outbox and audit
log on disk, the platform simulator on loopback): handing back to the member with the sign-in kept,
closing the kiosk asked twice and refused mid-session, the doctor running as its page opens, the
receipt lookup, plain device words on the dashboard, and the member's "call staff" from the header
to the alert on the kiosk and the dashboard's answer."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from kiosk.core.state import Screen
from kiosk.domain import Identity, Instruction
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import Role
from kiosk.services import KioskServices
from tests.support.kiosk import enrolled_services, kiosk_window, panel_of
from tests.support.platform import SimProcess
from tests.support.sign_in import sign_in_by_sms
from tests.support.ui import visible_texts
from ui.main_window import MainWindow
from ui.staff.panel import StaffPanel

PIN, TECH_PIN = "482915", "730416"
HKID = "A123456(3)"  # fictional
WAIT_MS = 10_000


@pytest.fixture
def services(tmp_path: object, platform_sim: SimProcess) -> Iterator[KioskServices]:
    from pathlib import Path

    assert isinstance(tmp_path, Path)
    svc = enrolled_services(tmp_path, platform_sim.url, FakeCardReader(), staff=True)
    svc.staff.pins.register("T900", TECH_PIN, Role.TECHNICIAN, "FIELD")
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def sign_in(qtbot: QtBot, panel: StaffPanel, staff_id: str = "S001", pin: str = PIN) -> None:
    panel.open()
    page = panel.sign_in_page
    page.staff_id.setText(staff_id)
    page.pin.setText(pin)
    page.sign_in_button.click()
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is not page, timeout=WAIT_MS)
    assert panel.staff.desk.principal is not None


def events(services: KioskServices, event: AuditEvent) -> list[dict[str, object]]:
    return [e for e in services.staff.audit.entries(200) if e["event"] == event.value]


def test_staff_signed_in_on_attract_hand_back_and_stay_signed_in(qtbot: QtBot, window: MainWindow,
                                                                   services: KioskServices) -> None:
    w = window
    panel = panel_of(w)
    sign_in(qtbot, panel)
    assert w.session.state.screen is Screen.ATTRACT
    assert panel.back_button.isVisible() and panel.back_button.text() == "交回成員使用"
    panel.back_button.click()
    assert not panel.isVisible() and services.staff.desk.principal is not None  # still signed in
    assert w.session.state.screen is Screen.ATTRACT and w.session.state.assisted is None
    w.attract.start_button.click()  # a member starts: not assisted by staff who merely stayed signed in
    assert w.session.state.screen is Screen.IDENTIFY and w.session.state.assisted is None
    panel.open()  # staff join this member (still signed in: no PIN)
    assert panel.stack.currentWidget() is panel.dashboard
    assisted = w.session.state.assisted
    assert assisted is not None and assisted.staff_id == "S001"
    assert len(events(services, AuditEvent.ASSISTED_SESSION)) == 1  # audited when staff joined
    panel.back_button.click()
    assert not panel.isVisible() and w.session.state.screen is Screen.IDENTIFY
    assert services.staff.desk.principal is not None


def test_closing_the_kiosk_asks_again_and_is_refused_mid_session(qtbot: QtBot, window: MainWindow,
                                                                  services: KioskServices) -> None:
    w = window
    panel = panel_of(w)
    sign_in(qtbot, panel, "T900", TECH_PIN)
    panel.nav_technician.click()
    tech = panel.technician
    tech.quit_button.click()  # one tap: a question, not a closed kiosk
    assert tech.quit_confirm.isVisible() and "Close the kiosk?" not in tech.quit_question.text()
    assert "確定關閉自助服務站" in tech.quit_question.text()
    assert events(services, AuditEvent.KIOSK_QUIT) == [] and panel.staff.desk.principal is not None
    tech.quit_no.click()
    assert not tech.quit_confirm.isVisible()
    # A member's session under way: refused, and said so.
    panel.back_button.click()
    w.attract.start_button.click()
    panel.open()
    panel.nav_technician.click()
    tech.quit_button.click()
    assert not tech.quit_confirm.isVisible() and tech.error.isVisible()
    assert "成員正在使用本機，不可關閉" in tech.error.text.text()
    assert events(services, AuditEvent.KIOSK_QUIT) == []
    # Asked on attract, then a member starts before "yes": the yes is refused too.
    panel.back_button.click()
    w.session.wipe()
    panel.open()
    panel.nav_technician.click()
    tech.quit_button.click()
    assert tech.quit_confirm.isVisible()
    w.session.start()
    tech.quit_yes.click()
    assert events(services, AuditEvent.KIOSK_QUIT) == [] and tech.error.isVisible()
    assert panel.staff.desk.principal is not None


def test_the_doctor_runs_when_its_page_opens(qtbot: QtBot, window: MainWindow, services: KioskServices) -> None:
    panel = panel_of(window)
    sign_in(qtbot, panel, "T900", TECH_PIN)
    panel.nav_technician.click()  # the doctor is the first tab: no Run press needed
    tech = panel.technician
    qtbot.waitUntil(lambda: tech.doctor_lines.count() > 3, timeout=WAIT_MS)
    assert tech.doctor_summary.text() and tech.doctor_summary.text() != "正在執行診斷…"
    assert len(events(services, AuditEvent.DOCTOR_RUN)) == 1


def test_the_dashboard_speaks_of_devices_without_paths(qtbot: QtBot, window: MainWindow) -> None:
    panel = panel_of(window)
    sign_in(qtbot, panel)
    shown = " ".join(visible_texts(panel.dashboard))
    assert "鏡頭" in shown and "/dev" not in shown and "video*" not in shown


def test_receipt_lookup_on_the_panel(qtbot: QtBot, window: MainWindow, services: KioskServices,
                                     platform_sim: SimProcess) -> None:
    signed = sign_in_by_sms(services.client, platform_sim)  # a change of particulars needs the member's
    ref = services.enqueue(Instruction("CHANGE_PARTICULARS", Identity(HKID, name_en="CHAN TAI MAN"),
                                       {"mobile": "91234567"}, sign_in=signed)).kiosk_ref
    services.engine.drain()
    window.header.lang_en.click()
    panel = panel_of(window)
    sign_in(qtbot, panel)
    panel.nav_lookup.click()
    page = panel.lookup
    assert panel.stack.currentWidget() is page and page.keyboard.target() is page.field
    page.keyboard.press(ref.replace("-", ""))  # typed on the panel's keys, without the dashes
    page.look_up_button.click()
    qtbot.waitUntil(lambda: "The eMPF platform" in " ".join(visible_texts(page)), timeout=WAIT_MS)
    shown = " ".join(visible_texts(page))
    assert "This kiosk" in shown and "accepted" in shown and "The eMPF platform" in shown and "received" in shown
    for secret in ("A123456", "CHAN TAI MAN", "91234567"):
        assert secret not in shown
    page.field.setText("not a reference")
    page.look_up_button.click()
    qtbot.waitUntil(page.error.isVisible, timeout=WAIT_MS)
    assert "not a receipt reference" in page.error.text.text() and page.results.count() == 0
    panel.back_button.click()
    assert page.field.text() == ""  # nothing of the lookup stays for the next staff member


def test_call_staff_from_the_header_to_the_dashboard(qtbot: QtBot, window: MainWindow,
                                                     services: KioskServices) -> None:
    w = window
    rings: list[int] = []
    w.call_alert.bell = lambda: rings.append(1)
    assert not w.header.call_staff.isVisible()  # nobody to help on the attract screen
    w.attract.start_button.click()
    assert w.header.call_staff.isVisible() and w.header.call_staff.text() == "呼叫職員"
    w.identify.keypad.press(HKID)
    w.identify.continue_button.click()
    assert w.session.state.screen is Screen.MENU
    w.header.call_staff.click()
    assert w.session.state.staff_called_at is not None and rings == [1]
    assert w.header.call_staff.isChecked() and "已通知職員" in w.header.call_staff.text()
    alert = w.call_alert
    assert alert.box.isVisible() and "有成員等候協助" in alert.line.text()
    assert HKID not in " ".join(visible_texts(w))
    panel = panel_of(w)
    sign_in(qtbot, panel)
    panel.show_page("dashboard")
    box = panel.dashboard.call_box
    assert box.isVisible()
    assert "A12****(*)" in box.text.text() and "123456" not in box.text.text() and "選擇服務" in box.text.text()
    box.answer_button.click()
    assert not box.isVisible() and w.session.state.staff_called_at is None and not alert.box.isVisible()
    [answered] = events(services, AuditEvent.STAFF_CALL_ANSWERED)
    assert answered["actor"] == "S001"
    panel.back_button.click()
    w.header.call_staff.click()  # called again, then the member leaves: the wipe forgets the call
    assert alert.box.isVisible()
    w.session.wipe()
    assert not alert.box.isVisible() and not w.header.call_staff.isVisible()
    assert w.session.state.staff_called_at is None
