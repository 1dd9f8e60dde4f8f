"""An employer's statement with its members from a USB stick, end to end on real parts: the real
window (offscreen), the kiosk's USB reader over a folder standing in for the stick (the configured
statement folder), the real outbox and sync, the platform simulator over loopback HTTP.

The authorised person of EMP-0001 signs in with a code from the simulated phone, the employer's
data comes from the simulator, the statement's members are imported from a 30-row file in the
template with two rows whose employer voluntary contribution is not what the plan gives; the
kiosk flags those two, they are fixed in the rows editor, the statement is confirmed and the
simulator holds it once."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devtools.form_driver import _retype, fill_step, walk_form
from kiosk.core.state import ImportPhase, Screen
from kiosk.domain import FormContext
from kiosk.no_card_reader import NoCardReader
from kiosk.services import KioskServices
from tests.support.kiosk import FAST_SYNC, enrolled_services, kiosk_window
from tests.support.member import employer_data
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_HKID, sign_in_on_kiosk
from tests.support.statement_file import HEAD, statement_rows, template_csv_bytes, with_wrong_vc
from tests.support.ui import type_hkid_and_continue
from ui.main_window import MainWindow
from ui.rows_editor import RowsEditor
from ui.statement_import import StatementImport

WRONG = (6, 16)  # members 7 and 17


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


@pytest.fixture
def good_rows(stick: Path) -> list[dict[str, str]]:
    rows = statement_rows(employer_data("EMP-0001"), FormContext.on("2026-11-05", employer=employer_data("EMP-0001")))
    (stick / "october-2026.csv").write_bytes(template_csv_bytes(with_wrong_vc(rows, WRONG)))
    return rows


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess, stick: Path) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, NoCardReader(), statement_dir=stick, **FAST_SYNC)
    svc.start()
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def test_import_thirty_members_fix_the_two_flagged_confirm_delivered_once(
        window: MainWindow, qtbot: QtBot, services: KioskServices, platform_sim: SimProcess,
        good_rows: list[dict[str, str]]) -> None:
    session, form = window.session, window.form
    window.attract.start_button.click()
    type_hkid_and_continue(window, DEMO_HKID)
    window.menu.employer_button.click()
    window.menu.buttons["CONTRIBUTION_DATA"].click()
    sign_in_on_kiosk(window, qtbot, platform_sim)
    def employer_step_settled() -> bool:
        view = session.state.choosing_employer
        return session.state.screen is Screen.FORM or (view is not None and not view.loading)

    qtbot.waitUntil(employer_step_settled, timeout=10_000)
    if session.state.screen is Screen.EMPLOYER:  # acts for several employers: the member picks
        window.page(Screen.EMPLOYER).buttons["EMP-0001"].click()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: session.state.screen is Screen.FORM and session.state.employer is not None,
                    timeout=10_000)

    for _ in range(10):  # the statement's first steps, filled in on screen
        step = session.current_step()
        assert step is not None
        if step.name == "members":
            break
        fill_step(form, HEAD)
        form.next_button.click()
        assert not session.state.errors, session.state.errors
    panel = form.editors["members"].findChild(StatementImport)
    assert panel is not None and panel.import_button.isVisible()
    panel.import_button.click()
    qtbot.waitUntil(lambda: session.state.importing is not None
                    and session.state.importing.phase is ImportPhase.DONE, timeout=10_000)
    editor = form.editors["members"]
    assert isinstance(editor, RowsEditor) and len(editor.rows) == 30
    assert editor.position.text() in ("成員 1 / 30", "Member 1 of 30")
    assert panel.outcome.isVisible() and "30" in panel.outcome.text.text()

    # Next, step by step: the kiosk checks every member against the employer's plans.
    for _ in range(10):
        form.next_button.click()
        if session.state.errors or session.state.screen is not Screen.FORM:
            break
        fill_step(form, HEAD)
    assert sorted((e.code, e.field) for e in session.state.errors) == [
        ("VC_MISMATCH", "members[17].employer_voluntary"), ("VC_MISMATCH", "members[7].employer_voluntary")]
    while session.current_step() is not None and session.current_step().name != "members":  # type: ignore[union-attr]
        form.back_button.click()
    editor = form.editors["members"]
    assert isinstance(editor, RowsEditor)
    for i in WRONG:  # to the flagged member, and the right amount typed on the pad
        while editor.index < i:
            editor.next_button.click()
        _retype(form, editor.sub_edits["employer_voluntary"], good_rows[i]["employer_voluntary"])
    assert walk_form(form, HEAD), session.state.errors
    assert session.state.screen is Screen.REVIEW
    window.review.read_through()  # Confirm waits until the whole review has been on screen
    window.review.confirm_button.click()
    qtbot.waitUntil(lambda: session.state.screen is Screen.RECEIPT, timeout=10_000)
    receipt = session.state.receipt
    assert receipt is not None
    ref = receipt.kiosk_ref
    qtbot.waitUntil(lambda: (services.outbox.get(ref) or {}).get("state") in ("accepted", "rejected"),
                    timeout=15_000)
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "accepted", row
    services.engine.drain()  # nothing left to send: no second copy
    held = [h for h in platform_sim.admin_instructions() if h["type"] == "CONTRIBUTION_DATA"]
    assert len(held) == 1 and held[0]["kiosk_ref"] == ref
    members = held[0]["payload"]["values"]["members"]
    assert len(members) == 30
    assert [str(members[i]["employer_voluntary"]) for i in WRONG] == [good_rows[i]["employer_voluntary"]
                                                                      for i in WRONG]
