"""What the review shows of a personal value: masked, in full, or masked behind a "Show" tap, as
kiosk/core/disclosure.py decides (a signed-in member sees in full what they typed)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING

from kiosk.core.disclosure import Disclosure, disclosure
from kiosk.languages import choose
from ui.form_values import shown_value
from ui.widgets import button

if TYPE_CHECKING:
    from PySide6.QtWidgets import QLabel, QPushButton

    from kiosk.core.state import SessionState
    from kiosk.domain.fields import FieldSpec
    from kiosk.domain.funds import Fund


def reviewed_value(state: SessionState, spec: FieldSpec, lang: str,
                   funds: Sequence[Fund] = ()) -> tuple[str, str | None]:
    """(text shown on the review, the full text behind a "show" tap or None), as
    kiosk/core/disclosure.py decides: a signed-in member sees what they typed in full."""
    value = state.form_values[spec.name]
    how = disclosure(state, spec)
    if how is Disclosure.MASKED:
        return shown_value(spec, value, lang, funds), None
    full = shown_value(replace(spec, personal=False), value, lang, funds)
    if how is Disclosure.ON_TAP:
        return shown_value(spec, value, lang, funds), full
    return full, None


SHOW = ("顯示", "Show")
HIDE = ("隱藏", "Hide")


def reveal_button(target: QLabel, full: str, lang: str) -> QPushButton:
    """A "Show" button beside a masked value: shows `full` in `target`, and hides it again.

    Both texts live on the button as Qt properties, not in a Python closure: the wipe destroys the
    review's widgets, and no Python object is left holding a member's number (the wipe test looks)."""
    b = button(choose(*SHOW, lang))
    b.setCheckable(True)
    b.setProperty("full_text", full)
    b.setProperty("masked_text", target.text())
    b.toggled.connect(partial(_toggled, b, target, lang))
    return b


def _toggled(b: QPushButton, target: QLabel, lang: str, on: bool) -> None:
    target.setText(str(b.property("full_text" if on else "masked_text") or ""))
    b.setText(choose(*(HIDE if on else SHOW), lang))
