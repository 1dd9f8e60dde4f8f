"""The passport flow on screen: insert, the MRZ step, wrong key with tries left, the verdict on the
menu, a forged document refused. First with a fake reader, then through the real pcscd with a
virtual ePassport and the production PcscCardReader (Qt offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader, FakeServices
from drivers.cards.emrtd import EmrtdProfile, FolderTrustStore
from drivers.cards.registry import ProfileRegistry
from drivers.cards.simple_identity import SimpleIdentityProfile
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.emrtd_card import DEMO_PASSPORT, forged_passport, passport
from drivers.virtual.emrtd_chip import ChipSecrets
from drivers.virtual.emrtd_pki import CountryPki
from kiosk.core.state import Screen
from kiosk.core.texts import CARD_MESSAGES
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.identity import DocumentCheck, TravelDocument
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from tests.support.pcsc import READER_0, PcscDaemon, VirtualCardFactory
from tests.support.ui import open_window, visible_texts
from ui.main_window import MainWindow

RIGHT = MrzKey.typed("K12345678", "01011970", "01012034")


class FakePassportReader(FakeCardReader):
    """Answers like the eMRTD profile: KEY_REQUIRED without a key, WRONG_KEY for another one."""

    def __init__(self, check: DocumentCheck = DocumentCheck.GENUINE, reason: str = "ok") -> None:
        doc = TravelDocument("P", "K12345678", "CHN", "CHN", "M", "2034-01-01", check, reason)
        super().__init__(CardReadResult(identity=Identity("A123456(3)", "CHAN TAI MAN", "", "1970-01-01",
                                                          IdentitySource.CARD, "Fake Reader 0", doc)))

    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        result = super().read_identity(reader, key)
        if key is None:
            return CardReadResult(error=CardError(CardErrorCode.KEY_REQUIRED))
        if key != RIGHT:
            return CardReadResult(error=CardError(CardErrorCode.WRONG_KEY, "SW 6300"))
        return result


def _type(w: MainWindow, number: str, birth: str, expiry: str) -> None:
    for name, text in (("document_number", number), ("date_of_birth", birth), ("date_of_expiry", expiry)):
        w.mrz.type_field(name, text)


def test_passport_flow_with_a_wrong_key_first(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakePassportReader()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.header.lang_en.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        assert w.stack.currentWidget() is w.mrz and "3 tries left" in visible_texts(w)
        _type(w, "K12345678", "1970-01-01", "2034-01-02")  # expiry one day off
        w.mrz.read_button.click()
        qtbot.waitUntil(lambda: not w.mrz.notice.isHidden(), timeout=3000)
        assert "2 tries left" in w.mrz.notice.text.text() and "date of expiry" in w.mrz.notice.text.text()
        assert w.mrz.edits["document_number"].text() == "K12345678"  # kept for the correction
        _type(w, "K12345678", "1970-01-01", "2034-01-01")
        w.mrz.read_button.click()
        qtbot.waitUntil(lambda: "Document chip" in " ".join(visible_texts(w)), timeout=3000)
        assert cards.keys == [None, MrzKey.typed("K12345678", "1970-01-01", "2034-01-02"), RIGHT]
        shown = " ".join(visible_texts(w))
        assert "Document chip" in shown and "chip data verified genuine" in shown
        assert "K12345678" not in shown and "CHAN TAI MAN" not in shown
        w.header.lang_zh.click()  # the rows are rebuilt; new labels show on the next event loop turn
        qtbot.waitUntil(lambda: "晶片資料已核實為真確" in " ".join(visible_texts(w)), timeout=2000)


def test_mrz_field_errors_show_under_each_field(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakePassportReader()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.header.lang_en.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        _type(w, "", "1970-02-31", "2034-01-01")
        w.mrz.read_button.click()
        assert "document number" in w.mrz.errors["document_number"].message()
        assert "year-month-day" in w.mrz.errors["date_of_birth"].message()
        assert w.mrz.errors["date_of_expiry"].message() == ""
        assert cards.keys == [None]  # nothing sent to the chip


def test_not_verifiable_verdict_on_the_menu(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakePassportReader(DocumentCheck.NOT_VERIFIABLE, "no_csca")
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        w.header.lang_en.click()
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        _type(w, "K12345678", "1970-01-01", "2034-01-01")
        w.mrz.read_button.click()
        qtbot.waitUntil(lambda: "no certificate for the issuing country" in " ".join(visible_texts(w)),
                        timeout=3000)


def test_back_from_the_mrz_step(qtbot: QtBot, tmp_path: Path) -> None:
    cards = FakePassportReader()
    with open_window(qtbot, FakeServices(data_dir=tmp_path, cards=cards)) as w:
        cards.insert().join()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=3000)
        _type(w, "K12345678", "", "")
        w.mrz.back_button.click()
        assert w.session.state.screen is Screen.IDENTIFY and w.session.state.mrz is None
        assert w.mrz.edits["document_number"].text() == ""  # nothing of the document left on screen


# ---------------------------------------------------------------- through pcscd


@pytest.fixture(scope="module")
def pki() -> CountryPki:
    return CountryPki.generate("CN")


@pytest.fixture
def pcsc_services(pcsc_readers: PcscDaemon, tmp_path: Path, pki: CountryPki) -> FakeServices:
    folder = tmp_path / "csca"
    pki.install(folder)
    reader = PcscCardReader(ProfileRegistry([SimpleIdentityProfile(), EmrtdProfile(FolderTrustStore(folder))]))
    return FakeServices(data_dir=tmp_path, cards=reader)  # type: ignore[arg-type]


@pytest.mark.pcsc
def test_virtual_passport_through_pcscd_to_the_menu(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                     pcsc_services: FakeServices, pki: CountryPki) -> None:
    with open_window(qtbot, pcsc_services) as w:
        w.header.lang_en.click()
        virtual_card(passport(pki, chip=ChipSecrets.generate(ca=True)))  # a chip that proves itself
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=5000)
        assert w.session.state.mrz is not None and w.session.state.mrz.reader == READER_0
        _type(w, DEMO_PASSPORT.document_number, "1970-01-01", "2034-01-01")
        w.mrz.read_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MENU, timeout=5000)
        identity = w.session.state.identity
        assert identity is not None and identity.hkid == "A123456(3)"
        qtbot.waitUntil(lambda: "chip data verified genuine" in " ".join(visible_texts(w)), timeout=2000)


@pytest.mark.pcsc
def test_forged_passport_through_pcscd_is_refused(qtbot: QtBot, virtual_card: VirtualCardFactory,
                                                  pcsc_services: FakeServices, pki: CountryPki) -> None:
    forged = forged_passport(pki)
    with open_window(qtbot, pcsc_services) as w:
        w.header.lang_en.click()
        virtual_card(forged)
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.MRZ, timeout=5000)
        _type(w, forged.holder.document_number, "1985-05-05", "2034-01-01")
        w.mrz.read_button.click()
        qtbot.waitUntil(lambda: w.session.state.screen is Screen.IDENTIFY, timeout=5000)
        assert w.session.state.identity is None
        assert w.identify.notice.text.text() == CARD_MESSAGES[CardErrorCode.FORGED][1]
