"""Screenshots of a statement's members imported from a USB stick (`--walks import`).

The kiosk's own USB reader (drivers/usb/statement_source.py) over a folder standing in for the
stick: two files to choose from, a file with problems, and a 30-row file for the simulator's
employer EMP-0001 (fictional). The statement is opened and filled as a member does up to its
members step; the import panel is pressed through its real buttons.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from devtools.fakes import FakeClock, FakeServices
from devtools.form_driver import fill_step, open_form
from devtools.shots import Camera, start_member, wait_for
from drivers.usb.statement_source import UsbStatementFiles
from kiosk.config import KioskConfig
from kiosk.core.state import ImportPhase, Screen
from kiosk.domain import FormContext
from kiosk.domain.examples import example
from kiosk.domain.forms.contribution import ROW_FIELDS
from kiosk.domain.statement_csv import TEMPLATE_HEADER
from ui.main_window import MainWindow
from ui.statement_import import StatementImport

SCREENS = ("import-members", "import-choose", "import-errors", "import-done")
NAMES = ("CHAN SIU MING", "WONG MEI LING", "LEE KA WAI", "CHEUNG HO YIN", "LAU WING SZE")  # fictional


def _csv(rows: list[dict[str, str]]) -> bytes:
    lines = [",".join(TEMPLATE_HEADER)]
    lines.extend(",".join(r.get(s.name, "") for s in ROW_FIELDS) for r in rows)
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def _rows(n: int, bad: int = 0) -> list[dict[str, str]]:
    out = []
    for i in range(n):
        income = 12000 + 500 * i
        out.append({"member_account_no": f"MB-{2010 + i}", "name": NAMES[i % len(NAMES)],
                    "relevant_income": "about 20k" if i < bad else f"{income}.00",
                    "employer_mandatory": f"{income * 0.05:.2f}", "employee_mandatory": f"{income * 0.05:.2f}"})
    return out


def services(tmp: Path) -> FakeServices:
    tmp.mkdir(parents=True, exist_ok=True)
    stick = Path(tempfile.mkdtemp(prefix="empf-stick-", dir=tmp))
    (stick / "october-2026.csv").write_bytes(_csv(_rows(30)))
    (stick / "payroll-with-errors.csv").write_bytes(_csv(_rows(30, bad=13)))
    return FakeServices(config=KioskConfig(idle_timeout_s=600, statement_dir=stick), online=False,
                        statement_files=UsbStatementFiles(stick, mounts_text=""))


def walk(window: MainWindow, clock: FakeClock, shot: Camera, lang: str, mode: tuple[bool, bool]) -> None:
    if not any(shot.wanted(n) for n in SCREENS):
        return
    s, form = window.session, window.form
    start_member(window, lang, mode)
    window.identify.keypad.press("A123456(3)")
    window.identify.continue_button.click()
    open_form(window, "CONTRIBUTION_DATA")
    values = example("CONTRIBUTION_DATA", FormContext().now.date())
    for _ in range(10):
        step = s.current_step()
        assert step is not None
        if step.name == "members":
            break
        fill_step(form, values)
        form.next_button.click()
        assert s.state.screen is Screen.FORM and not s.state.errors, s.state.errors
    panel = form.editors["members"].findChild(StatementImport)
    assert panel is not None
    shot("import-members")
    panel.import_button.click()
    wait_for(lambda: s.state.importing is not None and s.state.importing.phase is ImportPhase.CHOOSING)
    shot("import-choose")
    panel.file_buttons["payroll-with-errors.csv"].click()
    wait_for(lambda: s.state.importing is not None and s.state.importing.phase is ImportPhase.FAILED)
    shot("import-errors")
    panel.import_button.click()
    wait_for(lambda: s.state.importing is not None and s.state.importing.phase is ImportPhase.CHOOSING)
    panel.file_buttons["october-2026.csv"].click()
    wait_for(lambda: s.state.importing is not None and s.state.importing.phase is ImportPhase.DONE)
    shot("import-done")
