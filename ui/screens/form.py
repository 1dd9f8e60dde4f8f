"""Form: one step of the instruction at a time ("one decision per screen").

The Session knows which steps are asked (an answer may add or drop later ones); this screen shows
the current step's question, its editors (ui/form_widgets.py, ui/rows_editor.py) and the pad that types into the
touched field: the kiosk's keyboard, the numeric pad, or Qt Virtual Keyboard for Chinese. Each
change goes to the Session at once, so switching language, going Back or coming back from review
loses nothing; leaving a step destroys its widgets, so nothing typed lingers in hidden ones.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QHBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.core.session import Session
from kiosk.core.state import Screen, SessionState
from kiosk.domain import Step, ValidationError, get_type, prune, validate
from kiosk.domain.fields import Kind
from kiosk.domain.funds import Fund
from ui import statement_import
from ui.chinese_input import ChineseInput
from ui.field_editor import FieldEditor, pad_for
from ui.form_widgets import PressFilter, destroy, make_editor
from ui.pads import Keyboard, NumPad, mark_target
from ui.screens.base import ScreenBase
from ui.strings import tr
from ui.theme import SPACING
from ui.visibility import PagedScroll, bring_into_view
from ui.widgets import FieldError, MessageBox, button, label

# Show an error this long after the member stopped typing: an error after the first digit of a
# phone number would only alarm; an error left hidden until Next would surprise.
SETTLE_MS = 1200
IMMEDIATE = frozenset({Kind.CHOICE, Kind.YES_NO, Kind.MULTI_CHOICE, Kind.CONFIRM})
ON_NEXT = frozenset({Kind.ALLOCATION, Kind.SWITCH_OUT, Kind.ROWS})


class FormScreen(ScreenBase):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(session, parent)
        self.title.setObjectName("question")  # the question is the biggest text on the screen
        top = QHBoxLayout()
        self.form_title = label(name="formTitle")
        self.progress = label(name="progress", wrap=False)
        top.addWidget(self.form_title, 1)
        top.addWidget(self.progress, 0, Qt.AlignmentFlag.AlignTop)
        self.page.insertLayout(0, top)
        self.hint = label(name="help")
        self.page.addWidget(self.hint)
        self.form_error = MessageBox("error")
        self.page.addWidget(self.form_error)

        self.body = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.body.setSpacing(SPACING * 2)
        # A finger dragging the list scrolls it, as on a phone; "▼ More below" in the footer shows
        # while part of the step is below the fold (200% text) and pages down.
        self.scroller = PagedScroll()
        self.fields_host = QWidget()
        self.fields_layout = QVBoxLayout(self.fields_host)
        self.fields_layout.setContentsMargins(0, 0, 16, 0)
        self.fields_layout.setSpacing(SPACING)
        self.scroller.setWidget(self.fields_host)
        self.body.addWidget(self.scroller, 3)

        self.pad_column = QWidget()
        pads = QVBoxLayout(self.pad_column)
        pads.setContentsMargins(0, 0, 0, 0)
        pads.addStretch(1)
        self.keyboard = Keyboard("full")
        self.numpad = NumPad()
        self.chinese = ChineseInput()
        self.chinese_note = MessageBox("notice")
        for w in (self.chinese_note, self.keyboard, self.numpad, self.chinese):
            pads.addWidget(w)
            w.hide()
        self.body.addWidget(self.pad_column, 2)
        self.page.addLayout(self.body, 1)

        self.next_button = button(tr("next", "zh_HK"), "primary")
        self.next_button.clicked.connect(self._submit)
        self.add_footer(self.scroller.more_button, self.next_button)

        self.editors: dict[str, FieldEditor] = {}
        self.rows = self.editors  # the name the first UI tests used
        self._built_for: tuple[str, str] | None = None
        self._kinds: dict[QLineEdit, Kind] = {}
        self._press = PressFilter(self._focus, self)
        self._target: QLineEdit | None = None
        self._live: dict[str, ValidationError | None] = {}  # the latest check of each field
        self._touched: set[str] = set()  # fields whose errors show at once
        self.lang = "zh_HK"
        self._pad = ""
        self._portrait = False
        self._settle = QTimer(self)
        self._settle.setSingleShot(True)
        self._settle.setInterval(SETTLE_MS)
        self._settle.timeout.connect(self._settled)

    # ------------------------------------------------------------ FormHost
    def field_changed(self, name: str, raw: Any) -> None:
        self._live[name] = self.session.set_field(name, raw)
        self._show_position()  # an answer may add or drop later questions: "1 / 1" must not stay
        editor = self.editors.get(name)
        kind = editor.spec.kind if editor is not None else Kind.TEXT
        if kind in IMMEDIATE:
            self._touched.add(name)  # a press is a finished answer: say at once what is wrong with it
        elif kind in ON_NEXT:
            self.form_error.set_message(None)
            if name in self._touched:  # an error from the last Next is about what was there then
                self._touched.discard(name)
                self._show_errors()
            return  # the editor shows its own running state (total, computed amounts); errors on Next
        if self._live[name] is None or name in self._touched:
            self._show_errors()
        else:
            self._settle.start()

    def watch(self, edit: QLineEdit, kind: Kind) -> None:
        self._kinds[edit] = kind
        edit.installEventFilter(self._press)
        edit.editingFinished.connect(lambda: self._left(edit))

    def form_values(self) -> dict[str, Any]:
        s = self.session.state
        if s.instruction_type is None:
            return {}
        itype = get_type(s.instruction_type)
        ctx = self.session.form_context()
        values, _ = validate(itype, prune(itype, s.form_raw, ctx), ctx)
        return values

    def funds(self) -> tuple[Fund, ...]:
        return self.session.funds

    # ------------------------------------------------------------ building a step
    def _build(self, type_code: str, step: Step, focus: bool = True) -> None:
        self.clear()
        itype = get_type(type_code)
        for name in step.fields:
            # As this member is asked it: their own accounts, an employer's own companies and schemes.
            own = type_code == self.session.state.instruction_type
            spec = self.session.field_spec(name) if own else itype.field(name)
            editor = make_editor(spec, self, required=spec.required or step.required)
            if len(step.fields) == 1:
                editor.hide_title()  # the question says it: "What is your new mobile number?"
            self.editors[name] = editor
            statement_import.attach(editor, self.session)  # a statement's members: import from a USB stick
            self.fields_layout.addWidget(editor)
            editor.show()  # at once, not when the event loop gets round to it
        self.fields_layout.addStretch(1)
        self._built_for = (type_code, step.name)
        if focus:
            first = next((e for ed in self.editors.values() for e in ed.line_edits()), None)
            self._focus(first)
        self.scroller.verticalScrollBar().setValue(0)

    def rehearse(self, type_code: str, step_name: str, langs: tuple[str, ...]) -> bool:
        """Build and draw one step of `type_code` off screen in each of `langs`, then destroy it.

        Warm-up in idle time (MainWindow, one step per event-loop turn): the pages of the Chinese
        font, the glyphs and the style a form needs are loaded and cached before the first member
        instead of during the first members' sessions, so what the kiosk holds after its first
        member is what it keeps (docs/memory.md). Reads nothing of the Session but its funds;
        returns False, doing nothing, while this screen is shown or holds a member's step."""
        if self.editors or self.isVisible():
            return False
        itype = get_type(type_code)
        step = itype.step(step_name)
        host = self.parentWidget()
        if host is not None:
            self.resize(host.size())  # a page never shown yet has no size of its own
        lang_was = self.lang
        try:
            self._build(type_code, step, focus=False)
            for lang in langs:
                self.lang = lang
                self.form_title.setText(itype.title(lang))
                self.title.setText(step.title(lang))
                self.hint.setText(step.help(lang))
                for editor in self.editors.values():
                    editor.retranslate(lang)
                self.grab()  # the drawing is what loads the glyphs; the picture is not kept
        finally:
            self.clear()
            self.lang = lang_was
            for text in (self.form_title, self.title, self.hint):
                text.clear()
        return True

    def select_field(self, name: str) -> None:
        """Make `name` the field the keys type into (as touching it does)."""
        editor = self.editors[name]
        edits = editor.line_edits()
        self._focus(edits[0] if edits else None)

    def press_into(self, edit: QLineEdit, text: str) -> None:
        """Touch `edit` and press the keys for `text` on its pad (tests and the screenshot walk)."""
        self._focus(edit)
        pad = pad_for(self._kinds.get(edit, Kind.TEXT))[0]
        if pad == "numpad":
            self.numpad.press(text)
        elif pad == "chinese" and self.chinese.isVisible():
            if text.isascii():
                self.chinese.type_latin(text)
            else:  # Chinese characters come from Cangjie codes: ChineseInput.type_cangjie does that
                edit.insert(text)
        else:
            self.keyboard.press(text)

    def type_into(self, name: str, text: str) -> None:
        editor = self.editors[name]
        assert editor.edit is not None, name
        self.press_into(editor.edit, text)

    def _focus(self, edit: QLineEdit | None) -> None:
        if self._target is not None and self._target is not edit:
            mark_target(self._target, False)
        self._target = edit
        kind = self._kinds.get(edit, Kind.TEXT) if edit is not None else None
        pad, mode = pad_for(kind) if kind is not None else ("", "")
        if pad == "chinese" and not self.chinese.available():
            pad = "keyboard"
            self.chinese_note.set_message(tr("chinese_unavailable", self.lang))
        else:
            self.chinese_note.set_message(None)
        self.keyboard.set_target(edit if pad == "keyboard" else None)
        self.numpad.set_target(edit if pad == "numpad" else None)
        if pad == "keyboard":
            self.keyboard.set_lowercase(mode == "lower")
        if pad == "numpad":
            self.numpad.set_mode(mode)
        self.keyboard.setVisible(pad == "keyboard")
        self.numpad.setVisible(pad == "numpad")
        self.chinese.setVisible(pad == "chinese")
        self.chinese.set_target(edit if pad == "chinese" else None)  # the handwriting pad types there
        self.pad_column.setVisible(bool(pad))
        if pad == "chinese":
            self.chinese.reset()
            if edit is not None and not edit.hasFocus():
                # The keyboard creates the input method for a new layout only while a field for
                # Chinese has the focus: without it set_mode waited out its 2 s for nothing.
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
            # Hong Kong members mostly type Cangjie; 简体中文 readers Pinyin; English readers start
            # on the English layout (the globe key offers the others).
            if self.lang == "zh_CN":
                self.chinese.set_mode("pinyin")
            elif self.lang.startswith("zh"):
                self.chinese.set_mode("cangjie")
            else:
                self.chinese.set_language(self.lang)
        self._pad = pad
        self._arrange()
        if edit is not None:
            # Chinese fields need the real focus (the input method types into the focus widget);
            # the others get it too, so a keyboard-wedge scanner types where the member looks.
            if not edit.hasFocus():
                edit.setFocus(Qt.FocusReason.OtherFocusReason)
            if pad == "chinese":
                mark_target(edit, True)

    # ------------------------------------------------------------ input
    def _left(self, edit: QLineEdit) -> None:
        name = next((n for n, e in self.editors.items() if edit in e.line_edits()), None)
        if name is None or self.editors[name].spec.kind in ON_NEXT:
            return  # a statement's members, a fund list: half filled while the member moves on; errors on Next
        if edit.text():
            self._touched.add(name)
            self._show_errors()

    def _settled(self) -> None:
        self._touched.update(n for n, e in self._live.items() if e is not None and (
            n not in self.editors or self.editors[n].spec.kind not in ON_NEXT))
        self._show_errors()

    def _submit(self) -> None:
        self._settle.stop()
        errors = self.session.next_step()  # re-renders through the Session's listener
        if errors and self.session.state.screen is Screen.FORM:
            self.show_first_error()

    def show_first_error(self) -> None:
        """Scroll the first error shown on this step into view, give the focus to its field (or to
        the error) and announce it: an error below the fold makes Next seem to do nothing."""
        self.scroller.settle()  # the errors just shown are laid out before scrolling to them
        if not self.form_error.isHidden():
            bring_into_view(self.form_error)
            return
        for editor in self.editors.values():
            for err in [editor.error, *editor.findChildren(FieldError)]:
                if err.isHidden() or not err.isVisibleTo(self):
                    continue
                edits = editor.line_edits()
                edit = next((e for e in edits if e.isVisibleTo(self) and e.property("invalid")), None)
                if edit is None and err is editor.error and edits:
                    edit = edits[0]
                if edit is not None:
                    self._focus(edit)
                bring_into_view(err, edit)
                return

    # ------------------------------------------------------------ presenting
    def _show_errors(self) -> None:
        lang = self.lang
        submitted = self.session.state.errors
        top: list[str] = []
        for name, editor in self.editors.items():
            own = next((e for e in submitted if e.field == name), None)
            live = self._live.get(name) if name in self._touched else None
            err = own or live
            editor.show_error(err.message(lang) if err else None)
        for e in submitted:
            if e.field in self.editors:
                continue
            parent = e.field.split("[")[0] if e.field else ""
            if parent in self.editors and self.editors[parent].sub_error(e.field, e.message(lang)):
                continue
            top.append(e.message(lang))
        self.form_error.set_message("\n".join(dict.fromkeys(top)) or None)

    def present(self, state: SessionState) -> None:
        super().present(state)
        self.lang = lang = state.lang
        if state.instruction_type is None:
            return
        step = self.session.current_step()
        if step is None:
            return
        if self._built_for != (state.instruction_type, step.name):
            self._build(state.instruction_type, step)
        itype = get_type(state.instruction_type)
        self.form_title.setText(itype.title(lang))
        self._show_position()
        self.title.setText(step.title(lang))
        self.hint.setText(step.help(lang))
        self.hint.setVisible(bool(step.help(lang)))
        self.scroller.retranslate(lang)
        self.keyboard.retranslate(lang)
        self.numpad.retranslate(lang)
        self.chinese.retranslate(lang, state.visit)  # its buttons and pad, shown or not; a new member
        if self.chinese.isVisible():
            self.chinese.set_language(lang)
        if state.errors:
            self._touched.update(e.field for e in state.errors if e.field)
        for name, editor in self.editors.items():
            editor.set_value(state.form_raw.get(name))
            editor.retranslate(lang)
        statement_import.present(self.editors.values(), state)
        self._show_errors()

    def _show_position(self) -> None:
        """"Question n of m" and Next or "Review" as the answers so far make the form."""
        n, of = self.session.form_position()
        self.progress.setText(tr("question_n", self.lang, n=n, of=of))
        self.next_button.setText(tr("to_review" if n == of else "next", self.lang))

    def spoken_text(self, lang: str) -> str:
        """What audio guidance reads out for this step: the question and its help."""
        return " ".join(t for t in (self.title.text(), self.hint.text() if self.hint.isVisibleTo(self) else "") if t)

    def _arrange(self) -> None:
        """Portrait kiosks put the pad under the question; landscape ones beside it. The Chinese
        keyboard's height follows its width: beside the question it gets two thirds of the width
        and the whole height, so large text (which leaves less height) does not narrow it."""
        below = self._portrait
        wide_pad = self._pad == "chinese"
        self.body.setDirection(QBoxLayout.Direction.TopToBottom if below else QBoxLayout.Direction.LeftToRight)
        self.body.setStretch(0, 1 if below or wide_pad else 3)
        self.body.setStretch(1, 0 if below else 2)

    def resizeEvent(self, event: QResizeEvent) -> None:
        size = event.size()
        self._portrait = size.height() > size.width()
        self._arrange()
        super().resizeEvent(event)

    def clear(self) -> None:
        """Destroy every field widget: nothing typed may outlive the step or the session."""
        self._settle.stop()
        self.keyboard.set_target(None)
        self.numpad.set_target(None)
        self.chinese.clear()
        self._target = None
        for edit in list(self._kinds):
            edit.removeEventFilter(self._press)
        self._kinds = {}
        destroy(self.fields_layout, list(self.editors.values()))
        self.editors.clear()
        self._live = {}
        self._touched = set()
        self._built_for = None
        self.form_error.set_message(None)
