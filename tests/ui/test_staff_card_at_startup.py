"""The first moments after start-up, while the services' storage opens on its own thread (real
KioskServices with a gate the test opens, so "still opening" lasts as long as the test needs):

- a staff card read then (real pcscd, virtual staff card) does not make the GUI thread wait for
  the storage: a bilingual "starting…" shows, and the sign-in opens with that card once it is open;
- a member who starts at once gets the identify screen and types on while the storage still opens
  (the QR controller, which needs the QR service, is built later, not on the GUI thread's wait);
- a card already in the reader before the card reader starts in warm-up (real pcscd) is reported
  when monitoring starts: the member's session starts and the card is read, nothing is lost;
- a hand scanner's burst before the QR sources start (they wait for the storage) is held and
  becomes a scan once they do, not text typed into the screen; a person's slow typing then is
  given back, in order, to the field it was meant for.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from drivers.virtual.identity_card import IdentityCardApplet
from drivers.virtual.staff_card import DEMO_PIN, StaffCa
from kiosk.app import default_card_reader, open_parts
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.domain import IdentitySource
from kiosk.ports import CardReader, QrSourceKind
from kiosk.services import KioskServices
from tests.support.pcsc import PcscDaemon, VirtualCardFactory
from ui.app import ensure_app
from ui.main_window import MainWindow
from ui.staff.strings import tr_staff
from ui.start_up import WARM_ORDER
from ui.widgets import MessageBox

WAIT_MS = 15_000
GATE_S = 30.0  # bounded: an opening the test forgets to let through still ends


class GatedServices(KioskServices):
    """The real services whose opening waits for the test's go-ahead (`gate.set()`)."""

    def __init__(self, config: KioskConfig, cards: CardReader, *, open_now: bool) -> None:
        self.gate = threading.Event()
        super().__init__(config, open_parts, default_card_reader, cards=cards, open_now=open_now)

    def _open(self) -> None:
        self.gate.wait(GATE_S)
        super()._open()


def config_for(tmp_path: Path) -> KioskConfig:
    return KioskConfig(data_dir=tmp_path / "kiosk", platform_url="http://127.0.0.1:9", idle_timeout_s=600)


@pytest.fixture
def ca(tmp_path: Path) -> StaffCa:
    ca = StaffCa()
    ca.install(config_for(tmp_path).staff_ca_dir)
    return ca


def open_window(qtbot: QtBot, services: KioskServices) -> MainWindow:
    ensure_app()
    w = MainWindow(services)
    qtbot.addWidget(w)
    w.resize(1920, 1080)
    w.show()
    w.warm_up()  # as ui/app.py does after the first paint: the opening starts on its own thread
    return w


def close_window(w: MainWindow, services: GatedServices) -> None:
    services.gate.set()
    panel = w.staff_panel
    if panel is not None:
        panel.shutdown()
    w.shutdown()
    w.allow_close()
    w.close()
    services.close()


@pytest.fixture
def pcsc_kiosk(qtbot: QtBot, tmp_path: Path, pcsc_readers: PcscDaemon, ca: StaffCa) -> Iterator[
        tuple[MainWindow, GatedServices]]:
    config = config_for(tmp_path)
    services = GatedServices(config, cards=default_card_reader(config), open_now=False)
    w = open_window(qtbot, services)
    yield w, services
    close_window(w, services)


def starting_banner(w: MainWindow) -> MessageBox:
    [banner] = [b for b in w.findChildren(MessageBox) if b.property("staffStarting")]
    return banner


@pytest.mark.pcsc
def test_staff_card_while_the_storage_opens(qtbot: QtBot, virtual_card: VirtualCardFactory, ca: StaffCa,
                                            pcsc_kiosk: tuple[MainWindow, GatedServices]) -> None:
    w, services = pcsc_kiosk
    qtbot.waitUntil(lambda: set(WARM_ORDER) <= set(w.screens), timeout=WAIT_MS)  # warm-up waits for storage
    virtual_card(ca.card("S0042", "staff", "SHOP-001"))
    qtbot.waitUntil(lambda: w.pending_staff_card is not None, timeout=WAIT_MS)
    # The GUI thread kept going: the card was read and "starting…" shown while still opening.
    assert not services.is_open() and w.staff_panel is None
    banner = starting_banner(w)
    assert banner.isVisible() and banner.text.text() == tr_staff("starting", "zh_HK")
    assert w.session.state.screen is Screen.ATTRACT  # the session the staff card started ended
    services.gate.set()
    qtbot.waitUntil(lambda: w.staff_panel is not None and w.staff_panel.sign_in_page.holder is not None,
                    timeout=WAIT_MS)
    panel = w.staff_panel
    assert panel is not None and panel.isVisible() and not banner.isVisible()
    assert w.pending_staff_card is None
    assert "S0042" in panel.sign_in_page.card_hint.text()
    panel.sign_in_page.pin.setText(DEMO_PIN)
    panel.sign_in_page.sign_in_button.click()
    qtbot.waitUntil(lambda: services.staff.desk.principal is not None, timeout=WAIT_MS)
    principal = services.staff.desk.principal
    assert principal is not None and principal.staff_id == "S0042"


def test_starting_says_it_in_the_screens_language(qtbot: QtBot, tmp_path: Path) -> None:
    """No pcscd needed: the staff card's read result is handed over as the card reader would."""
    from kiosk.ports import CardError, CardErrorCode, CardReadResult

    services = GatedServices(config_for(tmp_path), cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.header.lang_en.click()
        w.attract.start_button.click()
        w.effects._read_done(w.generation, "Reader 0", w.session.read_token,  # the read's answer
                             CardReadResult(error=CardError(CardErrorCode.STAFF_CARD, "staff card")))
        banner = starting_banner(w)
        assert w.pending_staff_card == "Reader 0" and banner.isVisible()
        assert banner.text.text() == tr_staff("starting", "en")
        services.gate.set()
        qtbot.waitUntil(lambda: w.staff_panel is not None and w.staff_panel.isVisible(), timeout=WAIT_MS)
        assert not banner.isVisible() and w.pending_staff_card is None
    finally:
        close_window(w, services)


def test_storage_that_never_opens_takes_starting_away(qtbot: QtBot, tmp_path: Path) -> None:
    from kiosk.ports import CardError, CardErrorCode, CardReadResult

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    services = GatedServices(KioskConfig(data_dir=blocked, platform_url="http://127.0.0.1:9"),
                             cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.effects._read_done(w.generation, "Reader 0", w.session.read_token,
                             CardReadResult(error=CardError(CardErrorCode.STAFF_CARD, "staff card")))
        assert w.pending_staff_card == "Reader 0"
        services.gate.set()
        qtbot.waitUntil(lambda: not w.warming(), timeout=WAIT_MS)
        assert services.open_failed() is not None and w.staff_panel is None
        assert w.pending_staff_card is None and not starting_banner(w).isVisible()
    finally:
        close_window(w, services)


def test_a_member_starts_and_types_while_the_storage_opens(qtbot: QtBot, tmp_path: Path) -> None:
    services = GatedServices(config_for(tmp_path), cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.attract.start_button.click()  # before the storage opened: nothing here may wait for it
        w.identify.keypad.press("A123456(3)")
        w.identify.continue_button.click()
        qtbot.wait(50)
        assert w.session.state.screen is Screen.MENU
        assert not services.is_open() and w.staff_panel is None
        services.gate.set()
        qtbot.waitUntil(lambda: not w.warming(), timeout=WAIT_MS)
        assert services.is_open() and w.qr.started and w.staff_panel is not None  # warm-up caught up
    finally:
        close_window(w, services)


@pytest.mark.pcsc
def test_a_card_in_the_reader_before_monitoring_starts_is_read(qtbot: QtBot, tmp_path: Path,
                                                               virtual_card: VirtualCardFactory) -> None:
    config = config_for(tmp_path)
    services = GatedServices(config, cards=default_card_reader(config), open_now=False)
    services.gate.set()
    virtual_card(IdentityCardApplet())  # in the reader, pcscd sees it: the kiosk has not started yet
    w = open_window(qtbot, services)
    try:
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=WAIT_MS)
        identity = w.session.state.identity
        assert identity is not None and identity.source is IdentitySource.CARD and w.session.state.started_by_card
    finally:
        close_window(w, services)


def press_keys(target: QObject, text: str, gap_ms: int, enter: bool) -> None:
    """Key presses as the window system delivers them, `gap_ms` apart by their timestamps
    (a scanner: 2 ms; a person: 100 ms and more)."""
    keys = [(Qt.Key.Key_unknown if not ch.isalnum() else Qt.Key(ord(ch.upper())), ch) for ch in text]
    if enter:
        keys.append((Qt.Key.Key_Return, "\r"))
    start = 1_000_000
    for i, (key, ch) in enumerate(keys):
        event = QKeyEvent(QEvent.Type.KeyPress, key, Qt.KeyboardModifier.NoModifier, ch)
        event.setTimestamp(start + gap_ms * i)
        QApplication.sendEvent(target, event)


def test_a_wedge_scan_before_the_qr_sources_start_is_a_scan(qtbot: QtBot, tmp_path: Path) -> None:
    services = GatedServices(config_for(tmp_path), cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.attract.start_button.click()
        entry = w.identify.entry
        qtbot.waitUntil(entry.hasFocus, timeout=WAIT_MS)
        press_keys(entry, "EMPFK:EK-261126-ABC123", 2, enter=True)
        assert entry.text() == ""  # not typed into the HKID field
        assert not services.is_open()
        services.gate.set()
        qtbot.waitUntil(lambda: not w.warming() and w.qr.outcomes >= 1, timeout=WAIT_MS)
        assert w.qr.last_source is QrSourceKind.WEDGE and entry.text() == ""
    finally:
        close_window(w, services)


def test_typing_before_the_qr_sources_start_reaches_its_field(qtbot: QtBot, tmp_path: Path) -> None:
    services = GatedServices(config_for(tmp_path), cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.attract.start_button.click()
        entry = w.identify.entry
        qtbot.waitUntil(entry.hasFocus, timeout=WAIT_MS)
        press_keys(entry, "A123", 150, enter=False)  # a person, 150 ms a key
        assert entry.text() == ""  # held while the QR sources are not there to judge
        services.gate.set()
        qtbot.waitUntil(lambda: not w.warming() and w.qr.started, timeout=WAIT_MS)
        qtbot.waitUntil(lambda: entry.text() == "A123", timeout=WAIT_MS)
        assert w.qr.outcomes == 0
    finally:
        close_window(w, services)


def test_held_keys_go_back_when_the_storage_never_opens(qtbot: QtBot, tmp_path: Path) -> None:
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    services = GatedServices(KioskConfig(data_dir=blocked, platform_url="http://127.0.0.1:9"),
                             cards=FakeCardReader(), open_now=False)
    w = open_window(qtbot, services)
    try:
        w.attract.start_button.click()
        entry = w.identify.entry
        qtbot.waitUntil(entry.hasFocus, timeout=WAIT_MS)
        press_keys(entry, "A12", 150, enter=False)
        services.gate.set()
        qtbot.waitUntil(lambda: not w.warming(), timeout=WAIT_MS)
        assert services.open_failed() is not None
        qtbot.waitUntil(lambda: entry.text() == "A12", timeout=WAIT_MS)
        press_keys(entry, "3", 150, enter=False)  # nothing holds keys any more
        assert entry.text() == "A123"
    finally:
        close_window(w, services)
