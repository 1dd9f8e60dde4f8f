"""Automatic updates for a kiosk installed in slots: check the update server now and then, download
and verify in the background, switch only while nobody uses the kiosk, and ask for a restart when
the attract screen is showing again. A member's session is never interrupted.

The running kiosk keeps running the old slot's files after the switch (the switch only changes what
`current` points at; nothing is written into the running slot), so the new version starts at the
next restart, which the UI makes on the attract screen.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.update.installer import Outcome, Prepared, SlotInstaller
from kiosk.update.manifest import UpdateRefused
from kiosk.update.sources import UpdateSource

log = logging.getLogger(__name__)

# Answers that mean "nothing to install now": the running version is the newest, or the kiosk's
# channel has no release yet. Neither is reported.
NOTHING_NEW = frozenset({"NOT_NEWER", "NO_RELEASE"})


@dataclass(frozen=True)
class AgentStatus:
    state: str  # idle | prepared | installed | refused | rolled_back | error
    version: str = ""
    detail: str = ""


class UpdateAgent:
    def __init__(self, installer: SlotInstaller, source: Callable[[], UpdateSource | None], *,
                 member_idle: Callable[[], bool], interval_s: float = 3600.0,
                 on_outcome: Callable[[Outcome | UpdateRefused], None] | None = None) -> None:
        """`source`: where to look now (None: no update server configured); `member_idle`: True on the
        attract screen; `on_outcome`: told of every installation or refusal (the audit log)."""
        self.installer = installer
        self._source = source
        self._member_idle = member_idle
        self.interval_s = interval_s
        self._on_outcome = on_outcome
        self._prepared: Prepared | None = None
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()
        self.status = AgentStatus("idle")

    @property
    def restart_pending(self) -> bool:
        return self.status.state == "installed"

    def start(self) -> None:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="update-agent", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def wake(self) -> None:
        """Check now (e.g. the kiosk just went back to attract with an update prepared)."""
        self._wake.set()

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                self.step()
            except Exception:  # the agent must outlive a bug; the kiosk keeps its current version
                log.exception("update agent step failed")
                self.status = AgentStatus("error", detail="internal error")
            # While prepared, look again soon: the switch waits only for the attract screen.
            self._wake.wait(5.0 if self._prepared is not None else self.interval_s)
            self._wake.clear()

    def step(self) -> AgentStatus:
        """One round (the thread calls it; tests call it directly): check and prepare when nothing is
        prepared, switch when prepared and nobody uses the kiosk."""
        with self._lock:
            if self.restart_pending:
                return self.status
            if self._prepared is None:
                try:
                    source = self._source()
                    if source is None:
                        return self.status
                    m = self.installer.check(source)
                except UpdateRefused as refused:
                    nothing_new = refused.code in NOTHING_NEW
                    if not nothing_new:  # "nothing new" is the usual answer, not news
                        self._report(refused)
                    self.status = AgentStatus("idle" if nothing_new else "refused", detail=refused.code)
                    return self.status
                try:
                    self._prepared = self.installer.prepare(source, m)
                except UpdateRefused as refused:
                    self._report(refused)
                    self.status = AgentStatus("refused", m.version, refused.code)
                    return self.status
                self.status = AgentStatus("prepared", m.version)
            prepared = self._prepared
            outcome = self.installer.activate(prepared, may_switch=self._member_idle)
            if outcome.status == "deferred":
                return self.status
            self._prepared = None
            self._report(outcome)
            self.status = AgentStatus(outcome.status, outcome.version, outcome.detail)
            return self.status

    def _report(self, what: Outcome | UpdateRefused) -> None:
        if self._on_outcome is not None:
            try:
                self._on_outcome(what)
            except Exception:
                log.exception("update outcome could not be recorded")
