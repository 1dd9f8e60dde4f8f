"""The device keystore: enrolment credentials and the data key, in files only the kiosk user reads.

The interface (kiosk.ports.Keystore) is what a TPM-backed store would implement instead.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from pathlib import Path


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

    def device_credentials(self) -> tuple[str, bytes] | None:
        path = self.directory / "device.json"
        if not path.exists():
            return None
        doc = json.loads(path.read_text())
        return str(doc["device_id"]), base64.b64decode(doc["secret"])

    def save_device_credentials(self, device_id: str, secret: bytes) -> None:
        doc = {"device_id": device_id, "secret": base64.b64encode(secret).decode()}
        _write_private(self.directory / "device.json", json.dumps(doc).encode())
