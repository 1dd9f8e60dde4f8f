"""The technician's page: doctor, enrolment and secret rotation, scrubbed log export to a USB folder,
settings, and updates with progress. Presents results and forwards taps to the panel, which runs
the slow parts off the GUI thread."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.doctor import DoctorReport, Status
from kiosk.settings import SPECS, KioskSettings
from ui.layouts import Columns, Footer, scrolling
from ui.pads import Keyboard
from ui.staff.strings import tr_staff
from ui.theme import SPACING
from ui.widgets import MessageBox, button, clear_layout, label, line_edit

TABS = ("doctor", "enrol", "logs", "settings", "update")
MARK = {Status.PASS: "PASS", Status.WARN: "WARN", Status.FAIL: "FAIL", Status.INFO: "info"}


class TechnicianPage(QWidget):
    def __init__(self, *, on_doctor: Callable[[], None], on_enrol: Callable[[str, bool], None],
                 on_export: Callable[[Path], None], on_setting: Callable[[str, str], None],
                 on_update: Callable[[str], None], on_quit: Callable[[], None], on_restart: Callable[[], None],
                 on_quit_confirmed: Callable[[], None] = lambda: None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._on_doctor = on_doctor
        self._lang = "zh_HK"
        col = QVBoxLayout(self)
        col.setSpacing(SPACING)
        self.tab_buttons: dict[str, QPushButton] = {}
        group = QButtonGroup(self)
        for name in TABS:
            b = button(role="choice")
            b.setCheckable(True)
            group.addButton(b)
            b.clicked.connect(lambda _=False, n=name: self.show_tab(n))
            self.tab_buttons[name] = b
        self.quit_button = button()
        self.quit_button.clicked.connect(on_quit)
        # In one row when they fit, in more on a portrait screen (ui/layouts.py): never cut.
        col.addWidget(Footer(None, (*self.tab_buttons.values(), self.quit_button), align="left"))
        self.message = MessageBox("notice")
        self.error = MessageBox("error")
        col.addWidget(self.message)
        col.addWidget(self.error)
        # "Close the kiosk?" asked once more before it is done (kiosk/modes/quitting.py decides).
        self.quit_confirm = QFrame()
        self.quit_confirm.setObjectName("card")
        qc = QVBoxLayout(self.quit_confirm)
        self.quit_question = label(name="fieldLabel")
        qc.addWidget(self.quit_question)
        self.quit_yes = button(role="primary")
        self.quit_yes.clicked.connect(on_quit_confirmed)
        self.quit_no = button()
        self.quit_no.clicked.connect(self.hide_quit_question)
        qc.addWidget(Footer(self.quit_no, (self.quit_yes,)))
        self.quit_confirm.hide()
        col.addWidget(self.quit_confirm)

        # The page beside the keyboard in landscape, above it in portrait (resizeEvent).
        body = Columns()
        self.columns = body
        self.stack = QStackedWidget()
        # The pages scroll when they are taller than their share of the screen (portrait).
        body.addWidget(scrolling(self.stack), 1)
        kb = QVBoxLayout()
        self.keyboard = Keyboard("full")
        self.keyboard.setFixedWidth(820)  # ten keys of 68 px and their gaps
        kb.addWidget(self.keyboard)
        # What addresses and paths need beyond the member's keyboard.
        extra = QHBoxLayout()
        self.extra_keys: dict[str, QPushButton] = {}
        for text in ("https://", "http://", ":", "/media/"):
            b = button(text, "keyAction")
            b.clicked.connect(lambda _=False, t=text: self._insert(t))
            extra.addWidget(b)
            self.extra_keys[text] = b
        kb.addLayout(extra)
        self.keyboard_box = QWidget()
        self.keyboard_box.setLayout(kb)
        body.addWidget(self.keyboard_box)
        col.addLayout(body, 1)
        self.pages: dict[str, QWidget] = {}

        # doctor
        _, box = self._page("doctor")
        self.doctor_button = button(role="primary")
        self.doctor_button.clicked.connect(on_doctor)
        box.addWidget(self.doctor_button)
        self.doctor_summary = label(name="fieldLabel")
        box.addWidget(self.doctor_summary)
        scroller = QScrollArea()
        scroller.setWidgetResizable(True)
        scroller.setFrameShape(QFrame.Shape.NoFrame)
        host = QWidget()
        self.doctor_lines = QVBoxLayout(host)
        scroller.setWidget(host)
        box.addWidget(scroller, 1)

        # enrolment
        _, box = self._page("enrol")
        self.enrol_label = label(name="fieldLabel")
        self.enrol_code = self._field(box, self.enrol_label)
        row = QHBoxLayout()
        self.enrol_button = button(role="primary")
        self.enrol_button.clicked.connect(lambda: on_enrol(self.enrol_code.text(), False))
        self.rotate_button = button()
        self.rotate_button.clicked.connect(lambda: on_enrol(self.enrol_code.text(), True))
        row.addWidget(self.enrol_button)
        row.addWidget(self.rotate_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(1)

        # logs
        _, box = self._page("logs")
        self.usb_label = label(name="fieldLabel")
        self.usb_path = self._field(box, self.usb_label)
        self.usb_choices = QVBoxLayout()
        box.addLayout(self.usb_choices)
        self.export_button = button(role="primary")
        self.export_button.clicked.connect(lambda: on_export(Path(self.usb_path.text().strip())))
        box.addWidget(self.export_button)
        self.export_progress = QProgressBar()
        box.addWidget(self.export_progress)
        box.addStretch(1)

        # settings
        _, box = self._page("settings")
        self.setting_rows = QVBoxLayout()
        box.addLayout(self.setting_rows)
        self.setting_value_label = label(name="fieldLabel")
        self.setting_value = self._field(box, self.setting_value_label)
        self._selected_setting = ""
        self.setting_buttons: dict[str, QPushButton] = {}
        self._on_setting = on_setting
        self.save_button = button(role="primary")
        self.save_button.clicked.connect(self._save_setting)
        box.addWidget(self.save_button)
        box.addStretch(1)

        # update
        _, box = self._page("update")
        self.version_line = label(name="muted")
        box.addWidget(self.version_line)
        self.update_label = label(name="fieldLabel")
        self.update_source = self._field(box, self.update_label)
        self.update_button = button(role="primary")
        self.update_button.clicked.connect(lambda: on_update(self.update_source.text().strip()))
        box.addWidget(self.update_button)
        self.update_stage = label()
        box.addWidget(self.update_stage)
        self.update_progress = QProgressBar()
        box.addWidget(self.update_progress)
        self.restart_button = button(role="primary")
        self.restart_button.clicked.connect(on_restart)
        self.restart_button.hide()
        box.addWidget(self.restart_button)
        box.addStretch(1)
        self.show_tab("doctor", run=False)  # not yet: nobody is signed in while the panel is built

    # ------------------------------------------------------------ building
    def _page(self, name: str) -> tuple[QWidget, QVBoxLayout]:
        page = QWidget()
        box = QVBoxLayout(page)
        box.setSpacing(SPACING)
        self.stack.addWidget(page)
        self.pages[name] = page
        return page, box

    def _field(self, box: QVBoxLayout, title: QWidget) -> QLineEdit:
        box.addWidget(title)
        edit = line_edit()
        edit.installEventFilter(self)
        box.addWidget(edit)
        return edit

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QLineEdit) and event.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress):
            self.keyboard.set_target(watched)
        return super().eventFilter(watched, event)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.columns.follow(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def show_tab(self, name: str, run: bool = True) -> None:
        """Open a tab; the doctor runs as its tab opens (`run`), so it is never a blank page."""
        self.tab_buttons[name].setChecked(True)
        self.stack.setCurrentWidget(self.pages[name])
        self.error.set_message(None)
        target = {"enrol": self.enrol_code, "logs": self.usb_path, "settings": self.setting_value,
                  "update": self.update_source}.get(name)
        self.keyboard.set_target(target)
        self.keyboard_box.setVisible(target is not None)
        if name == "doctor" and run and self.doctor_button.isEnabled():
            self.doctor_running()
            self._on_doctor()

    def current_tab(self) -> str:
        return next(name for name, page in self.pages.items() if page is self.stack.currentWidget())

    def opened(self) -> None:
        """The page comes into view: its tab again (the doctor runs when that is its tab)."""
        self.show_tab(self.current_tab())

    def doctor_running(self) -> None:
        self.doctor_summary.setText(tr_staff("doctor_running", self._lang))

    def ask_quit_question(self) -> None:
        self.quit_question.setText(tr_staff("quit_question", self._lang))
        self.quit_yes.setText(tr_staff("quit_yes", self._lang))
        self.quit_no.setText(tr_staff("cancel", self._lang))
        self.quit_confirm.show()

    def hide_quit_question(self) -> None:
        self.quit_confirm.hide()

    def _insert(self, text: str) -> None:
        target = self.keyboard.target()
        if target is not None:
            target.insert(text)

    # ------------------------------------------------------------ results
    def say(self, text: str | None, error: bool = False) -> None:
        self.message.set_message(None if error else text)
        self.error.set_message(text if error else None)

    def show_doctor(self, report: DoctorReport) -> None:
        clear_layout(self.doctor_lines)
        for c in report.checks:
            self.doctor_lines.addWidget(label(f"[{MARK[c.status]}] {c.name}: {c.text(self._lang)}",
                                              "fieldLabel" if c.status is Status.FAIL else ""))
        self.doctor_lines.addStretch(1)
        fails = sum(c.status is Status.FAIL for c in report.checks)
        warns = sum(c.status is Status.WARN for c in report.checks)
        self.doctor_summary.setText(tr_staff("doctor_ok", self._lang) if not fails and not warns else
                                    tr_staff("doctor_bad", self._lang, fails=fails, warns=warns))
        self.doctor_button.setEnabled(True)

    def show_usb(self, folders: Sequence[Path]) -> None:
        clear_layout(self.usb_choices)
        for f in folders:
            b = button(str(f), "choice")
            b.clicked.connect(lambda _=False, f=f: self.usb_path.setText(str(f)))
            self.usb_choices.addWidget(b)
        if folders and not self.usb_path.text():
            self.usb_path.setText(str(folders[0]))
        if not folders:
            self.usb_choices.addWidget(label(tr_staff("no_usb", self._lang), "muted"))

    def show_settings(self, settings: KioskSettings) -> None:
        clear_layout(self.setting_rows)
        self.setting_buttons = {}
        values: dict[str, Any] = settings.as_dict()
        for name, spec in SPECS.items():
            value = values[name]
            text = ",".join(value) if isinstance(value, list) else str(value)
            b = button(f"{spec.label(self._lang)}: {text or '-'}", "choice")
            b.setCheckable(True)
            b.setChecked(name == self._selected_setting)
            b.clicked.connect(lambda _=False, n=name, t=text: self._select_setting(n, t))
            self.setting_rows.addWidget(b)
            self.setting_buttons[name] = b

    def _save_setting(self) -> None:
        if self._selected_setting:
            self._on_setting(self._selected_setting, self.setting_value.text())

    def _select_setting(self, name: str, current: str) -> None:
        self._selected_setting = name
        for n, b in self.setting_buttons.items():
            b.setChecked(n == name)
        self.setting_value.setText(current)
        self.setting_value_label.setText(f"{SPECS[name].label(self._lang)} — {tr_staff('setting_value', self._lang)}")
        self.keyboard.set_target(self.setting_value)

    def show_update_progress(self, stage: str, fraction: float) -> None:
        key = f"stage_{stage}"
        self.update_stage.setText(tr_staff(key, self._lang) if key in _STAGE_KEYS else stage)
        self.update_progress.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def update_finished(self, text: str, installed: bool, error: bool = False) -> None:
        self.update_button.setEnabled(True)
        self.update_stage.setText(text)
        self.say(text, error=error)
        self.restart_button.setVisible(installed)

    def retranslate(self, lang: str) -> None:
        self._lang = lang
        for name, b in self.tab_buttons.items():
            b.setText(tr_staff(f"tab_{name}", lang))
        self.quit_button.setText(tr_staff("quit_kiosk", lang))
        self.doctor_button.setText(tr_staff("run_doctor", lang))
        self.enrol_label.setText(tr_staff("enrol_code", lang))
        self.enrol_button.setText(tr_staff("enrol", lang))
        self.rotate_button.setText(tr_staff("rotate", lang))
        self.usb_label.setText(tr_staff("usb_target", lang))
        self.export_button.setText(tr_staff("export", lang))
        self.setting_value_label.setText(tr_staff("setting_value", lang))
        self.save_button.setText(tr_staff("save", lang))
        self.update_label.setText(tr_staff("update_source", lang))
        self.update_button.setText(tr_staff("install_update", lang))
        self.restart_button.setText(tr_staff("restart_now", lang))
        self.keyboard.retranslate(lang)


_STAGE_KEYS = {f"stage_{s}" for s in ("check", "download", "verify", "extract", "verify_files", "switch",
                                      "self_test")}
