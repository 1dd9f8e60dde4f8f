"""`empf-kiosk --self-test` (and `kiosk self-test`): does this build work on this machine?

Imports every third-party module the kiosk uses (many only inside functions, where a bundle that
missed one fails the first time a member needs it), loads the card and QR drivers (pyscard loads
libpcsclite here), writes and reads an encrypted instruction through the real outbox, and checks the
kiosk's own database read-only (it may be in use by the running kiosk: nothing here writes to it).
The Qt steps (the real kiosk window offscreen, translations from their .qm, Chinese entry on Qt
Virtual Keyboard) are ui/selftest_qt.py's, passed in by the composition root (kiosk.app.self_test):
nothing outside ui/ imports Qt. Prints one JSON line; exit status 0 only if every step passed. The
installer runs it after every switch and switches back when it fails.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any


def _step(results: list[dict[str, Any]], name: str, fn: Callable[[], str]) -> None:
    t0 = time.perf_counter()
    try:
        detail = fn()
        ok = True
    except Exception as e:  # every failure is reported, none stops the others
        detail = f"{type(e).__name__}: {str(e)[:200]}"
        ok = False
    results.append({"step": name, "ok": ok, "detail": detail, "ms": round((time.perf_counter() - t0) * 1000, 1)})


# Every third-party module kiosk/, ui/, drivers/ and offline_cache/ import, at the top of a file or
# inside a function (tests/kiosk/test_selftest_imports.py keeps this list complete).
IMPORTS = (
    "PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtMultimedia",
    "PySide6.QtQuickWidgets", "shiboken6", "pypinyin",
    "cryptography", "cryptography.exceptions", "cryptography.hazmat.decrepit.ciphers.algorithms",
    "cryptography.hazmat.primitives", "cryptography.hazmat.primitives.asymmetric",
    "cryptography.hazmat.primitives.asymmetric.ed25519", "cryptography.hazmat.primitives.asymmetric.utils",
    "cryptography.hazmat.primitives.ciphers", "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.hkdf", "cryptography.hazmat.primitives.serialization",
    "cryptography.x509.oid",
    "numpy", "numpy.typing", "qrcode", "requests", "serial", "smartcard", "smartcard.System", "sqlite_utils",
    "tuf.api", "tuf.api.metadata", "tuf.ngclient", "zxingcpp",
    "escpos.constants", "escpos.escpos", "escpos.exceptions", "escpos.printer", "usb.core", "PIL",
)
# Imported by developer tools only, never by a running kiosk (the bundle leaves them out).
DEV_ONLY = {
    "platform_sim": "devtools/fake_member.py answers screenshots and UI tests with the simulator's members",
    "platform_sim.errors": "devtools/fake_member.py words its refusals as the simulator does",
    "platform_sim.catalogue": "devtools/screenshots.py shows the simulator's funds with their risk and fees",
    "platform_sim.member_errors": "devtools/fake_member.py words its refusals as the simulator does",
    "opencc": "ui/i18n/simplified_gen.py regenerates kiosk/simplified_table.py",
    "PySide6.QtTest": "devtools/ (the screenshot walks) drives windows for screenshots",
}


def _imports() -> str:
    import importlib

    missing = []
    for name in IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError as e:  # one missing module is reported with all the others
            missing.append(f"{name} ({e})")
    if missing:
        raise ModuleNotFoundError(f"{len(missing)} of {len(IMPORTS)} missing: " + "; ".join(missing))
    return f"{len(IMPORTS)} modules"


def _drivers() -> str:
    import smartcard.System  # noqa: F401  (loads libpcsclite)
    import zxingcpp  # noqa: F401

    import drivers.pcsc.reader

    loaded = ["pyscard", "drivers.pcsc", "zxing-cpp"]
    try:
        import drivers.qr.decoder  # noqa: F401

        loaded.append("drivers.qr")
    except ModuleNotFoundError as e:
        if e.name != "drivers.qr.decoder" and e.name != "drivers.qr":
            raise
    return ", ".join(loaded)


def _outbox(tmp: Path) -> str:
    from kiosk.domain import Identity, IdentitySource, Instruction
    from offline_cache.keystore import FileKeystore
    from offline_cache.outbox import SqliteOutbox

    ks = FileKeystore(tmp / "keys")
    box = SqliteOutbox(tmp / "selftest.sqlite", ks.data_key(), ks.member_salt())
    try:
        member = Identity(hkid="A123456(3)", name_en="CHAN TAI MAN", source=IdentitySource.TYPED)  # fictional
        receipt = box.enqueue(Instruction("CHANGE_PARTICULARS", member, {"mobile": "91234567"}))
        batch = box.next_batch(1)
        if len(batch) != 1 or batch[0].kiosk_ref != receipt.kiosk_ref:
            raise RuntimeError("the instruction did not come back from the outbox")
        if batch[0].payload["values"].get("mobile") != "91234567":
            raise RuntimeError("the payload did not decrypt to what was written")
    finally:
        box.close()
    return "enqueue, encrypt, claim, decrypt"


def _database(data_dir: Path | None) -> str:
    if data_dir is None:
        return "no data folder given (EMPF_KIOSK_DATA_DIR): skipped"
    from offline_cache.integrity import quick_check

    verdict = quick_check(data_dir / "outbox.sqlite")
    if verdict not in ("ok", "missing"):
        raise RuntimeError(f"{data_dir / 'outbox.sqlite'}: {verdict}")
    return f"{data_dir / 'outbox.sqlite'}: {verdict}"


# A step: its name, and a check given a throw-away folder that returns what it found or raises.
Step = tuple[str, Callable[[Path], str]]


def run(data_dir: Path | None, extra_steps: Sequence[Step] = ()) -> tuple[bool, list[dict[str, Any]]]:
    """The headless steps, then `extra_steps` (the composition root passes ui/selftest_qt.py's)."""
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="empf-selftest-") as d:
        tmp = Path(d)
        _step(results, "imports", _imports)
        _step(results, "drivers", _drivers)
        _step(results, "outbox", lambda: _outbox(tmp))
        _step(results, "database", lambda: _database(data_dir))
        for name, check in extra_steps:
            _step(results, name, lambda check=check: check(tmp))  # type: ignore[misc]
    return all(r["ok"] for r in results), results


def main(data_dir: Path | None = None, extra_steps: Sequence[Step] = ()) -> int:
    ddir = data_dir or (Path(os.environ["EMPF_KIOSK_DATA_DIR"]) if os.environ.get("EMPF_KIOSK_DATA_DIR") else None)
    t0 = time.perf_counter()
    ok, results = run(ddir, extra_steps)
    from kiosk.doctor import kiosk_version

    print(json.dumps({"self_test": "pass" if ok else "fail", "version": kiosk_version(),
                      "seconds": round(time.perf_counter() - t0, 2), "steps": results}), flush=True)
    return 0 if ok else 1
