"""Builds the kiosk's status reporter from its running services (called by kiosk/app.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from kiosk.fleet.metrics import write_textfile
from kiosk.fleet.report import KioskIdentity, ReportSources, build
from offline_cache.status_report import StatusReporter

if TYPE_CHECKING:
    from collections.abc import Callable

    from kiosk.config import KioskConfig
    from kiosk.ports.status import KioskStatus
    from kiosk.staff import StaffServices
    from offline_cache.outbox import SqliteOutbox
    from offline_cache.platform_client import HttpPlatformClient


def status_reporter(cfg: KioskConfig, staff: StaffServices, status: Callable[[], KioskStatus],
                    outbox: SqliteOutbox, client: HttpPlatformClient) -> StatusReporter:
    """The report from the doctor's checks, the queue, the alerts and the sync worker's view; sent
    through the kiosk's signed platform client; the metrics file refreshed at each build. Built by
    the composition root (kiosk/app.py open_parts) once the storage is open."""

    def identity() -> KioskIdentity:
        s = staff.settings
        return KioskIdentity(s.device_name or cfg.device_name, s.shop_id, s.update_channel)

    sources = ReportSources(identity=identity, doctor_inputs=staff.doctor_inputs,
                            sync=lambda: status().sync, alerts=outbox.alerts.open_alerts)
    metrics_dir = cfg.metrics_dir

    def built(report: dict[str, Any]) -> None:
        if metrics_dir is not None:
            write_textfile(metrics_dir, report)

    return StatusReporter(lambda: build(sources), client.report_status, interval_s=cfg.status_interval_s,
                          probe_interval_s=cfg.status_probe_s, on_built=built)
