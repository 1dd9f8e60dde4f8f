"""Screenshots of the ePassport screens in both languages, for people to look at: the MRZ step (empty,
field errors, a wrong key), the verdict on the menu (genuine, not verifiable), a forged document
refused, and a chip read without an HKID number.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --walks passport \
        --out artifacts/screenshots

(every orientation and mode, both languages; the walk of devtools/screenshots.py named "passport").
Drives a real MainWindow on devtools.fakes.FakeServices with a stand-in reader that answers like the
eMRTD profile (KEY_REQUIRED, WRONG_KEY, an identity with a verdict). Fictional holder only.
"""

from __future__ import annotations

from pathlib import Path

from devtools.fakes import FakeCardReader, FakeClock, FakeServices
from devtools.shots import Camera, settle, start_member, wait_for
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.identity import DocumentCheck, TravelDocument
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from ui.main_window import MainWindow

SCREENS = ("mrz", "mrz-errors", "mrz-wrong-key", "menu-passport-genuine", "menu-passport-not-verifiable",
           "identify-passport-forged", "identify-passport-type-hkid")
KEY = MrzKey.typed("K12345678", "1970-01-01", "2034-01-01")


class StandInPassport(FakeCardReader):
    """Answers like drivers.cards.emrtd: KEY_REQUIRED without a key, WRONG_KEY for another key, then
    the outcome set in `outcome`."""

    def __init__(self) -> None:
        super().__init__()
        self.outcome: CardReadResult = self.passport(DocumentCheck.GENUINE, "ok")

    @staticmethod
    def passport(check: DocumentCheck, reason: str, hkid: str = "A123456(3)") -> CardReadResult:
        doc = TravelDocument("P", "K12345678", "CHN", "CHN", "M", "2034-01-01", check, reason)
        return CardReadResult(identity=Identity(hkid, "CHAN TAI MAN", "", "1970-01-01", IdentitySource.CARD,
                                                "Fake Reader 0", doc))

    def read_identity(self, reader: str, key: MrzKey | None = None) -> CardReadResult:
        if key is None:
            return CardReadResult(error=CardError(CardErrorCode.KEY_REQUIRED))
        if key != KEY:
            return CardReadResult(error=CardError(CardErrorCode.WRONG_KEY, "SW 6300"))
        return self.outcome


def services(_tmp: Path) -> FakeServices:
    return FakeServices(cards=StandInPassport())


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    cards = window.services.cards
    assert isinstance(cards, StandInPassport)

    def to_mrz() -> None:
        start_member(window, lang, mode)
        cards.insert().join()
        wait_for(lambda: s.state.screen is Screen.MRZ)

    def type_key(number: str, birth: str, expiry: str) -> None:
        for name, text in (("document_number", number), ("date_of_birth", birth), ("date_of_expiry", expiry)):
            window.mrz.type_field(name, text)

    def read(outcome: CardReadResult, screen: Screen) -> None:
        cards.outcome = outcome
        type_key("K12345678", "1970-01-01", "2034-01-01")
        window.mrz.read_button.click()
        wait_for(lambda: s.state.screen is screen and not s.state.card_reading)
        settle(100)

    to_mrz()
    window.mrz.select_field("document_number")
    shot("mrz")
    type_key("K1234567", "1970-02-31", "2034-01-01")
    window.mrz.read_button.click()
    shot("mrz-errors")
    type_key("K12345678", "1970-01-01", "2034-01-02")
    window.mrz.read_button.click()
    wait_for(lambda: not s.state.card_reading and s.state.notice is not None)
    shot("mrz-wrong-key")
    read(cards.passport(DocumentCheck.GENUINE, "ok"), Screen.MENU)
    shot("menu-passport-genuine")
    to_mrz()
    read(cards.passport(DocumentCheck.NOT_VERIFIABLE, "no_csca"), Screen.MENU)
    shot("menu-passport-not-verifiable")
    to_mrz()
    read(CardReadResult(error=CardError(CardErrorCode.FORGED, "dg_hash_mismatch")), Screen.IDENTIFY)
    shot("identify-passport-forged")
    to_mrz()
    read(cards.passport(DocumentCheck.GENUINE, "ok", hkid=""), Screen.IDENTIFY)
    shot("identify-passport-type-hkid")
