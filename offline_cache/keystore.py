"""The device keystore: enrolment credentials and the data key, in files only the kiosk user reads.

The interface (kiosk.ports.Keystore) is what a TPM-backed store would implement instead: the data
key could be unsealed from the TPM at start, and the bundle signing key never leave it (`sign()`).
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

TRANSPORT_KEY_FILE = "transport.key"


def read_transport_key(path: Path) -> bytes:
    """A transport key file: 32 raw bytes, or the same as 64 hex digits or base64 text."""
    raw = path.read_bytes()
    if len(raw) == 32:
        return raw
    text = raw.strip()
    try:
        key = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        try:
            key = base64.b64decode(text, validate=True)
        except ValueError:
            key = b""
    if len(key) != 32:
        raise ValueError(f"{path.name} is not a transport key (32 bytes, raw, hex or base64)")
    return key


def _write_private(path: Path, data: bytes) -> None:
    """Write atomically with mode 0600 from the start (never briefly world-readable)."""
    tmp = path.with_suffix(path.suffix + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.write(fd, data)
        os.fsync(fd)
    finally:
        os.close(fd)
    os.replace(tmp, path)
    dir_fd = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)


class FileKeystore:
    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._credentials_cache: tuple[tuple[int, int, int], tuple[str, bytes]] | None = None
        os.chmod(directory, 0o700)

    def _key_file(self, name: str, size: int) -> bytes:
        path = self.directory / name
        if path.exists():
            data = path.read_bytes()
            if len(data) == size:
                return data
            raise RuntimeError(f"keystore file {name} is damaged (size {len(data)})")
        data = secrets.token_bytes(size)
        _write_private(path, data)
        return data

    def data_key(self) -> bytes:
        return self._key_file("data.key", 32)

    def member_salt(self) -> bytes:
        return self._key_file("member.salt", 16)

    # ------------------------------------------------------------ export bundles
    def _signing_key(self) -> Ed25519PrivateKey:
        return Ed25519PrivateKey.from_private_bytes(self._key_file("bundle-signing.key", 32))

    def signing_public_key(self) -> bytes:
        """The raw Ed25519 public key that verifies this terminal's export bundles."""
        return self._signing_key().public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)

    def sign(self, data: bytes) -> bytes:
        """Ed25519 signature with this terminal's bundle key (a TPM-backed store signs inside the chip)."""
        return self._signing_key().sign(data)

    def transport_key(self) -> bytes | None:
        """The fleet transport key the operator installed at provisioning (keys/transport.key), if any."""
        path = self.directory / TRANSPORT_KEY_FILE
        return read_transport_key(path) if path.exists() else None

    def install_transport_key(self, key: bytes) -> None:
        if len(key) != 32:
            raise ValueError("a transport key is 32 bytes")
        _write_private(self.directory / TRANSPORT_KEY_FILE, key)

    def device_credentials(self) -> tuple[str, bytes] | None:
        """Read for every signed request: kept in memory while the file is unchanged (a `kiosk enrol`
        run beside the kiosk still takes effect at once)."""
        path = self.directory / "device.json"
        try:
            stamp = path.stat()
        except FileNotFoundError:
            return None
        key = (stamp.st_mtime_ns, stamp.st_size, stamp.st_ino)
        if self._credentials_cache is not None and self._credentials_cache[0] == key:
            return self._credentials_cache[1]
        doc = json.loads(path.read_text())
        creds = str(doc["device_id"]), base64.b64decode(doc["secret"])
        self._credentials_cache = (key, creds)
        return creds

    def save_device_credentials(self, device_id: str, secret: bytes) -> None:
        doc = {"device_id": device_id, "secret": base64.b64encode(secret).decode()}
        _write_private(self.directory / "device.json", json.dumps(doc).encode())
