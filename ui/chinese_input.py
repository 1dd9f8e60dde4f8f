"""Chinese entry: handwriting (ui/handwriting_pad.py) and Qt Virtual Keyboard (Cangjie, Zhuyin,
Pinyin, English) embedded in the page, one at a time, chosen by two large buttons above them:
"手寫 Handwriting" (the page 繁體中文 and 简体中文 members start on: most elderly members write) and
"倉頡／拼音鍵盤 Keyboard" (where English-speaking members start).

The virtual keyboard is Qt's input method; a widgets application gets it by setting
QT_IM_MODULE=qtvirtualkeyboard before the QApplication exists (ui/app.py does, see
`enable_virtual_keyboard`). With QT_VIRTUALKEYBOARD_DESKTOP_DISABLE=1 it does not open a window of
its own: its InputPanel lives in a QQuickWidget that this widget places where the form wants it,
and it types into whichever line edit has the focus (the QQuickWidget never takes the focus).

Only fields for Chinese text (names, addresses) use it, and only they have input methods enabled:
every other field is typed with the kiosk's own keyboard or numeric pad, so a barcode scanner
acting as a keyboard is never turned into Cangjie radicals.

If the module cannot load (no QtQuick, a missing libpulse0, or QT_IM_MODULE set to something else
before the application started), `available()` says why and the form falls back to the Latin
keyboard with a note: a Chinese name can then be left empty or typed by staff.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

from PySide6.QtCore import (
    Q_ARG,
    Q_RETURN_ARG,
    QCoreApplication,
    QEventLoop,
    QMetaObject,
    QSize,
    Qt,
    QTimer,
    QUrl,
    qInstallMessageHandler,
)
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QPushButton, QSizePolicy, QWidget

from ui import theme
from ui.handwriting_pad import HandwritingPad
from ui.strings import tr
from ui.widgets import button

log = logging.getLogger(__name__)

QML = Path(__file__).with_name("resources") / "chinese_input.qml"
# Holds QtQuick/VirtualKeyboard/Styles/kiosk_high_contrast/style.qml: the keyboard's high-contrast style.
STYLES = Path(__file__).with_name("resources") / "vkb_styles"
HIGH_CONTRAST_STYLE = "kiosk_high_contrast"
MODULE = "qtvirtualkeyboard"

# Input modes (QVirtualKeyboardInputEngine::InputMode)
MODES = {"latin": 0, "pinyin": 3, "cangjie": 4, "zhuyin": 5}
# Cangjie code letters and the radicals the keys show (the input method wants the radical).
# The panel is never wider than this (keys wider than a hand spans are slower to hit), and asks for
# this much height; it takes less when the page has less (landscape at large text) and then keeps
# its shape, narrower, rather than losing its top and bottom rows.
VIEW_MAX_WIDTH = 1500
HEIGHT_HINT = 420
MIN_HEIGHT = 260  # five rows and the candidate bar still about 40 px a row: touchable
WRITE_RATIO = 0.5  # height / width the handwriting page asks for: a square writing box half as wide
PANEL_RATIO = 0.35  # height / width of Qt's InputPanel with its candidate bar, until the QML says
CANGJIE = dict(zip("abcdefghijklmnopqrstuvwxyz", "日月金木水火土竹戈十大中一弓人心手口尸廿山女田難卜重", strict=True))

# The member's language decides the layout the keyboard opens with; the globe key offers the others.
_locales = {"zh": ["zh_TW", "en_US", "zh_CN"], "zh_CN": ["zh_CN", "en_US", "zh_TW"], "en": ["en_US", "zh_TW", "zh_CN"]}

# Warm-up (ChineseInput.prime_step): one Cangjie key pressed with no field behind it, so that the
# input method's lookup and candidate list have run once before a member's first key. Any key would
# do; 竹 is a common first radical. Nothing is chosen, so no character is typed anywhere.
PRIME_KEY = "竹"
PRIME_WAIT_S = 3.0  # for the input method to appear once the input context has the focus


def enable_virtual_keyboard() -> None:
    """Before the QApplication: make Qt Virtual Keyboard the input method, without its own window.
    Respects a QT_IM_MODULE the environment already chose."""
    os.environ.setdefault("QT_IM_MODULE", MODULE)
    os.environ.setdefault("QT_VIRTUALKEYBOARD_DESKTOP_DISABLE", "1")


def _focus_wants_input_method() -> bool:
    """Whether the application's focus object takes input method text (a field for Chinese), as
    the keyboard's platform input context asks when the focus moves."""
    from PySide6.QtGui import QGuiApplication, QInputMethodQueryEvent

    obj = QGuiApplication.focusObject()
    if obj is None:
        return False
    query = QInputMethodQueryEvent(Qt.InputMethodQuery.ImEnabled)
    QCoreApplication.sendEvent(obj, query)
    return bool(query.value(Qt.InputMethodQuery.ImEnabled))


def _nothing_to_type_into() -> bool:
    """No text field has the focus: a composition sent now reaches nothing that shows or keeps
    text (the keyboard sends its preedit to the focus object, whatever it is)."""
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QAbstractSpinBox, QLineEdit, QPlainTextEdit, QTextEdit

    obj = QGuiApplication.focusObject()
    text_field = isinstance(obj, (QLineEdit, QTextEdit, QPlainTextEdit, QAbstractSpinBox))
    return not text_field and not _focus_wants_input_method()


def _pump(seconds: float) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


class ChineseInput(QWidget):
    """The virtual keyboard's panel; built on first use (it costs a QML engine: ~0.3 s, ~30 MB)."""

    _unavailable: str | None = None  # why it cannot work in this process, once known

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # No layout: the view is placed by hand (_fit) so that the panel keeps its shape.
        self.setMinimumHeight(MIN_HEIGHT)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._view: QWidget | None = None
        self._lang = "zh"
        self._ratio = 0.0  # the panel's height / width, as the QML last said
        self._priming = "build"  # prime_step's progress: build, focus, mode, done
        self._priming_since = 0.0
        self._primed = False
        # The two pages and the buttons that switch between them (placed by _fit, like the view).
        self._page: str | None = None  # "write" or "keys"; None: the member's language decides
        self._visit: int | None = None  # the member whose choice _page is (SessionState.visit)
        self.bar = QWidget(self)
        bar = QHBoxLayout(self.bar)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.setSpacing(10)
        self.page_buttons: dict[str, QPushButton] = {}
        for page in ("write", "keys"):
            b = button("", "pageTab")
            b.setCheckable(True)
            b.clicked.connect(lambda _=False, pg=page: self.show_page(pg))
            bar.addWidget(b)
            self.page_buttons[page] = b
        self.handwriting = HandwritingPad(self)
        self._refit = QTimer(self)
        self._refit.setSingleShot(True)
        self._refit.setInterval(0)
        self._refit.timeout.connect(self._fit)
        self.set_language(self._lang)

    def sizeHint(self) -> QSize:
        """The height the keyboard needs at the width it has (at most VIEW_MAX_WIDTH): a layout
        that gives it this much shows it at full width, whatever the text size."""
        width = min(self.width() if self.width() > 100 else VIEW_MAX_WIDTH, VIEW_MAX_WIDTH)
        # The handwriting page: its writing box, half the width, square.
        shape = WRITE_RATIO if self.page() == "write" else self.panel_ratio()
        return QSize(VIEW_MAX_WIDTH, self._bar_height() + max(HEIGHT_HINT, round(width * shape) + 2))

    def minimumSizeHint(self) -> QSize:
        return QSize(0, self._bar_height() + MIN_HEIGHT)

    def _bar_height(self) -> int:
        return self.bar.sizeHint().height() + 10

    # ------------------------------------------------------------ pages: handwriting or keys
    def page(self) -> str:
        """The page on screen: "write" (handwriting) or "keys" (the virtual keyboard)."""
        if self._page is not None:
            return self._page
        return "write" if self._lang.startswith("zh") else "keys"

    def show_page(self, page: str) -> None:
        """Show the handwriting pad ("write") or the keyboard ("keys"); the member's choice holds
        for every Chinese field until the session ends (retranslate's `visit`)."""
        if page == "write":
            self.reset()  # a half-typed Cangjie code must not be committed by the pad's insert
        self._page = page
        self.handwriting.rewrite()
        self._show_page()

    def style_name(self) -> str:
        """The keyboard's style: Qt's default, or the kiosk's high-contrast one when the member
        chose high contrast (ui/theme.py); '' before the keyboard is built."""
        return str(self._call("setStyle", self._wanted_style()) or "")

    @staticmethod
    def _wanted_style() -> str:
        return HIGH_CONTRAST_STYLE if theme.palette().name == "high_contrast" else "default"

    def _show_page(self) -> None:
        self._call("setStyle", self._wanted_style())
        page = self.page()
        for name, b in self.page_buttons.items():
            b.setChecked(name == page)
        self.handwriting.setVisible(page == "write")
        if self._view is not None:
            self._view.setVisible(page == "keys")
        self.updateGeometry()  # each page asks for its own height (sizeHint)
        self._fit()

    def set_target(self, edit: QLineEdit | None) -> None:
        """The field the handwriting pad types into (the keyboard types into the focus widget)."""
        self.handwriting.set_target(edit)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._call("setStyle", self._wanted_style())  # the member may have chosen high contrast since

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.updateGeometry()  # the height it asks for follows its width (sizeHint)
        self._fit()

    def panel_ratio(self) -> float:
        """Height / width of the keyboard panel: Qt Virtual Keyboard scales every part of it (keys,
        candidate bar) with its width. It grows once the panel is active (the candidate bar shows),
        so it is asked again at every fit (the QML's panelResized signal asks for one)."""
        got = self._call("panelRatio")
        if isinstance(got, (int, float)) and 0.1 < float(got) < 2:
            self._ratio = float(got)
        return self._ratio or PANEL_RATIO

    def _fit(self) -> None:
        """The page buttons on top; under them the handwriting pad, or the keyboard as wide as the
        page allows (at most VIEW_MAX_WIDTH) and no wider than the height given lets the whole
        panel show; centred."""
        top = self._bar_height()
        width = min(self.width(), VIEW_MAX_WIDTH)
        self.bar.setGeometry((self.width() - width) // 2, 0, width, top - 10)
        rest = max(self.height() - top, 1)
        self.handwriting.setGeometry((self.width() - width) // 2, top, width, rest)
        view = self._view
        if view is None:
            return
        ratio = self.panel_ratio()
        w = min(self.width(), VIEW_MAX_WIDTH, int((rest - 2) / ratio))  # 2: rounding
        # Right under the page buttons, as tall as the panel (its QML anchors it to the bottom).
        view.setGeometry((self.width() - w) // 2, top, max(w, 1), min(rest, round(w * ratio) + 2))

    # ------------------------------------------------------------ availability
    @classmethod
    def unavailable_reason(cls) -> str:
        """'' when the virtual keyboard can be used, else a reason for technicians (and logs)."""
        if cls._unavailable is not None:
            return cls._unavailable
        if os.environ.get("QT_IM_MODULE") != MODULE:
            return f"QT_IM_MODULE is {os.environ.get('QT_IM_MODULE')!r}, not {MODULE!r}, in this process"
        if not QML.exists():
            return f"{QML} is missing"
        return ""

    def available(self) -> bool:
        return not self.unavailable_reason() and self._ensure()

    # ------------------------------------------------------------ warm-up
    def prime_step(self, idle: bool) -> bool:
        """One step of getting the keyboard ready before the first member who needs it: the warm-up
        (MainWindow) calls it once per event-loop turn until it returns True. `idle` says nobody is
        using the kiosk (attract on screen); once it is False priming stops at once, gives back
        the focus it lent (below), and what is left happens on demand as before.

        1. The panel is built: its QML engine (~0.2 s; on an OpenGL display the window also
           switches to GPU compositing, which re-creates it: better at attract than under the
           first member's finger).
        2. The input method of the layout 繁體中文 and English members start on (zh_TW: Cangjie and
           Zhuyin, with their dictionaries) is created. The keyboard creates it only while its input
           context has the focus, which Qt gives it only when a field for Chinese has the keyboard
           focus; the warm-up lends the context that focus with no field behind it (nothing can
           take the focus from a member: the window's focus does not change).
        3. One key (PRIME_KEY) is pressed, the composition dropped, the focus given back.
        Nothing is drawn on screen: the panel's page is not shown. 简体中文 (Pinyin) is left to its
        first member: its dictionary would cost every kiosk memory for the few who use it."""
        if not idle:
            self._end_priming()
            return True
        state = self._priming
        if state == "build":
            if not self._ensure():
                self._priming = "done"  # unavailable: the form falls back to the Latin keyboard
                return True
            self._priming = "focus"
            return False
        if state == "focus":
            if self._call("contextFocus") != 0:  # a member's field has it, or this Qt lacks it
                self._priming = "done"
                return True
            self._call("setLocales", _locales["zh"])
            self._call("setContextFocus", True)
            self._priming_since = time.monotonic()
            self._priming = "mode"
            return False
        if state == "mode":
            if self._call("hasMode", MODES["cangjie"]):
                self._call("setMode", MODES["cangjie"])
                if _nothing_to_type_into():
                    self._call("press", 0, PRIME_KEY)
                    self._primed = bool(self.candidates())
            elif time.monotonic() - self._priming_since < PRIME_WAIT_S:
                return False  # the layout and its input method load on later turns
            else:
                log.warning("Chinese keyboard: no Cangjie input method after %.0f s of warm-up", PRIME_WAIT_S)
            self._end_priming()
        return True

    def primed(self) -> bool:
        """True once warm-up has had the input method look up a key (prime_step)."""
        return self._primed

    def _end_priming(self) -> None:
        """Drop the warm-up's composition and give the focus back to whoever really has it."""
        if self._priming == "mode":
            self._call("resetEngine")
            self._call("setContextFocus", _focus_wants_input_method())
            self.set_language(self._lang)
        self._priming = "done"

    def engine_state(self) -> dict[str, object]:
        """What the keyboard's engine holds (tests, diagnostics): its input method's class, the
        modes it offers, the mode, the length of a half-typed composition, the candidates shown,
        and whether its input context believes a field has the focus."""
        raw = str(self._call("engineState") or "||-1|0|0")
        method, modes, mode, preedit, cands = raw.split("|")
        return {"input_method": method, "modes": [int(m) for m in modes.split(",") if m],
                "mode": int(mode), "preedit": int(preedit), "candidates": int(cands),
                "context_focus": self._call("contextFocus")}

    def _ensure(self) -> bool:
        if self._view is not None:
            return True
        if self.unavailable_reason():
            return False
        try:
            from PySide6.QtQuickWidgets import QQuickWidget
        except ImportError as e:  # a build without QtQuick
            ChineseInput._unavailable = f"QtQuickWidgets: {e}"
            return False
        view = QQuickWidget(self)
        view.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the line edit keeps the focus and gets the text
        view.setResizeMode(QQuickWidget.ResizeMode.SizeRootObjectToView)
        view.setClearColor(Qt.GlobalColor.transparent)
        # QML loads on a thread of its own, which may log warnings while this thread waits in
        # setSource with the GIL held: a message handler written in Python (pytest-qt installs one)
        # would then deadlock the process. Qt's own handler is used while it loads.
        view.engine().addImportPath(str(STYLES))  # Qt Virtual Keyboard looks for styles there too
        previous = qInstallMessageHandler(None)
        try:
            view.setSource(QUrl.fromLocalFile(str(QML)))
        finally:
            qInstallMessageHandler(previous)
        if view.status() is not QQuickWidget.Status.Ready:
            ChineseInput._unavailable = "; ".join(e.toString() for e in view.errors())[:300]
            log.warning("Qt Virtual Keyboard unavailable: %s", ChineseInput._unavailable)
            view.deleteLater()
            return False
        self._view = view
        view.setVisible(self.page() == "keys")
        root = view.rootObject()
        if root is not None:
            # After the QML's own layout pass (resizing from inside it makes binding loops);
            # converges at once: at the new width the panel has the same ratio.
            root.panelResized.connect(self._refit.start)  # type: ignore[attr-defined]
        self._fit()
        self.set_language(self._lang)
        # The first QQuickWidget makes Qt re-create the top-level window with a GPU-capable surface;
        # without a window manager nobody activates the new one, and a window that is not active
        # gives no field the focus the input method types into. Activate it again.
        top = self.window()
        if top is not None and top.isVisible():
            top.activateWindow()
            _pump(0.1)
        return True

    # ------------------------------------------------------------ control
    def _call(self, name: str, *args: object) -> object:
        if self._view is None:
            return None
        from PySide6.QtQuickWidgets import QQuickWidget

        assert isinstance(self._view, QQuickWidget)
        root = self._view.rootObject()
        if root is None:
            return None
        qargs = [Q_ARG("QVariant", a) for a in args]
        return QMetaObject.invokeMethod(root, name, Q_RETURN_ARG("QVariant"), *qargs)

    def retranslate(self, lang: str, visit: int | None = None) -> None:
        """The member's language, for the page buttons, the handwriting pad and the page the next
        field starts on; the keyboard's own layout follows when it is shown (set_language).
        `visit` (SessionState.visit) tells another member from this one: a new member starts on
        the page their language gives, whatever the previous member chose."""
        if visit is not None and visit != self._visit:
            self._visit = visit
            self._page = None
        self._lang = lang
        for page, b in self.page_buttons.items():
            b.setText(tr("hw_mode_write" if page == "write" else "hw_mode_keys", lang))
        self.handwriting.retranslate(lang)
        self._show_page()

    def set_language(self, lang: str) -> None:
        """Traditional Chinese (Cangjie, Zhuyin) first for 繁體中文 and English members; Pinyin for 简体中文."""
        key = "zh_CN" if lang == "zh_CN" else ("zh" if lang.startswith("zh") else "en")
        self.retranslate(lang)
        if self._view is not None:
            self._call("setLocales", _locales[key])

    def set_mode(self, mode: str) -> int:
        """"cangjie", "zhuyin", "pinyin" or "latin"; returns the mode now in use. The input method
        for a locale is created when a field has the focus and the layout has loaded (both
        asynchronous): try for up to two seconds."""
        want = MODES[mode]
        locale = {"cangjie": "zh_TW", "zhuyin": "zh_TW", "pinyin": "zh_CN", "latin": "en_US"}[mode]
        self._call("setLocales", [locale, *(loc for loc in ("zh_TW", "zh_CN", "en_US") if loc != locale)])
        result: object = -1
        for _ in range(100):  # 20 ms apart: the layout usually loads within a few turns
            result = self._call("mode")
            if result == want:
                break
            if self._call("hasMode", want):
                result = self._call("setMode", want)
                if result == want:
                    break
            _pump(0.02)
        return int(result) if isinstance(result, int) else -1

    def reset(self) -> None:
        """Drop any half-typed composition (a wipe, or a new field)."""
        self._call("resetEngine")

    # ------------------------------------------------------------ typing (tests, screenshots, demo)
    def press(self, key_text: str) -> None:
        """Press the key showing `key_text` (a Cangjie radical, a letter, a digit)."""
        self._keys_shown()
        code = ord(key_text.upper()) if key_text.isascii() and key_text.isalnum() else 0
        self._call("press", code, key_text)
        _pump(0.05)

    def _keys_shown(self) -> None:
        """Typing keys means the keyboard is on screen (a member taps "Keyboard" first)."""
        if self.page() != "keys":
            self.show_page("keys")

    def candidates(self) -> list[str]:
        result = self._call("candidates")
        return [c for c in str(result or "").split("\t") if c]

    def choose(self, text: str) -> bool:
        """Pick the candidate `text` (the member touching it in the candidate bar)."""
        cands = self.candidates()
        if text not in cands:
            return False
        self._call("pick", cands.index(text))
        _pump(0.05)
        return True

    def type_cangjie(self, codes: list[tuple[str, str]]) -> None:
        """Type characters by Cangjie code: [("nldw", "陳"), ("k", "大"), ("yk", "文")]."""
        for code, char in codes:
            for letter in code:
                self.press(CANGJIE[letter])
            if not self.choose(char):
                raise LookupError(f"{char} not offered for {code}: {self.candidates()[:10]}")

    def type_latin(self, text: str) -> None:
        """Type letters, digits and punctuation on the English layout (the globe key), then return
        to the layout the member's language starts with."""
        self._keys_shown()
        self._call("setLocales", _locales["en"])
        _pump(0.2)
        for ch in text:
            code = ord(ch.upper()) if ch.isascii() and ch.isalnum() else (0x20 if ch == " " else 0)
            self._call("press", code, ch)
        _pump(0.05)
        self.set_language(self._lang)

    def clear(self) -> None:
        """A step or the session ended: drop compositions and strokes. The page stays the member's
        choice for their next Chinese field (retranslate's `visit` resets it for the next member)."""
        self.reset()
        self.handwriting.clear()
        self.handwriting.set_target(None)
