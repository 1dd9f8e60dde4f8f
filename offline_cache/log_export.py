"""Log export for technicians: the kiosk's logs, scrubbed of personal data, copied to a USB folder.

The kiosk never logs personal data on purpose (logging_setup scrubs HKID shapes as it writes); this
is the second and third line of defence before anything leaves the machine:
1. known values: every personal value the kiosk still holds (the outbox's unpurged payloads) is
   removed wherever it appears, in any case and spacing;
2. shapes: HKID numbers, e-mail addresses, Hong Kong phone numbers, bank-account-like digit groups,
   long digit runs, runs of capitalised words (English names), Chinese text, and long base64
   strings (secrets) are replaced by a tag naming what was there.
References that staff and the platform use to correlate (kiosk references, idempotency keys, ISO
timestamps) are protected from the shape rules, so the export stays useful.

The export is written into a new folder on the target and renamed into place when complete, with a
manifest of file hashes and what was scrubbed, so a half-written USB stick is recognisable.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
import shutil
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Protected first (put back untouched after scrubbing).
_PROTECT = re.compile(
    r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"  # idempotency keys, event ids
    r"|\bEK-\d{6}-[0-9A-Z]{6}\b"  # kiosk references
    r"|\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}:\d{2}(?:[.,]\d+)?(?:Z|[+-]\d{2}:?\d{2})?"  # log timestamps
    r"|\bdev-[0-9a-f]{16}\b"  # device ids
)
_SHAPES: list[tuple[str, re.Pattern[str]]] = [
    ("EMAIL", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    ("SECRET", re.compile(r"(?<![\w+/])[A-Za-z0-9+/]{40,}={0,2}")),
    ("HKID", re.compile(r"(?<![A-Za-z0-9])[A-Za-z]{1,2}\s?\d{6}\s?(?:\(\s?[0-9Aa]\s?\)|[0-9Aa])(?![A-Za-z0-9])")),
    ("PHONE", re.compile(r"(?<![\w-])(?:\+?852[\s-]?)?[2-9]\d{3}[\s-]?\d{4}(?![\w-])")),
    ("ACCOUNT", re.compile(r"(?<![\w-])\d{3}[\s-]\d{3,6}[\s-]\d{3,12}(?![\w-])")),
    ("NUMBER", re.compile(r"(?<![\w-])\d{9,}(?![\w-])")),
    ("CJK", re.compile(r"[\u3400-\u9fff\uf900-\ufaff]{2,}")),
]
# English names: two to five capitalised words in a row, none of them a word logs use on their own.
_CAPS_RUN = re.compile(r"\b[A-Z][A-Z'-]+(?:[ ,]+[A-Z][A-Z'-]+){1,4}\b")
LOG_WORDS = frozenset({
    "DEBUG", "INFO", "WARNING", "WARN", "ERROR", "CRITICAL", "FAIL", "PASS", "OK", "HTTP", "HTTPS", "GET",
    "POST", "PUT", "DELETE", "HEAD", "API", "URL", "JSON", "SQL", "SQLITE", "WAL", "FULL", "NORMAL", "PC", "SC",
    "PCSC", "ATR", "APDU", "QR", "HKID", "UTC", "TCP", "UDP", "USB", "TLS", "SSL", "GCM", "AES", "SHA", "HMAC",
    "EMRTD", "MRZ", "BAC", "PACE", "CA", "TA", "EF", "DF", "SW", "NFC", "ID", "OTP", "PIN", "CLI", "UI", "CPU",
    "ISO", "EK", "NO", "NOT", "NULL", "TRUE", "FALSE", "NONE", "QUEUED", "SENDING", "ACCEPTED", "REJECTED",
    "AMENDED", "VOIDED", "CHANGE_PARTICULARS", "FUND_SWITCH",
})


def _variants(value: str) -> set[str]:
    """A value as it might be written: as stored, without spaces/brackets/dashes."""
    v = value.strip()
    out = {v}
    squeezed = re.sub(r"[\s()\-]", "", v)
    if len(squeezed) >= 4:
        out.add(squeezed)
    return {x for x in out if len(x) >= 4 or (len(x) >= 2 and re.search(r"[\u3400-\u9fff]", x))}


@dataclass
class Scrubber:
    known: set[str] = field(default_factory=set)
    counts: dict[str, int] = field(default_factory=dict)
    _patterns: list[re.Pattern[str]] = field(default_factory=list)

    def add_known(self, values: Iterable[str]) -> None:
        for v in values:
            self.known |= _variants(v)
        # Longest first (a full name before a surname alone); any spacing, any case.
        self._patterns = [re.compile(r"\s*".join(re.escape(ch) for ch in value if not ch.isspace()), re.IGNORECASE)
                          for value in sorted(self.known, key=len, reverse=True)]

    def _count(self, tag: str, n: int = 1) -> None:
        if n:
            self.counts[tag] = self.counts.get(tag, 0) + n

    def scrub(self, line: str) -> str:
        # 1. known values
        for pattern in self._patterns:
            line, n = pattern.subn("[REDACTED]", line)
            self._count("KNOWN", n)
        # 2. protect what correlates, then shapes
        kept: list[str] = []

        def protect(m: re.Match[str]) -> str:
            kept.append(m.group(0))
            return f"\x00{len(kept) - 1}\x00"
        line = _PROTECT.sub(protect, line)
        for tag, pattern in _SHAPES:
            line, n = pattern.subn(f"[{tag}]", line)
            self._count(tag, n)
        line = _CAPS_RUN.sub(self._name, line)
        return re.sub(r"\x00(\d+)\x00", lambda m: kept[int(m.group(1))], line)

    def scrub_json(self, value: Any) -> Any:
        """A JSON document stays JSON: its strings are scrubbed, numbers and keys kept."""
        if isinstance(value, str):
            return self.scrub(value)
        if isinstance(value, dict):
            return {k: self.scrub_json(v) for k, v in value.items()}
        if isinstance(value, list):
            return [self.scrub_json(v) for v in value]
        return value

    def _name(self, m: re.Match[str]) -> str:
        words = re.split(r"[ ,]+", m.group(0))
        if sum(w not in LOG_WORDS for w in words) >= 2:
            self._count("NAME")
            return "[NAME]"
        return m.group(0)


class ExportRefused(Exception):
    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class ExportResult:
    folder: Path
    files: dict[str, str]  # name -> sha256
    scrubbed: dict[str, int]  # tag -> replacements


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def export_logs(log_dir: Path, target: Path, *, device: str, known_values: Iterable[str] = (),
                extra: Mapping[str, str | dict[str, Any]] | None = None, copies: Mapping[str, Path] | None = None,
                progress: Callable[[int, int], None] | None = None,
                now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC)) -> ExportResult:
    """Scrub every log file in `log_dir` into a new folder under `target` (a USB stick's folder).
    `extra`: texts or JSON documents to add (scrubbed too, e.g. the doctor report); `copies`: files copied as they are
    (the audit log, which holds no member data and must stay verifiable)."""
    if not target.is_dir():
        raise ExportRefused("EXPORT_TARGET", "找不到匯出位置，請插入 USB 儲存裝置並再試。",
                            f"{target} is not a folder: insert the USB stick and try again.")
    if not os.access(target, os.W_OK):
        raise ExportRefused("EXPORT_READ_ONLY", "匯出位置不能寫入（USB 裝置可能設為唯讀）。",
                            f"{target} cannot be written (is the USB stick read-only?).")
    scrubber = Scrubber()
    scrubber.add_known(known_values)
    safe_device = re.sub(r"[^A-Za-z0-9._-]", "_", device)[:40] or "kiosk"
    name = f"empf-kiosk-logs-{safe_device}-{now().strftime('%Y%m%dT%H%M%SZ')}"
    partial = target / (name + ".partial")
    final = target / name
    if partial.exists():
        shutil.rmtree(partial)
    partial.mkdir()
    logs = sorted(p for p in log_dir.glob("*.log*") if p.is_file()) if log_dir.is_dir() else []
    total = len(logs) + len(extra or {}) + len(copies or {})
    files: dict[str, str] = {}
    done = 0
    try:
        for src in logs:
            out = partial / src.name
            h = hashlib.sha256()
            with src.open("r", encoding="utf-8", errors="replace") as fin, out.open("w", encoding="utf-8") as fout:
                for line in fin:
                    clean = scrubber.scrub(line)
                    fout.write(clean)
                    h.update(clean.encode())
                fout.flush()
                os.fsync(fout.fileno())
            files[src.name] = h.hexdigest()
            done += 1
            if progress:
                progress(done, total)
        for fname, content in (extra or {}).items():
            if isinstance(content, dict):
                clean = json.dumps(scrubber.scrub_json(content), ensure_ascii=False, indent=1)
            else:
                clean = "".join(scrubber.scrub(line) for line in content.splitlines(keepends=True))
            (partial / fname).write_text(clean, encoding="utf-8")
            files[fname] = hashlib.sha256(clean.encode()).hexdigest()
            done += 1
            if progress:
                progress(done, total)
        for fname, path in (copies or {}).items():
            if path.exists():
                shutil.copyfile(path, partial / fname)
                files[fname] = hashlib.sha256((partial / fname).read_bytes()).hexdigest()
            done += 1
            if progress:
                progress(done, total)
        manifest = {"device": device, "exported_at": now().isoformat(timespec="seconds"), "files": files,
                    "scrubbed": scrubber.counts}
        (partial / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
        _fsync_dir(partial)
        os.replace(partial, final)
        _fsync_dir(target)
    except OSError as e:
        shutil.rmtree(partial, ignore_errors=True)
        raise ExportRefused("EXPORT_FAILED", "匯出失敗（USB 裝置可能已滿或已被拔出）。",
                            f"The export failed ({type(e).__name__}): is the USB stick full or removed?") from e
    return ExportResult(folder=final, files=files, scrubbed=dict(scrubber.counts))


def usb_folders(roots: Iterable[Path] = (Path("/media"), Path("/run/media"), Path("/mnt"))) -> list[Path]:
    """Mounted removable media a technician may export to (folders two levels under /media etc.)."""
    found: list[Path] = []
    for root in roots:
        try:
            for p in sorted(root.iterdir()) if root.is_dir() else []:
                if not p.is_dir():
                    continue
                if os.path.ismount(p):
                    found.append(p)
                    continue
                found.extend(q for q in sorted(p.iterdir()) if q.is_dir() and os.path.ismount(q))
        except OSError:  # a folder we may not read is not a USB stick we can write
            continue
    return found
