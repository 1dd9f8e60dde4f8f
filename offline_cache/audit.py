"""The tamper-evident audit log: one JSON line per staff or technician action, hash-chained.

Each line carries `prev` (the previous line's `hash`) and its own `hash`, an HMAC-SHA256 keyed with
a key in the keystore over the previous hash and the line's canonical JSON. Editing a line breaks
its hash; removing or reordering lines breaks `seq` and `prev`; cutting lines off the end is caught
by the head file, which holds the last seq and hash under its own HMAC. Without the key nobody can
rewrite the chain to cover their tracks; with the key (root on the kiosk) they could, which is why
exported copies (technician log export) matter.

Appends take an exclusive flock, so the kiosk and a CLI command may both write. Lines hold event
ids, roles, staff ids, shop ids, references and codes: never personal data of members.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import uuid
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kiosk.ports.audit import AuditEvent, Outcome

GENESIS = "0" * 64
_TAIL_BYTES = 65536  # far longer than any line the log writes
DetailValue = str | int | float | bool | None


def _utcnow() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


def _canonical(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode()


def load_key(keys_dir: Path) -> bytes:
    """The audit HMAC key (32 bytes, mode 0600), created on first use."""
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = keys_dir / "audit.key"
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        data = secrets.token_bytes(32)
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:  # another process made it first: use theirs
            return path.read_bytes()
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        return data
    if len(data) != 32:
        raise RuntimeError(f"audit key {path} is damaged (size {len(data)})")
    return data


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass(frozen=True)
class Problem:
    line: int  # 1-based line number in the file (0: the file as a whole)
    kind: str  # unreadable | edited | removed | reordered | truncated | incomplete | head_missing
    detail: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "log"
        return f"{where}: {self.kind}: {self.detail}"


@dataclass(frozen=True)
class VerifyResult:
    lines: int
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


class FileAuditLog:
    """Satisfies kiosk.ports.AuditLog."""

    def __init__(self, directory: Path, key: bytes, clock: Callable[[], str] = _utcnow) -> None:
        if len(key) != 32:
            raise ValueError("audit key must be 32 bytes")
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = directory / "audit.jsonl"
        self.head_path = directory / "audit.head"
        self._lock_path = directory / "audit.lock"
        self._key = key
        self._clock = clock

    # ------------------------------------------------------------ hashing
    def _line_hash(self, prev: str, body: Mapping[str, Any]) -> str:
        return hmac.new(self._key, prev.encode() + b"\n" + _canonical(body), hashlib.sha256).hexdigest()

    def _head_mac(self, seq: int, last_hash: str) -> str:
        return hmac.new(self._key, f"head\n{seq}\n{last_hash}".encode(), hashlib.sha256).hexdigest()

    # ------------------------------------------------------------ writing
    @contextmanager
    def _locked(self) -> Iterator[None]:
        fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)

    def _tail(self) -> tuple[int, str, bool]:
        """(seq, hash) of the last complete line, and whether the file ends mid-line."""
        head = self._read_head()
        try:
            size = self.path.stat().st_size
        except FileNotFoundError:
            return (0, GENESIS, False) if head is None else (head[0], head[1], False)
        if size == 0:
            return 0, GENESIS, False
        with self.path.open("rb") as f:
            # Lines are a few hundred bytes: 4 KB holds the last one; read more only if it does not.
            for span in (4096, _TAIL_BYTES):
                f.seek(max(0, size - span))
                chunk = f.read()
                if chunk.count(b"\n") >= 2 or span >= size:
                    break
        partial = not chunk.endswith(b"\n")
        lines = [ln for ln in chunk.split(b"\n") if ln.strip()]
        if partial and lines:
            lines.pop()  # a power cut mid-write: chain on from the last complete line
        for raw in reversed(lines):
            try:
                doc = json.loads(raw)
                return int(doc["seq"]), str(doc["hash"]), partial
            except (ValueError, KeyError, TypeError):
                continue
        if head is not None:
            return head[0], head[1], partial
        return 0, GENESIS, partial

    def record(self, event: str, *, role: str, actor: str, shop: str, outcome: str,
               detail: Mapping[str, DetailValue] | None = None) -> None:
        """Append one line, fsync it, then move the head. Raises ValueError for an unregistered
        event or outcome (a typo must not produce an entry no report knows)."""
        ev = AuditEvent(event)
        out = Outcome(outcome)
        clean: dict[str, DetailValue] = {}
        for k, v in (detail or {}).items():
            if not isinstance(v, str | int | float | bool) and v is not None:
                raise TypeError(f"audit detail {k!r} must be a plain value")
            clean[str(k)] = v[:200] if isinstance(v, str) else v
        with self._locked():
            seq, prev, partial = self._tail()
            body: dict[str, Any] = {
                "seq": seq + 1,
                "id": str(uuid.uuid4()),
                "time": self._clock(),
                "event": ev.value,
                "role": role,
                "actor": actor,
                "shop": shop,
                "outcome": out.value,
                "detail": clean,
                "prev": prev,
            }
            line_hash = self._line_hash(prev, body)
            line = _canonical({**body, "hash": line_hash}) + b"\n"
            created = not self.path.exists()
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                if partial:
                    os.write(fd, b"\n")  # keep the broken line on its own; verify reports it
                os.write(fd, line)
                os.fsync(fd)
            finally:
                os.close(fd)
            if created:
                _fsync_dir(self.directory)
            self._write_head(seq + 1, line_hash)

    def _write_head(self, seq: int, last_hash: str) -> None:
        doc = {"seq": seq, "hash": last_hash, "mac": self._head_mac(seq, last_hash)}
        tmp = self.head_path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        try:
            os.write(fd, json.dumps(doc).encode())
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, self.head_path)
        _fsync_dir(self.directory)

    def _read_head(self) -> tuple[int, str, str] | None:
        try:
            doc = json.loads(self.head_path.read_text())
            return int(doc["seq"]), str(doc["hash"]), str(doc["mac"])
        except FileNotFoundError:
            return None
        except (ValueError, KeyError, TypeError):
            return (-1, "", "")  # present but unreadable: verify says so

    # ------------------------------------------------------------ reading
    def entries(self, limit: int = 100) -> list[dict[str, Any]]:
        """The newest `limit` lines that parse, newest last (for the technician screen)."""
        if not self.path.exists():
            return []
        out: list[dict[str, Any]] = []
        with self.path.open("rb") as f:
            for raw in f:
                try:
                    doc = json.loads(raw)
                except ValueError:
                    continue
                if isinstance(doc, dict):
                    out.append(doc)
                    if len(out) > limit:
                        out.pop(0)
        return out

    def verify(self) -> VerifyResult:
        """Walk the whole chain; every problem found, with its line number."""
        problems: list[Problem] = []
        expected_seq = 1
        prev_hash = GENESIS
        n = 0
        last_seq, last_hash = 0, GENESIS
        if self.path.exists():
            with self.path.open("rb") as f:
                data = f.read()
            raw_lines = data.split(b"\n")
            ends_clean = data.endswith(b"\n") or not data
            if ends_clean:
                raw_lines = raw_lines[:-1]
            for i, raw in enumerate(raw_lines, start=1):
                n = i
                if not raw.strip():
                    problems.append(Problem(i, "unreadable", "empty line"))
                    continue
                try:
                    doc = json.loads(raw)
                    if not isinstance(doc, dict):
                        raise ValueError("not an object")
                    seq = int(doc["seq"])
                    claimed = str(doc["hash"])
                    prev = str(doc["prev"])
                except (ValueError, KeyError, TypeError) as e:
                    last = i == len(raw_lines) and not ends_clean
                    problems.append(Problem(i, "incomplete" if last else "unreadable",
                                            "the line was cut off (power cut while writing?)" if last
                                            else f"not an audit entry ({type(e).__name__})"))
                    continue
                body = {k: v for k, v in doc.items() if k != "hash"}
                if not hmac.compare_digest(self._line_hash(prev, body), claimed):
                    problems.append(Problem(i, "edited", f"entry {seq} does not match its hash"))
                if seq > expected_seq:
                    problems.append(Problem(i, "removed", f"entries {expected_seq}..{seq - 1} are missing "
                                                          f"before entry {seq}"))
                elif seq < expected_seq:
                    problems.append(Problem(i, "reordered", f"entry {seq} comes after entry {expected_seq - 1}"))
                elif prev != prev_hash:
                    problems.append(Problem(i, "reordered", f"entry {seq} does not follow the entry before it"))
                try:
                    AuditEvent(str(doc.get("event")))
                except ValueError:
                    problems.append(Problem(i, "edited", f"entry {seq} has an unregistered event id"))
                expected_seq = max(expected_seq, seq + 1)
                prev_hash = claimed
                last_seq, last_hash = seq, claimed
        head = self._read_head()
        if head is None:
            if n:
                problems.append(Problem(0, "head_missing", "the head file is missing: lines may have been "
                                                           "removed from the end"))
        elif head[0] < 0 or not hmac.compare_digest(head[2], self._head_mac(head[0], head[1])):
            problems.append(Problem(0, "edited", "the head file does not match its MAC"))
        elif head[0] > last_seq:
            problems.append(Problem(0, "truncated", f"the log ends at entry {last_seq} but entry {head[0]} "
                                                    "was written: lines were removed from the end"))
        elif head[0] == last_seq and head[1] != last_hash:
            problems.append(Problem(0, "edited", f"the last entry {last_seq} is not the one written"))
        # head[0] == last_seq - 1 happens after a power cut between a line and its head: not tampering.
        elif head[0] < last_seq - 1:
            problems.append(Problem(0, "edited", "entries after the head were not written by this kiosk"))
        return VerifyResult(lines=n, problems=problems)


def open_audit_log(data_dir: Path) -> FileAuditLog:
    """The kiosk's audit log in `data_dir/audit`, keyed from `data_dir/keys`."""
    return FileAuditLog(data_dir / "audit", load_key(data_dir / "keys"))
