"""Screenshots of every screen, for people to look at: every instruction type step by step, both
languages, landscape 1920×1080 and portrait 1080×1920, normal, large-text and high-contrast.

    xvfb-run -a -s "-screen 0 1920x1920x24" .venv/bin/python -m devtools.screenshots --out artifacts/screenshots

Writes DIR/<orientation>-<mode>/<screen>-<lang>.png (e.g. landscape-normal/form-FUND_SWITCH-03-allocation-en.png)
and DIR/index.txt listing them. `--quick` is the small set the tests take (landscape normal, every
screen, both languages; one screen per other orientation and mode).

It drives a real MainWindow on devtools.fakes.FakeServices (a fictional member) through the real
widgets (keypads, buttons, the Chinese virtual keyboard), in one process for the whole matrix.
Walks make the matrix (`--walks`, each on its own window set up by `open_window()`): "member"
(attract to receipt, every instruction type), "passport" (the ePassport MRZ step and verdicts,
devtools/mrz_screenshots.py), "qr" (scan and iAM Smart, devtools/qr_screenshots.py), "staff"
(devtools/staff_screenshots.py), "signin" (signing in, devtools/sign_in_screenshots.py), "speech"
(the read-aloud bar, devtools/speech_screenshots.py), "account" (the account and the receipt check,
devtools/account_screenshots.py) and "handwriting" (the handwriting pad,
devtools/handwriting_screenshots.py).

`--check` also looks at every picture's widgets (devtools/layout_check.py: buttons under 60 px, clipped
text, widgets outside their parent) and writes what it finds to DIR/problems.txt; with
`--strict` any problem makes the exit status 3.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from kiosk.domain.employer import Employer

import argparse
import fnmatch
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from devtools import printer_screenshots
from devtools.fake_member import simulator_employer
from devtools.fakes import FakeCardReader, FakeClock, FakeServices, card_error
from devtools.form_driver import open_form, walk_form
from devtools.shots import (
    LANGS,
    MODES,
    ORIENTATIONS,
    TODAY,
    Camera,
    Walk,
    close_window,
    open_window,
    settle,
    start_member,
    wait_for,
)
from kiosk.config import KioskConfig
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain import TYPES
from kiosk.domain.examples import example
from kiosk.ports import CardErrorCode
from ui.app import ensure_app
from ui.main_window import MainWindow

# The first screens of the walk (the rest are named after the instruction types and their steps).
SCREENS = ("attract", "identify", "identify-reading", "identify-card-error", "identify-hkid-error", "menu",
           "menu-employer", "registration-identity", "review-CHANGE_PARTICULARS", "receipt", "idle-warning")
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
    "CONTRIBUTION_DATA": {"period_end": "2000-01-31"},  # the scheme is picked now: a date out of order
}


def _identified(window: MainWindow, lang: str, mode: tuple[bool, bool]) -> None:
    start_member(window, lang, mode)
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
    start_member(window, lang, mode)
    window.identify.keypad.press("A123456(4)")
    window.identify.continue_button.click()
    shot("identify-hkid-error")

    # The card path: the fake reader's events come from a plain thread, as pcscd's do.
    start_member(window, lang, mode)
    cards = window.services.cards
    assert isinstance(cards, FakeCardReader)
    cards.insert().join()
    wait_for(lambda: s.state.screen is Screen.MENU)
    shot("menu")
    window.menu.employer_button.click()
    shot("menu-employer")
    window.menu.back_button.click()
    window.menu.buttons["MEMBER_REGISTRATION"].click()  # a card read alone cannot register
    shot("registration-identity")
    window.session.back()

    today = TODAY.date()
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        receipt = code == "CHANGE_PARTICULARS" and shot.wanted("receipt")  # the receipt follows its review
        if not (shot.wanted(f"form-{code}-*") or shot.wanted(f"review-{code}") or receipt):
            continue
        # An invalid answer first: the errors picture.
        if shot.wanted(f"form-{code}-errors"):
            _identified(window, lang, mode)
            open_form(window, code)  # registration: through "Use iAM Smart"
            values = {**example(code, today), **INVALID[code]}
            walk_form(window.form, {k: v for k, v in values.items() if v is not None})
            shot(f"form-{code}-errors")
        _identified(window, lang, mode)
        open_form(window, code)
        counter = iter(range(1, 100))

        def on_step(step: str, code: str = code, counter: Iterator[int] = counter) -> None:
            shot(f"form-{code}-{next(counter):02d}-{step}")

        reached = walk_form(window.form, example(code, today), on_step=on_step)
        if not reached:
            raise RuntimeError(f"{code}: the example did not reach review: {s.state.errors}")
        shot(f"review-{code}")
        if code == "CHANGE_PARTICULARS":
            window.review.read_through()  # Confirm waits until all of the review was on screen
            window.review.confirm_button.click()
            wait_for(lambda: s.state.screen is Screen.RECEIPT)
            shot("receipt")
            if shot.wanted("receipt-paper-out"):
                printer_screenshots.receipt_paper_out(window, shot, wait_for)

    _identified(window, lang, mode)
    s.choose("CHANGE_PARTICULARS")
    clock.now += window.services.config.idle_timeout_s - 17.2
    window.tick()
    shot("idle-warning")
    s.touch()
    window.tick()


def member_services(tmp: Path) -> FakeServices:
    from platform_sim.catalogue import kiosk_config

    funds = list(kiosk_config()["funds"])  # type: ignore[call-overload]  # with risk classes and fees
    return FakeServices(config=KioskConfig(idle_timeout_s=120, idle_warning_s=30, receipt_timeout_s=60),
                        online=False, already_waiting=2, funds=lambda: funds,
                        printer=printer_screenshots.paper_out_printer(tmp))


def _employer(code: str) -> Employer | None:
    """The statement's walk runs with the simulator's EMP-0001, as the fake platform answers it."""
    return simulator_employer("EMP-0001") if code == "CONTRIBUTION_DATA" else None


def member_screen_names() -> list[str]:
    """Every picture the member walk takes (for one orientation, mode and language)."""
    from kiosk.domain import FormContext, active_steps, get_type

    names = list(SCREENS[:8])
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        names.append(f"form-{code}-errors")
        values = example(code, TODAY.date())
        steps = active_steps(get_type(code), values, FormContext(now=TODAY, employer=_employer(code)))
        names.extend(f"form-{code}-{i:02d}-{st.name}" for i, st in enumerate(steps, start=1))
        names.append(f"review-{code}")
    names.extend(("receipt", *printer_screenshots.SCREENS, "idle-warning"))
    return names


# A walk's services for its window, the walk itself, and the names of its pictures.
WalkFamily = tuple[Callable[[Path], FakeServices], Walk, Callable[[], list[str]]]


def walks() -> dict[str, WalkFamily]:
    """name -> (services for its window, the walk, the names of its pictures)."""
    from devtools import (
        account_screenshots,
        handwriting_screenshots,
        import_screenshots,
        mrz_screenshots,
        qr_screenshots,
        sign_in_screenshots,
        speech_screenshots,
        staff_screenshots,
    )

    return {
        "member": (member_services, walk, member_screen_names),
        "passport": (mrz_screenshots.services, mrz_screenshots.walk, lambda: list(mrz_screenshots.SCREENS)),
        "qr": (qr_screenshots.services, qr_screenshots.walk, lambda: list(qr_screenshots.SCREENS)),
        "staff": (staff_screenshots.services, staff_screenshots.walk, lambda: list(staff_screenshots.SCREENS)),
        "signin": (sign_in_screenshots.services, sign_in_screenshots.walk, lambda: list(sign_in_screenshots.SCREENS)),
        "speech": (speech_screenshots.services, speech_screenshots.walk, lambda: list(speech_screenshots.SCREENS)),
        "account": (account_screenshots.services, account_screenshots.walk, lambda: list(account_screenshots.SCREENS)),
        "handwriting": (handwriting_screenshots.services, handwriting_screenshots.walk,
                        lambda: list(handwriting_screenshots.SCREENS)),
        "import": (import_screenshots.services, import_screenshots.walk, lambda: list(import_screenshots.SCREENS)),
    }


def screen_names() -> list[str]:
    """Every picture of the matrix for one orientation, mode and language."""
    return [name for _, _, names in walks().values() for name in names()]


# --quick: where the ePassport and QR walks go (the member walk goes everywhere, for a few screens).
QUICK_PASSES = (("landscape", "normal"), ("portrait", "large"))
QUICK_OTHERS = ("attract", "menu", "form-CONTRIBUTION_DATA-07-members", "review-CONTRIBUTION_DATA", "mrz-errors",
                "scan", "iamsmart")


def duplicate_names(families: dict[str, WalkFamily], chosen: list[str]) -> list[str]:
    """Screen names that more than one of the chosen walks would write (each picture is one file)."""
    seen: dict[str, str] = {}
    clashes: list[str] = []
    for family in chosen:
        for name in families[family][2]():
            if name in seen and seen[name] != family:
                clashes.append(f"{name} ({seen[name]}, {family})")
            seen.setdefault(name, family)
    return clashes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("artifacts/screenshots"))
    parser.add_argument("--walks", default="member,passport,qr,staff,signin,speech,account,handwriting,import",
                        help="member,passport,qr,staff,signin,speech,account,handwriting,import")
    parser.add_argument("--orientations", default=",".join(ORIENTATIONS), help="landscape,portrait")
    parser.add_argument("--modes", default=",".join(MODES), help="normal,large,contrast")
    parser.add_argument("--langs", default=",".join(LANGS),
                        help="zh_HK,en (default); 简体中文 is opt-in: zh_HK,zh_CN,en (half again the time)")
    parser.add_argument("--screens", default="*", help="glob of screen names, e.g. 'form-FUND_SWITCH-*'")
    parser.add_argument("--quick", action="store_true",
                        help="landscape normal in full; the other orientations and modes: a few screens "
                             "(ePassport and QR: landscape normal and portrait large only)")
    parser.add_argument("--check", action="store_true",
                        help="list layout problems of every picture in OUT/problems.txt (devtools/layout_check.py)")
    parser.add_argument("--strict", action="store_true", help="exit status 3 when a layout problem was found")
    args = parser.parse_args(argv)
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    assert set(TYPES) == {*MEMBER_FORMS, *EMPLOYER_FORMS}
    ensure_app()
    shots: list[Path] = []
    problems: list[str] = []
    families = walks()
    clashes = duplicate_names(families, args.walks.split(","))
    if clashes:  # two walks writing one file: the later picture would silently replace the first
        parser.error(f"screen names in more than one walk: {', '.join(clashes)}")
    with tempfile.TemporaryDirectory(prefix="empf-shots-") as tmp:
        for family in args.walks.split(","):
            make_services, walk_one, names = families[family]
            wanted_here = [n for n in names() if fnmatch.fnmatch(n, args.screens)]
            if not wanted_here:
                continue
            clock = FakeClock()
            window = open_window(make_services(Path(tmp) / family), clock)
            try:
                for orientation in args.orientations.split(","):
                    size = ORIENTATIONS[orientation]
                    window.resize(*size)
                    settle(50)
                    for mode in args.modes.split(","):
                        if args.quick and family != "member" and (orientation, mode) not in QUICK_PASSES:
                            continue
                        folder = out / f"{orientation}-{mode}"
                        folder.mkdir(exist_ok=True)
                        full = not args.quick or (orientation == "landscape" and mode == "normal")

                        def wanted(name: str, full: bool = full) -> bool:
                            if not fnmatch.fnmatch(name, args.screens) and not fnmatch.fnmatch(args.screens, name):
                                return False
                            return full or any(fnmatch.fnmatch(q, name) or fnmatch.fnmatch(name, q)
                                               for q in QUICK_OTHERS)

                        camera = Camera(window, folder, wanted, size=size, check=args.check)
                        started = time.monotonic()
                        for lang in args.langs.split(","):
                            camera.lang = lang
                            walk_one(window, clock, camera, lang, MODES[mode])
                        shots.extend(camera.shots)
                        problems.extend(camera.problems)
                        print(f"{family} {orientation}-{mode}: {len(camera.shots)} in "
                              f"{time.monotonic() - started:.0f} s", file=sys.stderr)
            finally:
                close_window(window)
    (out / "index.txt").write_text("\n".join(str(p.relative_to(out)) for p in shots) + "\n", encoding="utf-8")
    print(f"{len(shots)} screenshots in {out}")
    if args.check:
        (out / "problems.txt").write_text("".join(p + "\n" for p in problems), encoding="utf-8")
        print(f"{len(problems)} layout problems" + (f" (see {out / 'problems.txt'})" if problems else ""))
    elif problems:  # the window outgrew the screen: always worth saying
        print("\n".join(problems), file=sys.stderr)
    return 3 if problems and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
