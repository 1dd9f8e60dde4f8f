"""What the rest of the kiosk asks of QR payloads: interpret a read, take a prepared code's nonce
when its instruction is queued, keep the trusted keys fresh. Blocking (SQLite, HTTP): call it off
the UI thread."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from .keys import KeyRing, KeyRingError, load_cached, save_cached
from .nonces import NonceStore, SqliteNonceStore
from .payloads import QrInterpreter, QrPayload
from .prepared import PreparedInstruction
from .refusals import QrRefusal, refusal
from .review import recheck_for_confirm

log = logging.getLogger(__name__)

KEYS_REFRESH_S = 6 * 3600  # keys change rarely; a code with an unknown kid triggers a refresh sooner
KEYS_MISS_REFRESH_S = 60  # at most this often when codes with unknown key ids keep coming


class QrService:
    def __init__(self, nonces: NonceStore, keys_cache: Path | None = None,
                 fetch_keys: Callable[[], Mapping[str, Any]] | None = None,
                 clock: Callable[[], float] = time.time, monotonic: Callable[[], float] = time.monotonic,
                 keys: KeyRing | None = None) -> None:
        self.nonces = nonces
        self._keys_cache = keys_cache
        self._fetch_keys = fetch_keys
        self._monotonic = monotonic
        self._clock = clock
        self._ring = keys if keys is not None else (load_cached(keys_cache) if keys_cache else KeyRing())
        self._refresh_lock = threading.Lock()
        self._last_refresh: float | None = None
        self.interpreter = QrInterpreter(lambda: self._ring, nonces, clock)

    @classmethod
    def for_data_dir(cls, data_dir: Path, fetch_keys: Callable[[], Mapping[str, Any]] | None) -> QrService:
        return cls(SqliteNonceStore(data_dir / "qr-nonces.sqlite"), data_dir / "qr-keys.json", fetch_keys)

    def close(self) -> None:
        close = getattr(self.nonces, "close", None)
        if callable(close):
            close()

    @property
    def keys(self) -> KeyRing:
        return self._ring

    # ------------------------------------------------------------ reads
    def interpret(self, raw: bytes) -> QrPayload | QrRefusal:
        result = self.interpreter.interpret(raw)
        if isinstance(result, QrRefusal) and result.code == "PREPARED_KEY_UNKNOWN" and self.refresh_keys(
                min_age_s=KEYS_MISS_REFRESH_S):
            result = self.interpreter.interpret(raw)  # the platform may have rotated its key
        return result

    # ------------------------------------------------------------ queueing a prepared instruction
    def claim(self, prepared: PreparedInstruction) -> QrRefusal | None:
        """Take the code's nonce just before queueing; a refusal when the code expired meanwhile
        or its nonce was taken already (review.recheck_for_confirm, then the atomic claim)."""
        refused = recheck_for_confirm(prepared, self._clock(), self.nonces)
        if refused is not None:
            return refused
        if self.nonces.claim(prepared.kid, prepared.nonce, float(prepared.expires_at)):
            return None
        return refusal("PREPARED_USED", "claim")

    def release(self, prepared: PreparedInstruction) -> None:
        """Queueing failed after the claim: the member may use the code again."""
        self.nonces.release(prepared.kid, prepared.nonce)

    # ------------------------------------------------------------ keys
    def refresh_keys(self, min_age_s: float = KEYS_REFRESH_S) -> bool:
        """Fetch the platform's key list if the last fetch is older than `min_age_s`. True when a
        new ring is in use. Network errors keep the ring (and the cache) as they are."""
        if self._fetch_keys is None:
            return False
        with self._refresh_lock:
            now = self._monotonic()
            if self._last_refresh is not None and now - self._last_refresh < min_age_s:
                return False
            self._last_refresh = now
            try:
                ring = KeyRing.from_json(self._fetch_keys())
            except KeyRingError as e:
                log.warning("platform QR keys unusable: %s", e)
                return False
            except Exception as e:  # offline: the cached keys keep working
                log.info("platform QR keys not fetched: %s", type(e).__name__)
                return False
            self._ring = ring
            if self._keys_cache is not None:
                try:
                    save_cached(self._keys_cache, ring)
                except OSError as e:
                    log.warning("QR key cache not written: %s", type(e).__name__)
            log.info("QR keys in use: %s", ", ".join(ring.kids) or "none")
            return True

    def purge(self) -> int:
        return self.nonces.purge()
