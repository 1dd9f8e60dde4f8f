"""Card events arrive on a driver thread and reads block: both must reach the GUI thread safely."""

from __future__ import annotations

import threading
from pathlib import Path

from pytestqt.qtbot import QtBot

from devtools.fakes import FICTIONAL_MEMBER, FakeCardReader, FakeServices, card_error
from kiosk.core.state import Screen
from kiosk.core.texts import CARD_MESSAGES
from kiosk.ports import CardErrorCode, CardReadResult
from tests.support.ui import open_window, visible_texts


def test_card_on_identify_leads_to_menu(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakeCardReader(delay_s=0.2)
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()  # from a plain Python thread, like pyscard's monitor
        qtbot.waitUntil(lambda: w.session.state.card_reading, timeout=2000)
        assert not w.identify.reading.isHidden()
        assert not w.identify.continue_button.isEnabled()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=3000)
        assert cards.reads == 1
        assert cards.read_threads[0] != threading.main_thread().name  # the read was off the GUI thread
        shown = " ".join(visible_texts(w))
        assert "CHAN T** M**" in shown and "陳**" in shown and "A12****(*)" in shown
        assert "CHAN TAI MAN" not in shown and "陳大文" not in shown and "A123456" not in shown


def test_card_on_attract_starts_the_session(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakeCardReader()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.header.lang_en.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=3000)
        assert w.session.state.identity == FICTIONAL_MEMBER
        assert w.session.state.lang == "en"


def test_card_read_error_shows_the_notice(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakeCardReader(result=card_error(CardErrorCode.REMOVED))
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: not w.identify.notice.isHidden(), timeout=3000)
        zh, en = CARD_MESSAGES[CardErrorCode.REMOVED]
        assert w.session.state.screen is Screen.IDENTIFY
        assert w.identify.notice.text.text() == zh
        w.header.lang_en.click()
        assert w.identify.notice.text.text() == en
        assert w.identify.reading.isHidden()


def test_a_reader_that_raises_is_an_unreadable_card(qtbot: QtBot, tmp_path: Path) -> None:
    class Exploding(FakeCardReader):
        def read_identity(self, reader: str) -> CardReadResult:
            raise RuntimeError("driver bug")

    cards = Exploding()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: not w.identify.notice.isHidden(), timeout=3000)
        assert w.identify.notice.text.text() == CARD_MESSAGES[CardErrorCode.UNREADABLE][0]


def test_a_read_finishing_after_a_wipe_is_dropped(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakeCardReader(delay_s=0.4)
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.card_reading, timeout=2000)
        w.identify.back_button.click()  # the member walks away: wipe
        w.attract.start_button.click()  # and someone else starts
        qtbot.wait(700)
        assert w.session.state.screen is Screen.IDENTIFY  # not identified as the previous member
        assert w.session.state.identity is None


def test_cards_inserted_elsewhere_are_ignored(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakeCardReader()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.attract.start_button.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=3000)
        w.menu.buttons["VOLUNTARY_CONTRIBUTION"].click()  # a form that needs no sign-in
        cards.insert().join()
        cards.remove()
        qtbot.wait(100)
        assert w.session.state.screen is Screen.FORM and cards.reads == 1


def test_no_card_reader_still_runs(qtbot: QtBot, tmp_path: Path) -> None:
    class Broken(FakeCardReader):
        def start(self, events: object) -> None:
            raise OSError("no pcscd")

    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=Broken())) as w:
        w.attract.start_button.click()
        assert w.session.state.screen is Screen.IDENTIFY  # typing the HKID still works
