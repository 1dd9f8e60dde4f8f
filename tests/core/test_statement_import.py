"""A statement's members from a CSV file on a USB stick (kiosk/core/flows/statement_import.py),
headless: the Session's effects run on the kiosk's own reader (drivers/usb/statement_source.py)
over a real folder standing in for the stick."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from drivers.usb.statement_source import UsbStatementFiles
from kiosk.core.effects import Effect, ListStatementFiles, ReadStatementFile
from kiosk.core.session import Session
from kiosk.core.state import ImportPhase, Screen
from kiosk.ports.statement_files import StatementFilesError
from tests.support.member import choose_employer, sign_in_by_code
from tests.support.statement_file import HEAD, statement_rows, template_csv_bytes, with_wrong_vc

NO_MOUNTS = ""  # /proc/mounts with no stick mounted: only the configured folder counts


class Runner:
    """Runs the import effects as ui/effects.py does, synchronously."""

    def __init__(self, session: Session, files: UsbStatementFiles) -> None:
        self.session, self.files = session, files
        self.seen: list[Effect] = []
        session.on_effect(self)

    def __call__(self, effect: Effect) -> None:
        if isinstance(effect, ListStatementFiles | ReadStatementFile):
            self.seen.append(effect)
        try:
            if isinstance(effect, ListStatementFiles):
                self.session.import_files_listed(self.files.list_files())
            elif isinstance(effect, ReadStatementFile):
                self.session.import_file_read(effect.name, self.files.read(effect.name))
        except StatementFilesError as e:
            self.session.import_failed(e.code)


def on_members_step(stick: Path) -> tuple[Session, Runner]:
    s = Session()
    s.now = lambda: dt.datetime(2026, 11, 5, 10, 0)
    runner = Runner(s, UsbStatementFiles(stick, mounts_text=NO_MOUNTS))
    s.start()
    assert s.identify_typed("A123456(3)")
    s.choose("CONTRIBUTION_DATA")
    sign_in_by_code(s)
    choose_employer(s)
    for name, value in HEAD.items():
        s.set_field(name, value)
    s.goto_step("members")
    assert s.current_step() is not None and s.current_step().name == "members"  # type: ignore[union-attr]
    return s, runner


@pytest.fixture
def stick(tmp_path: Path) -> Path:
    folder = tmp_path / "stick"
    folder.mkdir()
    return folder


def test_the_only_file_replaces_the_members_then_next_flags_the_two_wrong_rows(stick: Path) -> None:
    s, runner = on_members_step(stick)
    good = statement_rows(s.state.employer, s.form_context())  # type: ignore[arg-type]
    (stick / "october.csv").write_bytes(template_csv_bytes(with_wrong_vc(good, (6, 16))))
    s.set_field("members", [{"member_account_no": "MB-9999", "relevant_income": "1"}])  # typed before
    s.import_requested()
    assert runner.seen == [ListStatementFiles(), ReadStatementFile("october.csv")]  # one file: not asked
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.DONE and view.imported == 30
    assert view.message is not None and "30" in view.message[0] and "30 members" in view.message[1]
    members = s.state.form_raw["members"]
    assert len(members) == 30 and members[0]["member_account_no"] == "MB-2010"
    assert all(isinstance(v, str) for row in members for v in row.values())  # as the rows editor holds them
    assert members[6]["employer_voluntary"] == "1.00"
    # Next checks every row against the employer's plans, as for typed rows.
    flagged: list[tuple[str, str]] = []
    for _ in range(10):
        errors = s.next_step()
        if errors:
            flagged = [(e.code, e.field) for e in errors]
            break
    assert flagged == [("VC_MISMATCH", "members[7].employer_voluntary"),
                       ("VC_MISMATCH", "members[17].employer_voluntary")]
    assert all(e.message_zh and e.message_en for e in s.state.errors)
    fixed = [dict(r) for r in members]
    for i in (6, 16):
        fixed[i]["employer_voluntary"] = good[i]["employer_voluntary"]
    s.set_field("members", fixed)
    assert s.submit_form() == [] and s.state.screen is Screen.REVIEW
    assert len(s.state.form_values["members"]) == 30


def test_several_files_are_listed_by_name_and_size_and_the_member_picks_one(stick: Path) -> None:
    s, runner = on_members_step(stick)
    good = statement_rows(s.state.employer, s.form_context())  # type: ignore[arg-type]
    (stick / "a-october.csv").write_bytes(template_csv_bytes(good[:3]))
    (stick / "payroll").mkdir()
    (stick / "payroll" / "november.csv").write_bytes(template_csv_bytes(good[:5]))
    (stick / "notes.txt").write_text("not a statement")
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.CHOOSING
    assert [f.name for f in view.files] == ["a-october.csv", "payroll/november.csv"]
    assert all(f.size > 0 for f in view.files)
    s.import_file_chosen("../etc/passwd")  # not in the listing: nothing read
    assert runner.seen == [ListStatementFiles()]
    s.import_file_chosen("payroll/november.csv")
    assert s.state.importing is not None and s.state.importing.phase is ImportPhase.DONE
    assert len(s.state.form_raw["members"]) == 5
    s.import_closed()
    assert s.state.importing is None and len(s.state.form_raw["members"]) == 5


def test_a_file_with_problems_imports_nothing_and_says_the_first_ten_and_how_many_more(stick: Path) -> None:
    s, _ = on_members_step(stick)
    good = statement_rows(s.state.employer, s.form_context())  # type: ignore[arg-type]
    bad = [dict(r) for r in good]
    for i in range(12):
        bad[i]["relevant_income"] = "lots"
    (stick / "bad.csv").write_bytes(template_csv_bytes(bad))
    typed = [{"member_account_no": "MB-2010", "relevant_income": "12000"}]
    s.set_field("members", typed)
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.FAILED
    assert s.state.form_raw["members"] == typed  # nothing partial
    assert view.message is not None and "12" in view.message[1] and "no member was imported" in view.message[1]
    assert len(view.problems) == 10 and view.more == 2
    assert view.problems[0][1].startswith("File line 2 (member 1)") and "檔案第 2 行" in view.problems[0][0]


def test_a_file_not_in_the_template_says_so(stick: Path) -> None:
    s, _ = on_members_step(stick)
    (stick / "export.csv").write_text("Staff,Salary\nChan,20000\n", encoding="utf-8")
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.FAILED and view.message is not None
    assert "not in the statement template" in view.message[1] and "範本" in view.message[0]
    assert any("Staff" in en for _, en in view.problems)
    assert "members" not in s.state.form_raw


def test_no_stick_no_files_and_a_file_too_large_each_say_what_to_do(tmp_path: Path, stick: Path) -> None:
    s, _ = on_members_step(tmp_path / "not-mounted")
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.FAILED and view.message is not None
    assert "No USB stick" in view.message[1] and "USB 手指" in view.message[0]

    s, _ = on_members_step(stick)
    (stick / "readme.txt").write_text("hello")
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.message is not None and "no CSV file" in view.message[1]

    (stick / "huge.csv").write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    s.import_requested()
    view = s.state.importing
    assert view is not None and view.phase is ImportPhase.FAILED and view.message is not None
    assert "too large" in view.message[1] and "huge.csv" in view.message[1]


def test_the_file_gone_before_it_is_read_and_import_elsewhere_are_handled(stick: Path) -> None:
    s, _ = on_members_step(stick)
    good = statement_rows(s.state.employer, s.form_context())  # type: ignore[arg-type]
    for name in ("a.csv", "b.csv"):
        (stick / name).write_bytes(template_csv_bytes(good[:2]))
    s.import_requested()
    (stick / "a.csv").unlink()  # the stick was pulled out
    s.import_file_chosen("a.csv")
    view = s.state.importing
    assert view is not None and view.message is not None and "could not be read" in view.message[1]
    s.import_file_read("a.csv", b"late answer")  # an answer for a read no longer waited for
    assert s.state.importing is view

    other = Session()
    seen: list[Effect] = []
    other.on_effect(seen.append)
    other.start()
    other.import_requested()  # not on a statement: nothing happens
    assert other.state.importing is None and seen == []
    s.wipe()
    assert s.state.importing is None
