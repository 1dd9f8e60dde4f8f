"""Staff-assist and technician screens (a panel over the kiosk window), opened by a long press on
the status strip. `attach_staff_mode(window)` wires them into the main window."""

from ui.staff.entry import attach_staff_mode

__all__ = ["attach_staff_mode"]
