"""A contribution statement's members from a CSV file on a USB stick: the panel on its members
step, and the running of the import's effects on the worker.

The panel sits at the top of the members editor: "Import members from a USB stick"; while the
stick is looked at or the file read, a line says so; several files are offered as big buttons
(name and size); the outcome (members imported, or why nothing was) stays until closed. What
happens is the Session's (kiosk/core/flows/statement_import.py): the panel only draws its
`importing` view and reports presses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial

from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.core.effects import ListStatementFiles, ReadStatementFile
from kiosk.core.session import Session
from kiosk.core.state import ImportPhase, SessionState
from kiosk.core.texts import IMPORT_MESSAGES
from kiosk.domain.fields import Kind
from kiosk.ports.statement_files import StatementFile, StatementFilesError
from ui import theme
from ui.field_editor import FieldEditor, _wrap_to
from ui.strings import pick, tr
from ui.widgets import MessageBox, button, clear_layout, label
from ui.worker_host import WorkerHost

log = logging.getLogger(__name__)
STATEMENT = "CONTRIBUTION_DATA"


class StatementImport(QFrame):
    def __init__(self, session: Session, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setObjectName("importPanel")
        box = QVBoxLayout(self)
        box.setContentsMargins(0, 0, 0, 0)
        box.setSpacing(theme.SPACING // 2)
        self.import_button = button("", "big")
        _fit(self.import_button)
        self.import_button.setAccessibleName("import from a USB stick")
        self.import_button.clicked.connect(session.import_requested)
        self.hint = label(name="help")
        self.status = label(name="fieldLabel")
        self.outcome = MessageBox("notice")
        self.problem = MessageBox("error")
        self.files = QVBoxLayout()
        self.files.setSpacing(theme.SPACING // 2)
        self.file_buttons: dict[str, QPushButton] = {}
        self.close_button = button("", "")
        self.close_button.clicked.connect(session.import_closed)
        row = QHBoxLayout()
        row.addWidget(self.close_button)
        row.addStretch(1)
        for w in (self.import_button, self.hint, self.status, self.outcome, self.problem):
            box.addWidget(w)
        box.addLayout(self.files)
        box.addLayout(row)
        self._shown_files: tuple[StatementFile, ...] = ()

    def present(self, state: SessionState) -> None:
        lang, view = state.lang, state.importing
        phase = view.phase if view is not None else None
        busy = phase in (ImportPhase.LISTING, ImportPhase.READING)
        self.import_button.setText(tr("import_again" if phase is ImportPhase.FAILED else "import_usb", lang))
        self.import_button.setEnabled(not busy)
        self.hint.setText(tr("import_usb_hint", lang))
        self.hint.setVisible(phase is None)
        status = ""
        if phase is ImportPhase.LISTING:
            status = tr("import_listing", lang)
        elif phase is ImportPhase.READING and view is not None:
            status = tr("import_reading", lang, name=view.chosen)
        elif phase is ImportPhase.CHOOSING:
            status = tr("import_choose", lang)
        self.status.setText(status)
        self.status.setVisible(bool(status))
        message = pick(view.message, lang) if view is not None and view.message is not None else None
        if view is not None and phase is ImportPhase.FAILED and message is not None:
            lines = [message, *("• " + pick(p, lang) for p in view.problems)]
            if view.more:
                more = IMPORT_MESSAGES["MORE"]
                lines.append(pick((more[0].format(n=view.more), more[1].format(n=view.more)), lang))
            self.problem.set_message("\n".join(lines))
        else:
            self.problem.set_message(None)
        self.outcome.set_message(message if phase is ImportPhase.DONE else None)
        self._show_files(view.files if view is not None and phase is ImportPhase.CHOOSING else (), lang)
        self.close_button.setText(tr("import_cancel" if phase is ImportPhase.CHOOSING else "import_close", lang))
        self.close_button.setVisible(phase in (ImportPhase.CHOOSING, ImportPhase.DONE, ImportPhase.FAILED))
        self._wrap(self.width())

    def _wrap(self, width: int) -> None:
        """Long texts (a file's name, large text, a narrow portrait column) go on more lines: a
        button cannot wrap by itself, and a cut name cannot be read."""
        if width > 0:
            for b in (self.import_button, *self.file_buttons.values()):
                _wrap_to(b, width)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._wrap(event.size().width())
        super().resizeEvent(event)

    def _show_files(self, files: tuple[StatementFile, ...], lang: str) -> None:
        if files != self._shown_files:
            clear_layout(self.files)
            self.file_buttons = {}
            for f in files:
                b = button("", "choice")
                _fit(b)
                b.setAccessibleName(f"statement file {f.name}")
                b.clicked.connect(partial(self.session.import_file_chosen, f.name))
                self.files.addWidget(b)
                self.file_buttons[f.name] = b
            self._shown_files = files
        for f in files:
            self.file_buttons[f.name].setText(tr("import_file", lang, name=f.name, kb=max(1, (f.size + 1023) // 1024)))


def _fit(b: QPushButton) -> None:
    """As wide as the panel, never wider: the text wraps instead (StatementImport._wrap)."""
    b.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
    b.setMinimumWidth(0)


def attach(editor: FieldEditor, session: Session) -> None:
    """The panel at the top of a statement's members editor (ui/screens/form.py calls it for each
    editor it builds; it is destroyed with the editor)."""
    if editor.spec.kind is Kind.ROWS and session.state.instruction_type == STATEMENT:
        editor.body.insertWidget(0, StatementImport(session, editor))


def present(editors: Iterable[FieldEditor], state: SessionState) -> None:
    for editor in editors:
        panel = editor.findChild(StatementImport)
        if panel is not None:
            panel.present(state)


# ------------------------------------------------------------ on the worker (ui/effects.py)
def run_effect(host: WorkerHost, effect: ListStatementFiles | ReadStatementFile) -> None:
    """List the stick's files or read one off the GUI thread; answer the session unless the member
    has gone (the window's generation moved on)."""
    source, generation = host.services.statement_files, host.generation
    session = host.session

    def call() -> object:
        if source is None:
            raise StatementFilesError("UNAVAILABLE")
        if isinstance(effect, ListStatementFiles):
            return source.list_files()
        return source.read(effect.name)

    def answered(result: object) -> None:
        if generation != host.generation:
            return
        if isinstance(effect, ListStatementFiles) and isinstance(result, tuple):
            session.import_files_listed(result)
        elif isinstance(effect, ReadStatementFile) and isinstance(result, bytes):
            session.import_file_read(effect.name, result)
        else:
            session.import_failed("UNREADABLE")

    def failed(error: BaseException) -> None:
        if generation != host.generation:
            return
        code = error.code if isinstance(error, StatementFilesError) else "UNREADABLE"
        log.info("statement file %s: %s", type(effect).__name__, code)  # never the file's name or bytes
        session.import_failed(code)

    host.worker.submit(call, answered, failed)
