"""Screenshots of every screen, for people to look at: every instruction type step by step, both
languages, landscape 1920×1080 and portrait 1080×1920, normal, large-text and high-contrast.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m ui.screenshots --out artifacts/screenshots

Writes DIR/<orientation>-<mode>/<screen>-<lang>.png (e.g. landscape-normal/form-FUND_SWITCH-03-allocation-en.png)
and DIR/index.txt listing them. `--quick` is the small set the tests take (landscape normal, every
screen, both languages; one screen per other orientation and mode).

It drives a real MainWindow on ui.fakes.FakeServices (a fictional member) through the real
widgets (keypads, buttons, the Chinese virtual keyboard), in one process for the whole matrix.
"""

from __future__ import annotations

import argparse
import datetime as dt
import fnmatch
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop

from kiosk.config import KioskConfig
from kiosk.domain import TYPES
from kiosk.domain.examples import example
from kiosk.ports import CardErrorCode
from kiosk.session import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from ui.app import ensure_app
from ui.fakes import FakeCardReader, FakeClock, FakeServices, card_error
from ui.form_driver import walk_form
from ui.main_window import MainWindow

WIDTH, HEIGHT = 1920, 1080
ORIENTATIONS: dict[str, tuple[int, int]] = {"landscape": (WIDTH, HEIGHT), "portrait": (HEIGHT, WIDTH)}
MODES: dict[str, tuple[bool, bool]] = {"normal": (False, False), "large": (True, False), "contrast": (False, True)}
LANGS = ("zh_HK", "en")  # zh_CN (derived from zh_HK by conversion) only when asked: --langs
TODAY = dt.datetime(2026, 11, 26, 10, 0)  # fixed, so the pictures do not change from day to day
# The first screens of the walk (the rest are named after the instruction types and their steps).
SCREENS = ("attract", "identify", "identify-reading", "identify-card-error", "identify-hkid-error", "menu",
           "menu-employer", "review-CHANGE_PARTICULARS", "receipt", "idle-warning")
# Invalid answers, one per type, for the "errors" picture of each form (what the member sees on Next).
INVALID: dict[str, dict[str, object]] = {
    "MEMBER_REGISTRATION": {"name_en": "CHAN 1"},
    "CHANGE_PARTICULARS": {"changes": []},
    "FUND_SWITCH": {"scheme_account": "AB"},
    "TRANSFER_BENEFITS": {"form": None},
    "WITHDRAWAL_CLAIM": {"ground": None},
    "VOLUNTARY_CONTRIBUTION": {"vc_type": None},
    "EMPLOYEE_ENROLMENT": {"employer_account_no": "X"},
    "TERMINATION": {"employer_account_no": "X"},
    "CONTRIBUTION_DATA": {"scheme_registration_no": "MT1"},
}


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
    """One picture of the window as it is now: out/<name>-<lang>.png (other screenshot walks use it)."""
    settle()
    path = out / f"{name}-{lang}.png"
    pixmap = window.grab()
    if not pixmap.save(str(path), "PNG", 80):
        raise OSError(f"could not write {path}")
    return path


class Camera:
    """Takes the pictures for one orientation, mode and language, when the screen name is wanted."""

    def __init__(self, window: MainWindow, out: Path, wanted: Callable[[str], bool]) -> None:
        self.window = window
        self.out = out
        self.wanted = wanted
        self.lang = "zh_HK"
        self.shots: list[Path] = []

    def __call__(self, name: str) -> None:
        if not self.wanted(name):
            return
        # PNG at low compression (quality 80): the matrix is large, the files are for looking at.
        self.shots.append(take(self.window, self.out, name, self.lang))


def _start(window: MainWindow, lang: str, mode: tuple[bool, bool]) -> None:
    """A fresh member session in `lang` and `mode`. Session.start() forgets everything (as a wipe
    does) but keeps the language and accessibility choices, so the theme is not switched back
    and forth for every picture (a restyle of the whole kiosk takes a good part of a second)."""
    s = window.session
    if s.state.lang != lang:
        s.set_language(lang)
    if (s.state.large_text, s.state.high_contrast) != mode:
        s.set_accessibility(large_text=mode[0], high_contrast=mode[1])
    s.start()


def _identified(window: MainWindow, lang: str, mode: tuple[bool, bool]) -> None:
    _start(window, lang, mode)
    window.identify.keypad.press("A123456(3)")
    window.identify.continue_button.click()
    assert window.session.state.screen is Screen.MENU


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    s = window.session
    s.wipe()
    s.set_language(lang)
    s.set_accessibility(large_text=mode[0], high_contrast=mode[1])
    shot("attract")

    window.attract.start_button.click()
    shot("identify")
    s.card_read_started()
    shot("identify-reading")
    s.card_read_finished(card_error(CardErrorCode.UNREADABLE))
    shot("identify-card-error")
    _start(window, lang, mode)
    window.identify.keypad.press("A123456(4)")
    window.identify.continue_button.click()
    shot("identify-hkid-error")

    # The card path: the fake reader's events come from a plain thread, as pcscd's do.
    _start(window, lang, mode)
    cards = window.services.cards
    assert isinstance(cards, FakeCardReader)
    cards.insert().join()
    wait_for(lambda: s.state.screen is Screen.MENU)
    shot("menu")
    window.menu.employer_button.click()
    shot("menu-employer")
    window.menu.back_button.click()

    today = TODAY.date()
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        if not (shot.wanted(f"form-{code}-*") or shot.wanted(f"review-{code}")):
            continue
        # An invalid answer first: the errors picture.
        if shot.wanted(f"form-{code}-errors"):
            _identified(window, lang, mode)
            s.choose(code)
            values = {**example(code, today), **INVALID[code]}
            walk_form(window.form, {k: v for k, v in values.items() if v is not None})
            shot(f"form-{code}-errors")
        _identified(window, lang, mode)
        s.choose(code)
        counter = iter(range(1, 100))

        def on_step(step: str, code: str = code, counter: Iterator[int] = counter) -> None:
            shot(f"form-{code}-{next(counter):02d}-{step}")

        reached = walk_form(window.form, example(code, today), on_step=on_step)
        if not reached:
            raise RuntimeError(f"{code}: the example did not reach review: {s.state.errors}")
        shot(f"review-{code}")
        if code == "CHANGE_PARTICULARS":
            window.review.confirm_button.click()
            wait_for(lambda: s.state.screen is Screen.RECEIPT)
            shot("receipt")

    _identified(window, lang, mode)
    s.choose("CHANGE_PARTICULARS")
    clock.now += window.services.config.idle_timeout_s - 17.2
    window.tick()
    shot("idle-warning")
    s.touch()
    window.tick()


def screen_names() -> list[str]:
    """Every picture one walk takes (for one orientation, mode and language)."""
    from kiosk.domain import FormContext, active_steps, get_type

    names = list(SCREENS[:7])
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        names.append(f"form-{code}-errors")
        values = example(code, TODAY.date())
        steps = active_steps(get_type(code), values, FormContext(now=TODAY))
        names.extend(f"form-{code}-{i:02d}-{st.name}" for i, st in enumerate(steps, start=1))
        names.append(f"review-{code}")
    names.extend(("receipt", "idle-warning"))
    return names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("artifacts/screenshots"))
    parser.add_argument("--orientations", default=",".join(ORIENTATIONS), help="landscape,portrait")
    parser.add_argument("--modes", default=",".join(MODES), help="normal,large,contrast")
    parser.add_argument("--langs", default=",".join(LANGS),
                        help="zh_HK,en (default); 简体中文 is opt-in: zh_HK,zh_CN,en (half again the time)")
    parser.add_argument("--screens", default="*", help="glob of screen names, e.g. 'form-FUND_SWITCH-*'")
    parser.add_argument("--quick", action="store_true",
                        help="landscape normal in full; the other orientations and modes: attract and one form step")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    assert set(TYPES) == {*MEMBER_FORMS, *EMPLOYER_FORMS}
    app = ensure_app()
    clock = FakeClock()
    services = FakeServices(config=KioskConfig(idle_timeout_s=120, idle_warning_s=30, receipt_timeout_s=60),
                            online=False, already_waiting=2)
    window = MainWindow(services, monotonic=clock)
    window.session.now = lambda: TODAY
    window.start()
    window.clock.stop()  # the script moves time itself
    window.show()
    # No window manager under Xvfb: activate the window ourselves, or no field gets the keyboard
    # focus and the Chinese input method has nothing to type into.
    from PySide6.QtTest import QTest

    QTest.qWaitForWindowExposed(window, 5000)
    window.activateWindow()
    QTest.qWaitForWindowActive(window, 5000)
    shots: list[Path] = []
    quick_others = ("attract", "menu", "form-CHANGE_PARTICULARS-03-address", "form-FUND_SWITCH-03-allocation",
                    "review-CONTRIBUTION_DATA")
    for orientation in args.orientations.split(","):
        window.resize(*ORIENTATIONS[orientation])
        settle(50)
        for mode in args.modes.split(","):
            folder = out / f"{orientation}-{mode}"
            folder.mkdir(exist_ok=True)
            full = not args.quick or (orientation == "landscape" and mode == "normal")

            def wanted(name: str, full: bool = full) -> bool:
                if not fnmatch.fnmatch(name, args.screens) and not fnmatch.fnmatch(args.screens, name):
                    return False
                return full or any(fnmatch.fnmatch(q, name) or fnmatch.fnmatch(name, q) for q in quick_others)

            camera = Camera(window, folder, wanted)
            started = time.monotonic()
            for lang in args.langs.split(","):
                camera.lang = lang
                walk(window, clock, camera, lang, MODES[mode])
            shots.extend(camera.shots)
            print(f"{orientation}-{mode}: {len(camera.shots)} in {time.monotonic() - started:.0f} s", file=sys.stderr)
    window.session.wipe()
    window.allow_close()
    window.close()
    app.processEvents()
    (out / "index.txt").write_text("\n".join(str(p.relative_to(out)) for p in shots) + "\n", encoding="utf-8")
    print(f"{len(shots)} screenshots in {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
