"""The idle wipe leaves nothing of the member behind: every instruction type is filled with
values made for this test, the member walks away, and then no widget, no accessible name, the
clipboard, the Session, the input method and no live Python container holds any of them."""

from __future__ import annotations

import datetime as dt
import gc
import secrets
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget
from pytestqt.qtbot import QtBot

from devtools.fake_member import FakeMemberPlatform
from devtools.fakes import FakeClock, FakeServices
from devtools.form_driver import fill_step, open_form
from kiosk.config import KioskConfig
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain import hkid
from kiosk.domain.examples import example
from tests.support.ui import open_window

NOW = dt.datetime(2026, 11, 26, 10, 0)
KEY = 0x5A


def _hidden(text: str) -> bytes:
    """The test keeps its secrets XOR-ed: a plain copy in its own frame would be found by the scan."""
    return bytes(b ^ KEY for b in text.encode("utf-8", "surrogatepass"))


def _secret_values() -> tuple[dict[str, dict[str, Any]], list[bytes]]:
    """Per type, the example with its typed text replaced by values nobody else uses."""
    tag = f"{secrets.randbelow(9000) + 1000}"
    letters = "".join(chr(ord("A") + int(d)) for d in tag)  # e.g. BJCE for 1924
    mobile = f"6{tag}{tag[:3]}"
    account = f"ZQ-{tag}"
    name = f"WIPE {letters}"
    prefix, digits = "WZ", f"{tag}{tag[:2]}"
    typed_hkid = f"{prefix}{digits}({hkid.check_character(prefix, digits)})"
    email = f"wipe{tag}@example.com"
    swaps = {"mobile": mobile, "email": email, "name_en": name, "employee_name": name, "hkid": typed_hkid,
             "employee_hkid": typed_hkid, "scheme_account": account, "original_account": account,
             "new_account": f"ZR-{tag}", "employer_account_no": account, "account_no": account,
             "bank_account": f"004-{tag[:3]}-{tag}{tag[:2]}", "address": f"FLAT {letters} WIPE ROAD"}
    forms: dict[str, dict[str, Any]] = {}
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        values = example(code, NOW.date())
        for k in values:
            if k in swaps:
                values[k] = swaps[k]
        if code == "CONTRIBUTION_DATA":
            values["members"][0]["hkid"] = typed_hkid
            # Picked from the employer's own accounts, not typed: the example's stays.
            values["employer_account_no"] = example(code, NOW.date())["employer_account_no"]
        if code == "TRANSFER_BENEFITS":
            values["original_account"] = account
        forms[code] = values
    hidden = [_hidden(v) for v in (mobile, account, name, typed_hkid, email, f"{tag}{tag[:2]}", letters + " WIPE")]
    return forms, hidden


def _contains(text: str, hidden: list[bytes]) -> bool:
    enc = _hidden(text)
    return any(h in enc for h in hidden)


def _widget_texts(root: QWidget) -> list[str]:
    out = []
    for w in [root, *root.findChildren(QWidget)]:
        out.extend((w.accessibleName(), w.accessibleDescription(), w.toolTip(), w.whatsThis()))
        if isinstance(w, QLineEdit):
            out.extend((w.text(), w.displayText(), w.placeholderText()))
        elif isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
    return out


def _python_holders(hidden: list[bytes]) -> list[str]:
    """Every live container (dict, list, tuple, set, object) that references a string holding a secret."""
    gc.collect()
    found: list[str] = []
    for obj in gc.get_objects():
        try:
            refs = gc.get_referents(obj)
        except Exception:  # some C types refuse: they hold no Python strings for us
            continue
        for r in refs:
            if isinstance(r, str) and len(r) >= 4 and _contains(r, hidden):
                owners = [type(o).__name__ for o in gc.get_referrers(obj) if o is not found][:3]
                found.append(f"{type(obj).__name__} held by {owners}")
    return found


@pytest.mark.parametrize("wipe_on", ["form", "review"])
def test_nothing_typed_survives_the_idle_wipe(wipe_on: str, qtbot: QtBot, tmp_path: Path) -> None:
    forms, hidden = _secret_values()
    clock = FakeClock()
    services = FakeServices(data_dir=tmp_path, config=KioskConfig(data_dir=tmp_path, idle_timeout_s=120,
                                                                   idle_warning_s=30),
                            member=FakeMemberPlatform(any_member=True))  # the made-up member signs in
    with open_window(qtbot, services, clock) as w:
        w.session.now = lambda: NOW
        typed = forms["EMPLOYEE_ENROLMENT"]["hkid"]
        for code, values in forms.items():
            w.attract.start_button.click()
            w.identify.keypad.press(typed)  # the member's own number: a secret too
            w.identify.continue_button.click()
            assert w.session.state.screen is Screen.MENU, code
            open_form(w, code)  # registration: through "Use iAM Smart" (a typed number cannot register)
            for _ in range(40):  # every step, filled through the widgets, Next pressed
                if w.session.state.screen is not Screen.FORM:
                    break
                fill_step(w.form, values)
                if wipe_on == "form" and w.session.form_position()[0] == w.session.form_position()[1]:
                    break  # stay on the last step, its widgets full
                w.form.next_button.click()
            if code == "CHANGE_PARTICULARS":
                QGuiApplication.clipboard().setText(values["mobile"])  # a copy a member somehow made
                # The scan below can see what it looks for: before the wipe, the Session holds it.
                assert any("dict" in h for h in _python_holders(hidden))
            held = [*_widget_texts(w), *(repr(v) for v in w.session.state.form_raw.values())]
            assert any(_contains(t, hidden) for t in held), f"{code}: nothing was typed?"
            del held
            clock.advance(100)
            w.tick()
            assert not w.overlay.isHidden()  # the warning, with its countdown, first
            clock.advance(30)
            w.tick()  # then the wipe
            assert w.session.state.screen is Screen.ATTRACT, code
            leftovers = [t for t in _widget_texts(w) if _contains(t, hidden)]
            assert leftovers == [], f"{code}: {len(leftovers)} widget texts survive the wipe"
            undoable = [e for e in w.findChildren(QLineEdit) if e.isUndoAvailable()]
            assert undoable == [], f"{code}: an undo could bring a typed value back"
        del values, forms, typed
        s = w.session.state
        assert s.identity is None and s.form_raw == {} and s.form_values == {} and s.errors == []
        assert s.instruction_type is None and s.receipt is None and s.notice is None
        assert QGuiApplication.clipboard().text() == ""
        assert w.form.editors == {}  # the step's widgets were destroyed, not just emptied
        assert _python_holders(hidden) == []
    assert services.enqueued == []  # nothing was confirmed: nothing was queued either
