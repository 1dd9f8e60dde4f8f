"""The QR sources the kiosk reads from (drivers/qr), as the composition root builds them."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.qr.settings import QrSettings

if TYPE_CHECKING:
    from drivers.qr.hub import QrHub
    from drivers.qr.pipeline import DecodePipeline
    from drivers.qr.wedge import WedgeSource


class QrDevices:
    """The QR sources (drivers/qr): the camera's decoding pipeline (the UI's camera adapter feeds it
    frames), the keyboard-wedge recogniser (the UI's key filter feeds it keys), serial scanners; all
    merged by one hub that drops the same code read twice within a second."""

    def __init__(self, settings: QrSettings) -> None:
        from drivers.qr.hub import QrHub
        from drivers.qr.pipeline import DecodePipeline
        from drivers.qr.serial_scanner import SerialScanner
        from drivers.qr.wedge import WedgeSource

        self.settings = settings
        self.camera: DecodePipeline = DecodePipeline()
        self.wedge: WedgeSource[Any] | None = WedgeSource() if settings.wedge else None
        serial = [SerialScanner(p.port, p.baudrate) for p in settings.serial]
        self.hub: QrHub = QrHub([self.camera, *([self.wedge] if self.wedge else []), *serial])

    def serial_ports(self) -> list[str]:
        """The serial scanners' ports (the doctor probes them)."""
        return [p.port for p in self.settings.serial]
