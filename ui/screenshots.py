"""Screenshots of every screen in both languages, for people to look at.

    xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m ui.screenshots --out artifacts/screenshots

Drives a real MainWindow with ui.fakes.FakeServices (a fictional member) through the real widgets
where it can (keypad, buttons), so the pictures show what a member would see.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop

from kiosk.config import KioskConfig
from kiosk.ports import CardErrorCode
from kiosk.session import Screen
from ui.app import ensure_app
from ui.fakes import FakeCardReader, FakeClock, FakeServices, card_error
from ui.main_window import MainWindow

WIDTH, HEIGHT = 1920, 1080
LANGS = ("zh_HK", "en")
SCREENS = ("attract", "identify", "identify-reading", "identify-card-error", "identify-hkid-error", "menu",
           "form", "form-errors", "review", "receipt", "idle-warning")


def settle(ms: int = 30) -> None:
    end = time.monotonic() + ms / 1000
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)


def wait_for(cond: Callable[[], bool], timeout_s: float = 5.0) -> None:
    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("the UI did not get there")
        settle(10)


def take(window: MainWindow, out: Path, name: str, lang: str) -> Path:
    settle()
    path = out / f"{name}-{lang}.png"
    pixmap = window.grab()
    if pixmap.width() != WIDTH or pixmap.height() != HEIGHT:
        pixmap = pixmap.scaled(WIDTH, HEIGHT)
    if not pixmap.save(str(path), "PNG"):
        raise OSError(f"could not write {path}")
    return path


def walk(window: MainWindow, clock: FakeClock, out: Path, lang: str) -> list[Path]:
    s = window.session
    shots: list[Path] = []

    def shot(name: str) -> None:
        shots.append(take(window, out, name, lang))

    def fresh() -> None:
        s.wipe()
        s.set_language(lang)

    fresh()
    shot("attract")

    window.attract.start_button.click()
    s.set_language(lang)
    shot("identify")

    s.card_read_started()
    shot("identify-reading")
    s.card_read_finished(card_error(CardErrorCode.UNREADABLE))
    shot("identify-card-error")

    window.identify.back_button.click()  # Back on identify starts over: the card notice goes
    window.attract.start_button.click()
    s.set_language(lang)
    window.identify.keypad.press("A123456(4)")
    window.identify.continue_button.click()
    shot("identify-hkid-error")

    # The card path: the fake reader's events come from a plain thread, as pcscd's do.
    window.identify.clear()
    s.back()
    s.set_language(lang)
    cards = window.services.cards
    assert isinstance(cards, FakeCardReader)
    cards.insert().join()
    wait_for(lambda: s.state.screen is Screen.MENU)
    shot("menu")

    window.menu.buttons["CHANGE_PARTICULARS"].click()
    form = window.form
    mobile = form.rows["mobile"].edit
    assert mobile is not None
    form.select_field("mobile")
    form.keyboard.press("9123456")
    shot("form")

    email = form.rows["email"].edit
    assert email is not None
    form.select_field("email")
    form.keyboard.press("chan@example")
    form.select_field("mobile")
    form.next_button.click()
    shot("form-errors")

    mobile.setText("91234567")
    email.setText("chan@example.com")
    address = form.rows["address"].edit
    assert address is not None
    address.setText("FLAT A, 12/F, 1 EXAMPLE ROAD, KOWLOON")
    form.rows["language"].choice_buttons["en"].click()
    form.next_button.click()
    shot("review")

    window.review.confirm_button.click()
    wait_for(lambda: s.state.screen is Screen.RECEIPT)
    shot("receipt")

    window.receipt.done_button.click()
    window.attract.start_button.click()
    s.set_language(lang)
    window.identify.keypad.press("A123456(3)")
    window.identify.continue_button.click()
    window.menu.buttons["CHANGE_PARTICULARS"].click()
    clock.now += window.services.config.idle_timeout_s - 17.2
    window.tick()
    shot("idle-warning")
    s.touch()
    window.tick()
    return shots


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--out", type=Path, default=Path("artifacts/screenshots"))
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    app = ensure_app()
    clock = FakeClock()
    services = FakeServices(config=KioskConfig(idle_timeout_s=120, idle_warning_s=30, receipt_timeout_s=60),
                            online=False, already_waiting=2)
    window = MainWindow(services, monotonic=clock)
    window.start()
    window.clock.stop()  # the script moves time itself
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(100)
    shots: list[Path] = []
    for lang in LANGS:
        shots.extend(walk(window, clock, out, lang))
    window.allow_close()
    window.close()
    app.processEvents()
    for path in shots:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
