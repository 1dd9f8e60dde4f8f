"""A contribution statement's members from a CSV file on a USB stick, on its members step.

"Import from a USB stick" -> the files are listed (effect ListStatementFiles) -> the member picks
one (the only one is taken at once) -> it is read (effect ReadStatementFile) and parsed
(kiosk/domain/statement_csv.py) -> every row replaces the members typed so far. Nothing partial: a
file with any problem imports nothing, and its first problems are shown, row-numbered, in both
languages, with a count of the rest. The rows are then the members step's own: Next checks each
against the employer's data as it does typed rows, and the member fixes the ones flagged.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from kiosk.core.effects import ListStatementFiles, ReadStatementFile, Transition, stay
from kiosk.core.state import ImportPhase, ImportView, Screen, SessionState
from kiosk.core.texts import IMPORT_MESSAGES

if TYPE_CHECKING:  # the parser (and the whole form model under it) loads with the first import
    from kiosk.ports.statement_files import StatementFile

STATEMENT = "CONTRIBUTION_DATA"
FIELD = "members"
SHOWN_PROBLEMS = 10  # the first problems are enough to fix the file; a count says how many more
# Problems with the file as a whole (its header, encoding): it is not in the template.
FILE_CODES = frozenset({"CSV_UNKNOWN_COLUMN", "CSV_DUPLICATE_COLUMN", "CSV_MISSING_COLUMN", "CSV_ENCODING",
                        "CSV_EMPTY"})


def _say(key: str, **values: Any) -> tuple[str, str]:
    zh, en = IMPORT_MESSAGES[key]
    return zh.format(**values), en.format(**values)


def available(state: SessionState) -> bool:
    """Import is offered on a contribution statement's form."""
    return state.screen is Screen.FORM and state.instruction_type == STATEMENT


def requested(state: SessionState) -> Transition:
    if not available(state) or (state.importing is not None and state.importing.phase in
                                (ImportPhase.LISTING, ImportPhase.READING)):
        return stay(state)
    return Transition(replace(state, importing=ImportView(), notice=None), (ListStatementFiles(),))


def _waiting(state: SessionState, phase: ImportPhase) -> ImportView | None:
    view = state.importing
    return view if available(state) and view is not None and view.phase is phase else None


def _failed(state: SessionState, view: ImportView, message: tuple[str, str],
            problems: tuple[tuple[str, str], ...] = (), more: int = 0) -> Transition:
    return Transition(replace(state, importing=replace(view, phase=ImportPhase.FAILED, message=message,
                                                       problems=problems, more=more)), activity=False)


def listed(state: SessionState, files: tuple[StatementFile, ...]) -> Transition:
    view = _waiting(state, ImportPhase.LISTING)
    if view is None:
        return stay(state)
    if not files:
        return _failed(state, view, _say("NO_FILES"))
    s = replace(state, importing=replace(view, phase=ImportPhase.CHOOSING, files=files))
    if len(files) == 1:  # one file: nothing to ask
        return chosen(s, files[0].name)
    return Transition(s, activity=False)


def chosen(state: SessionState, name: str) -> Transition:
    view = _waiting(state, ImportPhase.CHOOSING)
    picked = next((f for f in view.files if f.name == name), None) if view is not None else None
    if view is None or picked is None:
        return stay(state)
    view = replace(view, chosen=name)
    from kiosk.domain.statement_csv import MAX_BYTES

    if picked.size > MAX_BYTES:
        return _failed(state, view, _say("TOO_LARGE", name=name))
    return Transition(replace(state, importing=replace(view, phase=ImportPhase.READING)), (ReadStatementFile(name),))


def _as_typed(value: object) -> str:
    """A parsed cell as the rows editor holds what is typed: text."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def read(state: SessionState, name: str, data: bytes) -> Transition:
    view = _waiting(state, ImportPhase.READING)
    if view is None or view.chosen != name:
        return stay(state)
    from kiosk.domain.statement_csv import parse_statement_csv

    parsed = parse_statement_csv(data)
    if parsed.errors:
        codes = {e.code for e in parsed.errors}
        if codes & FILE_CODES and all(e.field == "file" for e in parsed.errors):
            head = _say("NOT_TEMPLATE", name=name)
        elif codes == {"CSV_TOO_LARGE"}:
            return _failed(state, view, _say("TOO_LARGE", name=name))
        else:
            head = _say("ROW_ERRORS", name=name, n=len(parsed.errors))
        problems = tuple((e.message_zh, e.message_en) for e in parsed.errors[:SHOWN_PROBLEMS])
        return _failed(state, view, head, problems, max(0, len(parsed.errors) - SHOWN_PROBLEMS))
    rows = [{k: _as_typed(v) for k, v in row.items() if v is not None and v != ""} for row in parsed.rows]
    s = replace(state, form_raw={**state.form_raw, FIELD: rows}, form_step=FIELD,
                errors=[e for e in state.errors if not (e.field or "").startswith(FIELD)],
                importing=replace(view, phase=ImportPhase.DONE, imported=len(rows),
                                  message=_say("DONE", name=name, n=len(rows))))
    return Transition(s)


def failed(state: SessionState, code: str) -> Transition:
    """The stick could not be listed or the file read: NO_STICK, TOO_LARGE, UNREADABLE, UNAVAILABLE."""
    view = state.importing
    if not available(state) or view is None or view.phase not in (ImportPhase.LISTING, ImportPhase.READING):
        return stay(state)
    key = code if code in IMPORT_MESSAGES else "UNREADABLE"
    return _failed(state, view, _say(key, name=view.chosen))


def closed(state: SessionState) -> Transition:
    """The member closed the panel (Cancel, or OK on its message)."""
    if state.importing is None:
        return stay(state)
    return Transition(replace(state, importing=None))
