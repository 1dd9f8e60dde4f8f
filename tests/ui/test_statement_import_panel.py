"""The import panel on a statement's members step (ui/statement_import.py), on real widgets: shown
only there, a kiosk without a USB reader says so, and the file buttons and Cancel work."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from devtools.fakes import FakeServices
from devtools.form_driver import open_form
from drivers.usb.statement_source import UsbStatementFiles
from kiosk.core.state import ImportPhase
from tests.support.ui import open_window, type_hkid_and_continue
from ui.statement_import import StatementImport


def test_without_a_usb_reader_the_panel_says_to_type_the_members(qtbot: QtBot, tmp_path: Path) -> None:
    with open_window(qtbot, FakeServices(data_dir=tmp_path)) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CONTRIBUTION_DATA")
        assert w.form.findChild(StatementImport) is None  # only on the members step
        w.session.goto_step("members")
        panel = w.form.editors["members"].findChild(StatementImport)
        assert panel is not None and panel.import_button.isVisible()
        panel.import_button.click()
        qtbot.waitUntil(lambda: w.session.state.importing is not None
                        and w.session.state.importing.phase is ImportPhase.FAILED, timeout=5000)
        said = panel.problem.text.text()
        assert panel.problem.isVisible() and ("cannot read USB sticks" in said or "未能讀取 USB 手指" in said)
        panel.close_button.click()
        assert w.session.state.importing is None and not panel.problem.isVisible()


def test_several_files_are_buttons_and_cancel_closes_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    for name in ("a.csv", "b.csv"):
        (stick / name).write_text("x\n", encoding="utf-8")
    services = FakeServices(data_dir=tmp_path, statement_files=UsbStatementFiles(stick, mounts_text=""))
    with open_window(qtbot, services) as w:
        w.attract.start_button.click()
        type_hkid_and_continue(w)
        open_form(w, "CONTRIBUTION_DATA")
        w.session.goto_step("members")
        panel = w.form.editors["members"].findChild(StatementImport)
        assert panel is not None
        panel.import_button.click()
        # A button added to a shown layout is shown by a queued call: wait for that too.
        qtbot.waitUntil(lambda: bool(panel.file_buttons) and all(b.isVisible() for b in panel.file_buttons.values()),
                        timeout=5000)
        assert sorted(panel.file_buttons) == ["a.csv", "b.csv"]
        assert all("KB" in b.text() for b in panel.file_buttons.values())
        panel.file_buttons["b.csv"].click()  # "x" is not the template: nothing imported
        qtbot.waitUntil(lambda: w.session.state.importing is not None
                        and w.session.state.importing.phase is ImportPhase.FAILED, timeout=5000)
        assert "template" in panel.problem.text.text() or "範本" in panel.problem.text.text()
        assert not panel.file_buttons
        panel.import_button.click()
        qtbot.waitUntil(lambda: bool(panel.file_buttons), timeout=5000)
        panel.close_button.click()  # Cancel
        assert w.session.state.importing is None and not panel.file_buttons
