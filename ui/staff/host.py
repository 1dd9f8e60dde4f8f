"""What staff mode uses of the kiosk's main window. ui/main_window.py's MainWindow is the one
host; staff mode types against this instead of importing it, so the window can attach staff mode
(ui/staff/entry.py) without the two importing each other."""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from PySide6.QtWidgets import QStackedWidget, QWidget

    from kiosk.core.session import Session
    from kiosk.core.state import Screen
    from ui.bridge import CardBridge
    from ui.screens.base import ScreenBase
    from ui.services import KioskServicesLike
    from ui.widgets import Header


class StaffHost(Protocol):
    @property
    def services(self) -> KioskServicesLike: ...
    @property
    def session(self) -> Session: ...
    @property
    def bridge(self) -> CardBridge:
        """Card inserted/removed, on the GUI thread."""
        ...
    @property
    def header(self) -> Header: ...
    @property
    def stack(self) -> QStackedWidget: ...
    @property
    def status_strip(self) -> QWidget:
        """The long press on it opens staff sign-in."""
        ...
    @property
    def screens(self) -> dict[Screen, ScreenBase]:
        """The pages built so far; staff mode adds its HKID-card check page."""
        ...

    def centralWidget(self) -> QWidget | None: ...

    def present(self) -> None:
        """Draw the current screen again (after a staff action changed the session)."""
        ...
