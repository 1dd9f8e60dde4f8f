"""Drives the form screen the way a member does: touches fields, presses keys and buttons.

Used by the UI tests, the screenshot walk and the startup/memory bench, so all three exercise the
real widgets rather than setting values behind them.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QLineEdit

from kiosk.core.state import EMPLOYER_FORMS, REGISTRATION, Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.fields import CHINESE_KINDS, Kind
from kiosk.ports import IamSmartPoll, IamSmartState
from ui.field_editor import FieldEditor
from ui.form_widgets import AllocationEditor
from ui.rows_editor import RowsEditor
from ui.screens.form import FormScreen

if TYPE_CHECKING:
    from ui.main_window import MainWindow

# Cangjie codes for the fictional names the examples use, so Chinese is typed on the virtual
# keyboard as a member would (陳大文, 黃小明).
CANGJIE_CODES: dict[str, str] = {"陳": "nldw", "大": "k", "文": "yk", "黃": "tmwc", "小": "nc", "明": "ab"}


def _text_of(value: Any) -> str:
    if value is True:
        return "yes"
    if value is False:
        return "no"
    return "" if value is None else str(value)


def fill_field(form: FormScreen, editor: FieldEditor, value: Any) -> None:
    """Put `value` into one editor through its buttons and pads."""
    kind = editor.spec.kind
    if isinstance(editor, AllocationEditor):
        for code, pct in dict(value or {}).items():
            editor.set_percent(str(code), int(pct))
    elif isinstance(editor, RowsEditor):
        wanted = [{k: _text_of(v) for k, v in row.items() if _text_of(v)} for row in value or []]
        if [{k: v for k, v in r.items() if v} for r in editor.rows] == wanted:
            return
        while len(editor.rows) > 1 or any(editor.rows[0].values()):  # start again from one empty member
            editor.remove_button.click()
            if len(editor.rows) == 1 and not any(editor.rows[0].values()):
                break
        for i, row in enumerate(wanted):
            if i > 0:
                editor.add_button.click()
            editor.type_row(row, lambda edit, text: _retype(form, edit, text))
    elif kind is Kind.MULTI_CHOICE:
        for item in value or []:
            b = editor.choice_buttons[str(item)]
            if not b.isChecked():
                b.click()
    elif kind is Kind.CONFIRM:
        b = editor.choice_buttons["yes"]
        if (value in (True, "yes")) != b.isChecked():
            b.click()
    elif editor.choice_buttons:
        editor.choice_buttons[_text_of(value)].click()
    elif editor.edit is not None:
        text = _text_of(value)
        if editor.edit.text() == text:
            return
        if editor.edit.text():
            _clear(form, editor.edit)
        if not text:
            return
        if kind in CHINESE_KINDS and not text.isascii() and form.chinese.available() and all(
                ch in CANGJIE_CODES for ch in text):
            form.select_field(editor.spec.name)
            form.chinese.set_mode("cangjie")
            form.chinese.type_cangjie([(CANGJIE_CODES[ch], ch) for ch in text])
        else:
            form.press_into(editor.edit, text)


def _clear(form: FormScreen, edit: QLineEdit) -> None:
    """Empty a field with its pad's Clear key, as a member would."""
    form.press_into(edit, "")
    for pad in (form.numpad, form.keyboard):
        if pad.target() is edit:
            pad.tap("clear")
            return
    edit.clear()  # the Chinese keyboard: its own delete key, held


def _retype(form: FormScreen, edit: QLineEdit, text: str) -> None:
    if edit.text() == text:
        return
    if edit.text():
        _clear(form, edit)
    form.press_into(edit, text)


def fill_step(form: FormScreen, values: dict[str, Any]) -> None:
    """Fill the editors of the step on screen with the values given for their fields."""
    for name, editor in list(form.editors.items()):
        if name in values:
            fill_field(form, editor, values[name])


def walk_form(form: FormScreen, values: dict[str, Any], on_step: Callable[[str], None] | None = None,
              max_steps: int = 40) -> bool:
    """From the form's current step to review, filling each step from `values` and pressing Next.

    `on_step(step_name)` runs after a step is filled (the screenshot walk takes its picture).
    Returns True when review was reached, False when a step refused (errors are on screen)."""
    session = form.session
    for _ in range(max_steps):
        if session.state.screen is not Screen.FORM:
            return session.state.screen is Screen.REVIEW
        step = session.current_step()
        assert step is not None
        fill_step(form, values)
        if on_step is not None:
            on_step(step.name)
        form.next_button.click()
        if session.state.screen is Screen.FORM and session.state.errors:
            return False
    return session.state.screen is Screen.REVIEW


def open_form(window: MainWindow, code: str) -> None:
    """From the menu, tap the button for `code` (behind "For employers" for an employer's) as a
    member does. Registration asks a member identified by a typed or merely read HKID to use iAM
    Smart or ask staff (kiosk/domain/forms/registration.py): this taps "Use iAM Smart" and hands
    the session the identity iAM Smart gives, as the kiosk's login thread does once the member
    approved on their phone (fake services have no platform to ask). Ends on the form."""
    session = window.session
    if code in EMPLOYER_FORMS:
        window.menu.employer_button.click()
    window.menu.buttons[code].click()
    if code == REGISTRATION and session.state.screen is Screen.REGISTRATION_IDENTITY:
        typed = session.state.identity
        assert typed is not None
        from ui.screens.registration_identity import RegistrationIdentityScreen

        choice = window.page(Screen.REGISTRATION_IDENTITY)
        assert isinstance(choice, RegistrationIdentityScreen)
        choice.iamsmart_button.click()
        session.iamsmart_progress(IamSmartPoll(IamSmartState.COMPLETED, identity=iamsmart_identity(typed.hkid)))
    if session.state.screen is Screen.SIGN_IN:
        sign_in_with_code(window)  # an instruction that needs a sign-in: then its form opens
    if session.state.screen is Screen.EMPLOYER:  # a statement: the employer's data first (one employer)
        _wait(lambda: session.state.screen is not Screen.EMPLOYER, 10.0)
    assert session.state.screen is Screen.FORM and session.state.instruction_type == code, session.state.screen


def sign_in_with_code(window: MainWindow, timeout_s: float = 10.0) -> None:
    """On the sign-in screen: "Get a one-time code", type the code the fake platform's phone got
    (devtools/fake_member.py), check it; the identity stays as it was identified. Waits for the
    worker's answers with the event loop running."""
    from devtools.fake_member import FakeMemberPlatform
    from kiosk.core.state import SignInPhase
    from ui.screens.sign_in import SignInScreen

    session, member = window.session, window.services.member
    assert isinstance(member, FakeMemberPlatform), "sign-in in a walk needs the fake member platform"
    page = window.page(Screen.SIGN_IN)
    assert isinstance(page, SignInScreen)
    page.code_button.click()
    _wait(lambda: session.state.signing_in is not None and session.state.signing_in.phase is SignInPhase.CODE,
          timeout_s)
    page.pad.press(member.code)
    page.check_button.click()
    _wait(lambda: session.state.signed_in, timeout_s)


def _wait(cond: Callable[[], bool], timeout_s: float) -> None:
    from PySide6.QtWidgets import QApplication

    end = time.monotonic() + timeout_s
    while not cond():
        if time.monotonic() > end:
            raise TimeoutError("the kiosk did not get there in time")
        QApplication.processEvents()
        time.sleep(0.005)


def iamsmart_identity(hkid: str) -> Identity:
    """What iAM Smart gives for the examples' fictional member (kiosk/domain/examples.py)."""
    return Identity(hkid, name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                    source=IdentitySource.IAMSMART)
