"""Logging for the kiosk: a rotating file in the data folder, and stderr for the CLI or the journal.

Under systemd (stderr connected to the journal, as $JOURNAL_STREAM tells) every line on stderr
starts with its syslog priority, `<4>` for a warning, which journald reads as the entry's priority
(`journalctl -u empf-kiosk -p warning`), and information is logged there too; journald adds the
time. The rotating file stays: it is what a technician exports to a USB stick (`logs export`).

Personal data never reaches a log: modules log references, keys, codes and counts only; the
scrubbing filter below is a second line of defence for HKID-shaped strings, on every handler.
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


# syslog(3) priorities, as journald reads them from a `<N>` line prefix (sd-daemon(3)).
SYSLOG_PRIORITY = {logging.CRITICAL: 2, logging.ERROR: 3, logging.WARNING: 4, logging.INFO: 6, logging.DEBUG: 7}


def syslog_priority(levelno: int) -> int:
    """The syslog priority for a logging level (levels between the named ones round down to the next)."""
    for level, priority in sorted(SYSLOG_PRIORITY.items(), reverse=True):
        if levelno >= level:
            return priority
    return 7


class JournalPriorityFormatter(logging.Formatter):
    """`<N>` before every line of a record (a traceback's lines too: journald makes each line an entry)."""

    def format(self, record: logging.LogRecord) -> str:
        prefix = f"<{syslog_priority(record.levelno)}>"
        return "\n".join(prefix + line for line in super().format(record).splitlines() or [""])


def stderr_is_journal(environ: dict[str, str] | None = None) -> bool:
    """True when stderr is the journal's stream: $JOURNAL_STREAM names its device and inode
    (systemd.exec(5)); a stderr redirected elsewhere by the program or a shell is not."""
    value = (os.environ if environ is None else environ).get("JOURNAL_STREAM", "")
    dev, _, ino = value.partition(":")
    try:
        st = os.fstat(2)
        return bool(value) and (int(dev), int(ino)) == (st.st_dev, st.st_ino)
    except (ValueError, OSError):
        return False


def configure(log_dir: Path | None, verbose: bool = False) -> None:
    root = logging.getLogger()
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    fmt = logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    stderr = logging.StreamHandler()
    if stderr_is_journal():
        stderr.setFormatter(JournalPriorityFormatter("%(name)s: %(message)s"))
        stderr.setLevel(logging.DEBUG if verbose else logging.INFO)
    else:
        stderr.setFormatter(fmt)
        stderr.setLevel(logging.DEBUG if verbose else logging.WARNING)
    handlers: list[logging.Handler] = [stderr]
    if log_dir is not None:
        log_dir.mkdir(parents=True, exist_ok=True)
        rotating = SizeRotatingFile(log_dir / "kiosk.log", max_bytes=5_000_000, backups=5)
        rotating.setFormatter(fmt)
        handlers.append(rotating)
    for h in handlers:
        h.addFilter(ScrubPersonalData())
        root.addHandler(h)
    for noisy in ("urllib3", "sqlite_utils"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
