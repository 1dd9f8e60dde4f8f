"""The update manifest (the hash of every file of a bundle) and its own Ed25519 signature.

`manifest.json` names the product, version, creation and expiry times, the archive (name, size,
SHA-256), the entry executable, and the SHA-256 of every file of the bundle folder.

On a kiosk that trusts a TUF root, the manifest is one of the release's TUF targets: the targets
role's signature over its length and hash vouches for it, and freshness is the repository's
timestamp (kiosk/update/tuf_source.py). On a kiosk without one, `manifest.json.sig` vouches for it:
JSON with the signing key's id and the base64 Ed25519 signature over the exact bytes of
manifest.json, checked before anything is parsed, against the public keys in the trust folder
(keys/update-trust/); freshness is the manifest's own expiry.

Either way the installer compares versions against the highest ever installed (no rollback).
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from kiosk.languages import choose
from kiosk.update import versions

PRODUCT = "empf-kiosk"
FORMAT = 1
MANIFEST = "manifest.json"
SIGNATURE = "manifest.json.sig"
MAX_MANIFEST_BYTES = 4 * 1024 * 1024


class UpdateRefused(Exception):
    """An update the kiosk will not install, and why, in both languages. `code` is stable."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)


def refused_signature(why: str) -> UpdateRefused:
    return UpdateRefused("BAD_SIGNATURE", "更新檔的簽署無效，已拒絕安裝。",
                         f"The update's signature is not valid ({why}); it was not installed.")


@dataclass(frozen=True)
class Manifest:
    product: str
    version: str
    created: dt.datetime
    expires: dt.datetime
    archive_name: str
    archive_sha256: str
    archive_size: int
    entry: str
    files: Mapping[str, str]  # relative path -> sha256 (every regular file of the bundle folder)
    raw: bytes  # the exact signed bytes
    links: Mapping[str, str] = field(default_factory=dict)  # relative path -> relative target (inside the bundle)

    def expired(self, now: dt.datetime) -> bool:
        return now >= self.expires


def key_id(public: Ed25519PublicKey) -> str:
    raw = public.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
    return hashlib.sha256(raw).hexdigest()[:16]


def load_public_key(path: Path) -> Ed25519PublicKey:
    data = path.read_bytes()
    try:
        key = serialization.load_pem_public_key(data)
    except ValueError as e:
        raise ValueError(f"{path} is not a PEM public key") from e
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError(f"{path} is not an Ed25519 public key")
    return key


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} is not an Ed25519 private key")
    return key


def trusted_keys(folder: Path) -> dict[str, Ed25519PublicKey]:
    """key id -> key, for every *.pem in the trust folder (unreadable files are skipped, not trusted)."""
    keys: dict[str, Ed25519PublicKey] = {}
    if not folder.is_dir():
        return keys
    for p in sorted(folder.glob("*.pem")):
        try:
            k = load_public_key(p)
        except (OSError, ValueError):
            continue
        keys[key_id(k)] = k
    return keys


# ---------------------------------------------------------------- making (build/sign.py uses these)


def _iso(t: dt.datetime) -> str:
    return t.astimezone(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z")


def file_hashes(folder: Path) -> dict[str, str]:
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and not p.is_symlink():
            out[p.relative_to(folder).as_posix()] = sha256_file(p)
    return out


def link_targets(folder: Path) -> dict[str, str]:
    """Symlinks of the bundle (PyInstaller links Qt libraries into _internal/): each must be relative
    and stay inside the bundle."""
    out: dict[str, str] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_symlink():
            rel = p.relative_to(folder).as_posix()
            target = os.readlink(p)
            if not link_inside(rel, target):
                raise ValueError(f"{rel} -> {target} leaves the bundle")
            out[rel] = target
    return out


def link_inside(rel: str, target: str) -> bool:
    if target.startswith("/"):
        return False
    depth = 0
    for part in [*rel.split("/")[:-1], *target.split("/")]:
        if part == "..":
            depth -= 1
        elif part not in ("", "."):
            depth += 1
        if depth < 0:
            return False
    return True


def sha256_file(path: Path, chunk: int = 1 << 20) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        while block := f.read(chunk):
            h.update(block)
    return h.hexdigest()


def make_manifest(*, version: str, archive: Path, folder: Path, entry: str, valid_days: float,
                  now: dt.datetime | None = None) -> bytes:
    versions.parse(version)
    created = now or dt.datetime.now(dt.UTC)
    doc = {
        "format": FORMAT,
        "product": PRODUCT,
        "version": version,
        "created": _iso(created),
        "expires": _iso(created + dt.timedelta(days=valid_days)),
        "archive": {"name": archive.name, "sha256": sha256_file(archive), "size": archive.stat().st_size},
        "entry": entry,
        "files": file_hashes(folder),
        "links": link_targets(folder),
    }
    return json.dumps(doc, indent=1, sort_keys=True).encode()


def sign(manifest_bytes: bytes, private: Ed25519PrivateKey) -> bytes:
    sig = private.sign(manifest_bytes)
    return json.dumps({"key_id": key_id(private.public_key()),
                       "signature": base64.b64encode(sig).decode()}).encode()


# ---------------------------------------------------------------- checking (the kiosk)


def verify(manifest_bytes: bytes, signature_bytes: bytes, keys: Mapping[str, Ed25519PublicKey]) -> Manifest:
    """Check the signature over the bytes received, then parse. Raises UpdateRefused."""
    if not keys:
        raise UpdateRefused("NO_TRUSTED_KEY", "本機未設定可信的更新簽署金鑰。",
                            "No update signing key is trusted on this kiosk (kiosk update trust KEY.pem).")
    if len(manifest_bytes) > MAX_MANIFEST_BYTES:
        raise refused_signature("manifest too large")
    try:
        sig_doc = json.loads(signature_bytes)
        kid = str(sig_doc["key_id"])
        sig = base64.b64decode(sig_doc["signature"], validate=True)
    except (ValueError, KeyError, TypeError) as e:
        raise refused_signature("signature file unreadable") from e
    key = keys.get(kid)
    if key is None:
        raise refused_signature(f"signed by key {kid[:16]!r}, which this kiosk does not trust")
    try:
        key.verify(sig, manifest_bytes)
    except InvalidSignature as e:
        raise refused_signature("signature does not match the manifest") from e
    return parse(manifest_bytes)


def parse(manifest_bytes: bytes) -> Manifest:
    def bad(why: str) -> UpdateRefused:
        return UpdateRefused("BAD_MANIFEST", "更新檔的資料不完整或格式錯誤。",
                             f"The update manifest is not usable: {why}.")
    try:
        doc: Any = json.loads(manifest_bytes)
        if doc.get("format") != FORMAT:
            raise bad(f"format {doc.get('format')!r}")
        if doc.get("product") != PRODUCT:
            raise bad(f"it is for {doc.get('product')!r}")
        version = str(doc["version"])
        versions.parse(version)
        created = dt.datetime.fromisoformat(str(doc["created"]).replace("Z", "+00:00"))
        expires = dt.datetime.fromisoformat(str(doc["expires"]).replace("Z", "+00:00"))
        archive = doc["archive"]
        files = {str(k): str(v) for k, v in dict(doc["files"]).items()}
        links = {str(k): str(v) for k, v in dict(doc.get("links") or {}).items()}
        entry = str(doc["entry"])
        size = int(archive["size"])
        name = str(archive["name"])
    except UpdateRefused:
        raise
    except (ValueError, KeyError, TypeError, AttributeError) as e:
        raise bad(type(e).__name__) from e
    if created.tzinfo is None or expires.tzinfo is None:
        raise bad("times without a time zone")
    if "/" in name or name.startswith(".") or entry not in files:
        raise bad("archive name or entry")
    for path in [*files, *links]:
        if path.startswith("/") or ".." in path.split("/"):
            raise bad(f"file path {path!r}")
    for path, target in links.items():
        if not link_inside(path, target):
            raise bad(f"link {path!r} leaves the bundle")
    return Manifest(product=PRODUCT, version=version, created=created, expires=expires, archive_name=name,
                    archive_sha256=str(archive["sha256"]).lower(), archive_size=size, entry=entry, files=files,
                    raw=manifest_bytes, links=links)
