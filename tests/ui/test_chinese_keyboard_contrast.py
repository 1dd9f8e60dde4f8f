"""The Chinese keyboard follows high contrast: Qt Virtual Keyboard's own style (blue-grey keys on
near-black) gives way to the kiosk's (ui/resources/vkb_styles: black keys, white outlines and labels,
yellow for what is chosen), read from the pixels it draws; and back for the next member."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtGui import QImage
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import open_form
from tests.support.ui import open_window, type_hkid_and_continue
from ui.chinese_input import HIGH_CONTRAST_STYLE


def _colours(image: QImage) -> Counter[str]:
    image = image.convertToFormat(QImage.Format.Format_RGB32)
    return Counter(image.pixelColor(x, y).name().upper() for x in range(0, image.width(), 2)
                   for y in range(0, image.height(), 2))


def test_the_keyboard_is_drawn_in_high_contrast_when_the_member_chose_it(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CHANGE_PARTICULARS")
        w.session.set_field("changes", ["address"])
        w.session.goto_step("address")
        chinese = w.form.chinese
        if not chinese.available():
            pytest.skip(f"Qt Virtual Keyboard unavailable here: {chinese.unavailable_reason()}")
        chinese.page_buttons["keys"].click()
        qtbot.waitUntil(lambda: chinese._view is not None and chinese._view.isVisible(), timeout=5000)
        view = chinese._view
        assert view is not None
        assert chinese.style_name() == "default"
        qtbot.wait(200)
        normal = _colours(view.grabFramebuffer())
        total = sum(normal.values())
        assert normal["#FFFFFF"] / total < 0.04  # Qt's style: white labels only

        w.session.set_accessibility(large_text=False, high_contrast=True)  # as the attract screen's toggle does
        qtbot.waitUntil(lambda: chinese.style_name() == HIGH_CONTRAST_STYLE, timeout=3000)
        chinese.set_mode("cangjie")
        chinese.press("弓")  # a candidate shows, highlighted
        qtbot.wait(300)
        high = _colours(view.grabFramebuffer())
        total = sum(high.values())
        assert (high["#000000"] + high["#FFFFFF"] + high["#FFE500"]) / total > 0.9, high.most_common(6)
        assert high["#FFFFFF"] / total > 0.04  # every key outlined in white
        assert high["#FFE500"] > 0  # the chosen candidate in yellow
        assert not any(c in high for c in normal if normal[c] / sum(normal.values()) > 0.1 and c != "#000000")
        # The panel keeps its shape, so the fit (ui/chinese_input.py) still shows it whole.
        assert abs(chinese.panel_ratio() - 0.3457) < 0.01

        w.session.wipe()
        w.session.set_accessibility(large_text=False, high_contrast=False)
        chinese.show()
        assert chinese.style_name() == "default"
