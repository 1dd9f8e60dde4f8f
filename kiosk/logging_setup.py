"""Logging for the kiosk: a rotating file in the data folder, and stderr for the CLI.

Personal data never reaches a log: modules log references, keys, codes and counts only; the
scrubbing filter below is a second line of defence for HKID-shaped strings.
"""

from __future__ import annotations

import logging
import os
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


class SizeRotatingFile(logging.FileHandler):
    """kiosk.log, rolled to kiosk.log.1 … kiosk.log.N when it would pass `max_bytes`: what
    logging.handlers.RotatingFileHandler does, without importing logging.handlers (it brings socket,
    pickle and queue, ~7 ms, onto `kiosk run`'s way to the first paint). Called under the handler's
    lock (logging.Handler.handle)."""

    def __init__(self, path: Path, max_bytes: int, backups: int) -> None:
        super().__init__(path, encoding="utf-8")
        self.max_bytes = max_bytes
        self.backups = backups

    def emit(self, record: logging.LogRecord) -> None:
        try:
            if self.stream is not None and \
                    self.stream.tell() + len(self.format(record).encode("utf-8")) + 1 > self.max_bytes:
                self.roll_over()
        except Exception:  # logging must never take the kiosk down
            self.handleError(record)
            return
        super().emit(record)

    def roll_over(self) -> None:
        if self.stream is not None:
            self.stream.close()
            self.stream = None
        for i in range(self.backups - 1, 0, -1):
            older = f"{self.baseFilename}.{i}"
            if os.path.exists(older):
                os.replace(older, f"{self.baseFilename}.{i + 1}")
        if self.backups > 0 and os.path.exists(self.baseFilename):
            os.replace(self.baseFilename, f"{self.baseFilename}.1")
        self.stream = self._open()


def configure(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handlers: list[logging.Handler] = [logging.StreamHandler()]
    handlers[0].setLevel(logging.DEBUG if verbose else logging.WARNING)
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        handlers.append(SizeRotatingFile(log_dir / "kiosk.log", max_bytes=5_000_000, backups=5))
    for h in handlers:
        h.setFormatter(fmt)
        h.addFilter(ScrubPersonalData())
        root.addHandler(h)
    for noisy in ("urllib3", "sqlite_utils"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
