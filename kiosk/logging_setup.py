"""Logging for the kiosk: a rotating file in the data folder, and stderr for the CLI.

Personal data never reaches a log: modules log references, keys, codes and counts only; the
scrubbing filter below is a second line of defence for HKID-shaped strings.
"""

from __future__ import annotations

import logging
import logging.handlers
import re
from pathlib import Path

_HKID = re.compile(r"\b[A-Z]{1,2}[0-9]{6}\(?[0-9A]\)?")


class ScrubPersonalData(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        msg = record.getMessage()
        if _HKID.search(msg):
            record.msg = _HKID.sub("[HKID]", msg)
            record.args = None
        return True


def configure(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(logging.handlers.RotatingFileHandler(log_dir / "kiosk.log", maxBytes=5_000_000,
                                                             backupCount=5, encoding="utf-8"))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(ScrubPersonalData())
        root.addHandler(h)
    for noisy in ("urllib3", "sqlite_utils"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
