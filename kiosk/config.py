"""Kiosk configuration: defaults, then environment, then command-line flags."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

DEFAULT_PLATFORM_URL = "http://127.0.0.1:8765"
ENV_PLATFORM_URL = "EMPF_KIOSK_PLATFORM_URL"
ENV_DATA_DIR = "EMPF_KIOSK_DATA_DIR"
ENV_METRICS_DIR = "EMPF_KIOSK_METRICS_DIR"
ENV_PRINTER = "EMPF_KIOSK_PRINTER"
ENV_STATEMENT_DIR = "EMPF_KIOSK_STATEMENT_DIR"


def default_data_dir() -> Path:
    base = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(base) / "empf-kiosk"


@dataclass(frozen=True)
class KioskConfig:
    data_dir: Path = field(default_factory=default_data_dir)
    platform_url: str = DEFAULT_PLATFORM_URL
    device_name: str = "kiosk"
    idle_timeout_s: float = 120.0
    idle_warning_s: float = 30.0
    receipt_timeout_s: float = 60.0
    batch_size: int = 50
    sync_interval_s: float = 5.0
    http_timeout_s: float = 10.0
    backoff_base_s: float = 1.0
    backoff_cap_s: float = 300.0
    health_interval_s: float = 30.0  # idle probe of the platform (the online indicator, clock skew)
    # The outbox (docs/offline-queue.md): capacity, disk floor, retention of personal data.
    max_pending: int = 10_000
    min_free_mb: int = 50
    retention_days: float = 7.0
    purge_interval_s: float = 3600.0
    skew_alert_s: float = 60.0
    # The fleet status report (docs/fleet.md): sent every status_interval_s, and at once when a
    # check, alert, the circuit or the update state changes (looked at every status_probe_s).
    status_interval_s: float = 300.0
    status_probe_s: float = 60.0
    # node-exporter's textfile folder for the Prometheus metrics; None: no metrics file.
    metrics_dir: Path | None = None
    default_lang: str = "zh_HK"
    # The receipt printer (kiosk/printing.py): none | virtual | serial:/dev/ttyX[@BAUD] | usb:VID:PID;
    # with receipt_auto_print the receipt is printed as the receipt screen opens.
    printer: str = "none"
    receipt_auto_print: bool = False
    # A folder searched for statement files besides the USB sticks mounted under /media and
    # /run/media (a kiosk image that mounts sticks elsewhere): docs/contribution-statement.md.
    statement_dir: Path | None = None

    @property
    def db_path(self) -> Path:
        return self.data_dir / "outbox.sqlite"

    @property
    def keystore_dir(self) -> Path:
        return self.data_dir / "keys"

    @property
    def csca_dir(self) -> Path:
        """Country signing CA certificates for passive authentication of ePassports (docs/cards.md)."""
        return self.data_dir / "csca"

    @property
    def staff_ca_dir(self) -> Path:
        """The operator's staff CA: staff-card sign-in is offered when it holds a certificate."""
        return self.keystore_dir / "staff-ca"

    def with_overrides(self, **changes: Any) -> KioskConfig:
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


def load(platform_url: str | None = None, data_dir: str | Path | None = None, **overrides: Any) -> KioskConfig:
    """Flags win over the environment, which wins over the defaults."""
    url = platform_url or os.environ.get(ENV_PLATFORM_URL) or DEFAULT_PLATFORM_URL
    ddir = data_dir or os.environ.get(ENV_DATA_DIR)
    cfg = KioskConfig(platform_url=url.rstrip("/"))
    metrics = os.environ.get(ENV_METRICS_DIR)
    if metrics:
        cfg = replace(cfg, metrics_dir=Path(metrics).expanduser())
    if ddir:
        cfg = replace(cfg, data_dir=Path(ddir).expanduser().resolve())
    printer = os.environ.get(ENV_PRINTER)
    if printer:
        cfg = replace(cfg, printer=printer.strip())
    statement_dir = os.environ.get(ENV_STATEMENT_DIR)
    if statement_dir:
        cfg = replace(cfg, statement_dir=Path(statement_dir).expanduser())
    return cfg.with_overrides(**overrides)
