"""Export bundles: the unsynced instructions of one terminal, encrypted and signed, on a USB stick.

Trust model (docs/offline-queue.md has the long form):
- Confidentiality and fleet authenticity: AES-256-GCM under a key derived (HKDF-SHA256, random salt
  per bundle) from the operator's *fleet transport key*, installed on every terminal at provisioning
  (`keys/transport.key`) or carried by the technician (`--key-file`). Without it a bundle is opaque;
  with it, a bundle that decrypts was made by a holder of the fleet key, and GCM rejects any change.
- Origin: an Ed25519 signature by the exporting terminal's own bundle key (kept in its keystore)
  over the header and the ciphertext. The header names the terminal and carries its public key;
  the importing technician can pin it (`--signer FINGERPRINT`, the fingerprint the dead terminal's
  `kiosk doctor` shows) so a bundle from any other terminal is refused.
- Exactly once: every instruction keeps its idempotency key and kiosk reference. The importing
  outbox skips keys it already holds (importing twice, or back into the original terminal, adds
  nothing), and the platform answers "duplicate" with the same reference when two terminals send
  the same key.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import re
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from .outbox_rows import TransferItem

FORMAT = "empf-kiosk-queue-bundle"
VERSION = 1
SUFFIX = ".empfq"
_INFO = b"empf-kiosk queue bundle v1"
_SIGNED_PREFIX = b"empf-kiosk-queue-bundle v1\n"
_MAX_BYTES = 512 * 1024 * 1024
_REF = re.compile(r"^[A-Z0-9-]{4,40}$")


class BundleSigner(Protocol):
    """What the keystore provides (a TPM-backed keystore signs without revealing the key)."""

    def signing_public_key(self) -> bytes: ...
    def sign(self, data: bytes) -> bytes: ...


class BundleError(Exception):
    """A bundle that cannot be written or trusted; messages for the technician in both languages."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en


@dataclass(frozen=True)
class BundleInfo:
    path: Path
    device_id: str
    created_at: str
    count: int
    signer: str  # fingerprint of the exporting terminal's public key


def fingerprint(public_key: bytes) -> str:
    """Short, readable over the phone: 8 groups of 4 hex digits of SHA-256(public key)."""
    digest = hashlib.sha256(public_key).hexdigest()[:32]
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _normal_fingerprint(text: str) -> str:
    return re.sub(r"[^0-9a-f]", "", text.lower())


def _canonical(doc: Mapping[str, Any]) -> bytes:
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=True).encode()


def _bundle_key(transport_key: bytes, salt: bytes) -> bytes:
    if len(transport_key) != 32:
        raise BundleError("TRANSPORT_KEY_INVALID", "傳輸密鑰無效（須為 32 位元組）。",
                          "The transport key is not valid (it must be 32 bytes).")
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=salt, info=_INFO).derive(transport_key)


def _item_json(item: TransferItem) -> dict[str, Any]:
    return {"kiosk_ref": item.kiosk_ref, "idempotency_key": item.idempotency_key, "type": item.type,
            "queued_at": item.queued_at, "attempts": item.attempts, "payload": dict(item.payload or {})}


def write_bundle(items: Sequence[TransferItem], directory: Path, *, device_id: str, transport_key: bytes,
                 signer: BundleSigner, now: dt.datetime | None = None) -> BundleInfo:
    """Write one bundle file into `directory` (atomically, fsynced: a USB stick may be pulled)."""
    moment = now or dt.datetime.now(dt.UTC)
    salt, nonce = os.urandom(16), os.urandom(12)
    public = signer.signing_public_key()
    created_at = moment.isoformat(timespec="seconds")
    header: dict[str, Any] = {
        "device_id": device_id,
        "created_at": created_at,
        "count": len(items),
        "cipher": "AES-256-GCM, key HKDF-SHA256(transport key, salt)",
        "salt": base64.b64encode(salt).decode(),
        "nonce": base64.b64encode(nonce).decode(),
        "signer_public_key": base64.b64encode(public).decode(),
    }
    aad = _canonical(header)
    plain = json.dumps({"items": [_item_json(i) for i in items]}, ensure_ascii=False,
                       separators=(",", ":")).encode()
    ciphertext = AESGCM(_bundle_key(transport_key, salt)).encrypt(nonce, plain, aad)
    signature = signer.sign(_SIGNED_PREFIX + aad + b"\n" + ciphertext)
    envelope = {"format": FORMAT, "version": VERSION, "header": header,
                "ciphertext": base64.b64encode(ciphertext).decode(),
                "signature": base64.b64encode(signature).decode()}
    directory.mkdir(parents=True, exist_ok=True)
    safe_device = re.sub(r"[^A-Za-z0-9_-]", "_", device_id)[:40] or "unknown"
    path = directory / f"empf-queue-{safe_device}-{moment.strftime('%Y%m%dT%H%M%SZ')}{SUFFIX}"
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, json.dumps(envelope).encode())
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
    return BundleInfo(path, device_id, created_at, len(items), fingerprint(public))


def _refuse(code: str, zh: str, en: str) -> BundleError:
    return BundleError(code, zh, en)


def _not_a_bundle() -> BundleError:
    return _refuse("BUNDLE_INVALID", "這不是有效的指示匯出檔案。", "This is not a valid instruction export bundle.")


def read_bundle(path: Path, *, transport_key: bytes,
                expect_signer: str | None = None) -> tuple[BundleInfo, list[TransferItem]]:
    """Verify and open a bundle. Raises BundleError (bilingual) for anything it cannot trust."""
    try:
        if path.stat().st_size > _MAX_BYTES:
            raise _not_a_bundle()
        envelope = json.loads(path.read_bytes())
    except (OSError, ValueError, UnicodeDecodeError) as e:
        raise _not_a_bundle() from e
    if not isinstance(envelope, dict) or envelope.get("format") != FORMAT:
        raise _not_a_bundle()
    if envelope.get("version") != VERSION:
        raise _refuse("BUNDLE_VERSION", "此匯出檔案的版本不受支援，請更新本機軟件。",
                      "This bundle's format version is not supported; update this terminal's software.")
    header = envelope.get("header")
    if not isinstance(header, dict):
        raise _not_a_bundle()
    try:
        public = base64.b64decode(header["signer_public_key"], validate=True)
        salt = base64.b64decode(header["salt"], validate=True)
        nonce = base64.b64decode(header["nonce"], validate=True)
        ciphertext = base64.b64decode(envelope["ciphertext"], validate=True)
        signature = base64.b64decode(envelope["signature"], validate=True)
        device_id, created_at, count = str(header["device_id"]), str(header["created_at"]), int(header["count"])
    except (KeyError, TypeError, ValueError) as e:
        raise _not_a_bundle() from e
    aad = _canonical(header)
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, _SIGNED_PREFIX + aad + b"\n" + ciphertext)
    except (InvalidSignature, ValueError) as e:
        raise _refuse("SIGNATURE_INVALID", "匯出檔案的簽署無效：檔案可能已被更改，不可匯入。",
                      "The bundle's signature does not verify: it may have been altered. Not imported.") from e
    signer = fingerprint(public)
    if expect_signer is not None and _normal_fingerprint(expect_signer) != _normal_fingerprint(signer):
        raise _refuse("SIGNER_MISMATCH", f"匯出檔案並非由指定的終端機簽署（簽署者 {signer}）。",
                      f"The bundle was not signed by the terminal you named (it was signed by {signer}).")
    try:
        plain = AESGCM(_bundle_key(transport_key, salt)).decrypt(nonce, ciphertext, aad)
    except (InvalidTag, ValueError) as e:
        raise _refuse("TRANSPORT_KEY_MISMATCH", "無法解密匯出檔案：傳輸密鑰不符或檔案已損壞。",
                      "The bundle cannot be decrypted: wrong transport key, or the file is damaged.") from e
    try:
        raw_items = json.loads(plain)["items"]
        items = [_parse_item(i) for i in raw_items]
    except (KeyError, TypeError, ValueError) as e:
        raise _not_a_bundle() from e
    if len(items) != count:
        raise _not_a_bundle()
    return BundleInfo(path, device_id, created_at, count, signer), items


def _parse_item(raw: Any) -> TransferItem:
    if not isinstance(raw, dict):
        raise ValueError("item is not an object")
    key = raw["idempotency_key"]
    uuid.UUID(key)  # the platform refuses anything else; keep the exact text (it is the dedup key)
    ref, itype, queued_at, payload = raw["kiosk_ref"], raw["type"], raw["queued_at"], raw["payload"]
    if not (isinstance(ref, str) and _REF.match(ref) and isinstance(itype, str) and itype
            and isinstance(queued_at, str) and isinstance(payload, dict) and isinstance(payload.get("member"), dict)):
        raise ValueError("item fields")
    dt.datetime.fromisoformat(queued_at)
    attempts = raw.get("attempts", 0)
    return TransferItem(kiosk_ref=ref, idempotency_key=key, type=itype, queued_at=queued_at, payload=payload,
                        attempts=attempts if isinstance(attempts, int) else 0)
