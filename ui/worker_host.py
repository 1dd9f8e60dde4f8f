"""What a runner of the session's effects needs of the window (ui/main_window.py has it): the session
to answer, the services to call, the worker that calls them off the GUI thread, and the generation,
which moves on when a member leaves, so an answer for a member who has gone is told apart and dropped.
"""

from __future__ import annotations

from typing import Protocol

from kiosk.core.session import Session
from ui.bridge import Worker
from ui.services import KioskServicesLike


class WorkerHost(Protocol):
    session: Session
    services: KioskServicesLike
    worker: Worker

    @property
    def generation(self) -> int: ...
