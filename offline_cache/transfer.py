"""Moving a terminal's unsynced instructions to another terminal: `kiosk queue export` / `import`."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from .bundle import BundleError, BundleInfo, BundleSigner, read_bundle, write_bundle
from .keystore import read_transport_key
from .outbox import SqliteOutbox
from .outbox_rows import ImportResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ExportReport:
    bundle: BundleInfo
    unreadable: tuple[str, ...]  # kiosk_refs that could not be decrypted: not in the bundle


def resolve_transport_key(key_file: Path | None, installed: bytes | None) -> bytes:
    """The key given on the command line wins over the one installed in the keystore."""
    if key_file is not None:
        try:
            return read_transport_key(key_file)
        except (OSError, ValueError) as e:
            raise BundleError("TRANSPORT_KEY_INVALID", f"未能讀取傳輸密鑰檔案 {key_file}。",
                              f"Cannot read the transport key file {key_file}: {e}") from e
    if installed is None:
        raise BundleError(
            "NO_TRANSPORT_KEY", "本機未安裝傳輸密鑰：請用 --key-file 指定營運商提供的密鑰檔案。",
            "No transport key is installed on this terminal: give the operator's key file with --key-file.")
    return installed


def export_queue(outbox: SqliteOutbox, directory: Path, *, device_id: str, transport_key: bytes,
                 signer: BundleSigner) -> ExportReport:
    """Write every unsynced instruction into one bundle. The outbox is not changed: if this terminal
    comes back it sends them too, and the platform answers duplicate for the copies."""
    items, unreadable = outbox.export_unsynced()
    info = write_bundle(items, directory, device_id=device_id, transport_key=transport_key, signer=signer)
    log.info("exported %d instruction(s) to %s (%d unreadable left behind)", info.count, info.path.name,
             len(unreadable))
    return ExportReport(info, tuple(unreadable))


def import_bundle(outbox: SqliteOutbox, path: Path, *, transport_key: bytes,
                  expect_signer: str | None = None) -> tuple[BundleInfo, ImportResult]:
    info, items = read_bundle(path, transport_key=transport_key, expect_signer=expect_signer)
    result = outbox.import_items(items, origin=f"bundle:{info.device_id}")
    return info, result
