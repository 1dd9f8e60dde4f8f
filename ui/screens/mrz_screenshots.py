"""Screenshots of the ePassport screens in both languages, for people to look at: the MRZ step (empty,
field errors, a wrong key), the verdict on the menu (genuine, not verifiable), a forged document
refused, and a chip read without an HKID number.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m ui.screens.mrz_screenshots --out artifacts/screenshots

Drives a real MainWindow on ui.fakes.FakeServices with a stand-in reader that answers like the
eMRTD profile (KEY_REQUIRED, WRONG_KEY, an identity with a verdict). Fictional holder only.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from kiosk.domain import Identity, IdentitySource
from kiosk.domain.identity import DocumentCheck, TravelDocument
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from kiosk.session import Screen
from ui.app import ensure_app
from ui.fakes import FakeCardReader, FakeClock, FakeServices
from ui.main_window import MainWindow
from ui.screenshots import HEIGHT, LANGS, WIDTH, settle, wait_for

SCREENS = ("mrz", "mrz-errors", "mrz-wrong-key", "menu-passport-genuine", "menu-passport-not-verifiable",
           "identify-passport-forged", "identify-passport-type-hkid")
KEY = MrzKey.typed("K12345678", "01011970", "01012034")


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


def take(window: MainWindow, out: Path, name: str, lang: str) -> Path:
    """The window as a 1920x1080 PNG named `<name>-<lang>.png`."""
    settle()
    path = out / f"{name}-{lang}.png"
    pixmap = window.grab()
    if pixmap.width() != WIDTH or pixmap.height() != HEIGHT:
        pixmap = pixmap.scaled(WIDTH, HEIGHT)
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def walk(window: MainWindow, out: Path, lang: str) -> list[Path]:
    s = window.session
    cards = window.services.cards
    assert isinstance(cards, StandInPassport)
    shots: list[Path] = []

    def shot(name: str) -> None:
        shots.append(take(window, out, name, lang))

    def to_mrz() -> None:
        s.wipe()
        s.set_language(lang)
        window.attract.start_button.click()
        s.set_language(lang)
        cards.insert().join()
        wait_for(lambda: s.state.screen is Screen.MRZ)

    def type_key(number: str, birth: str, expiry: str) -> None:
        for name, text in (("document_number", number), ("date_of_birth", birth), ("date_of_expiry", expiry)):
            window.mrz.select_field(name)
            window.mrz.keyboard.tap("clear")
            window.mrz.keyboard.press(text)

    def read(outcome: CardReadResult, screen: Screen) -> None:
        cards.outcome = outcome
        type_key("K12345678", "01011970", "01012034")
        window.mrz.read_button.click()
        wait_for(lambda: s.state.screen is screen and not s.state.card_reading)
        settle(100)

    to_mrz()
    window.mrz.select_field("document_number")
    shot("mrz")
    type_key("K1234567", "31021970", "01012034")
    window.mrz.read_button.click()
    shot("mrz-errors")
    type_key("K12345678", "01011970", "02012034")
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
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("artifacts/screenshots"))
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    window = MainWindow(FakeServices(cards=StandInPassport()), monotonic=FakeClock())
    window.start()
    window.clock.stop()
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(100)
    shots: list[Path] = []
    try:
        for lang in LANGS:
            shots.extend(walk(window, out, lang))
    finally:
        window.allow_close()
        window.close()
        app.processEvents()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
