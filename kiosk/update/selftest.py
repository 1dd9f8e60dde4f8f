"""`empf-kiosk --self-test` (and `kiosk self-test`): does this build work on this machine?

Imports every third-party module the kiosk uses (many only inside functions, where a bundle that
missed one fails the first time a member needs it), starts Qt offscreen and builds the real kiosk
window on a throw-away data folder, checks the kiosk's translations were loaded from their .qm (not
the built-in table), types 陳大文 with Cangjie and 陈 with Pinyin on Qt Virtual Keyboard (Chinese
entry), loads the card and QR drivers (pyscard loads libpcsclite here), writes and reads an
encrypted instruction through the real outbox, and checks the kiosk's own database read-only (it
may be in use by the running kiosk: nothing here writes to it). Prints one JSON line; exit status
0 only if every step passed. The installer runs it after every switch and switches back when it
fails.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kiosk.no_card_reader import NoCardReader


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
# inside a function (tests/test_selftest_imports.py keeps this list complete).
IMPORTS = (
    "PySide6", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtMultimedia",
    "PySide6.QtQuickWidgets", "PySide6.QtTextToSpeech", "shiboken6",
    "cryptography", "cryptography.exceptions", "cryptography.hazmat.decrepit.ciphers.algorithms",
    "cryptography.hazmat.primitives", "cryptography.hazmat.primitives.asymmetric",
    "cryptography.hazmat.primitives.asymmetric.ed25519", "cryptography.hazmat.primitives.asymmetric.utils",
    "cryptography.hazmat.primitives.ciphers", "cryptography.hazmat.primitives.ciphers.aead",
    "cryptography.hazmat.primitives.kdf.hkdf", "cryptography.hazmat.primitives.serialization",
    "cryptography.x509.oid",
    "numpy", "numpy.typing", "qrcode", "requests", "serial", "smartcard", "smartcard.System", "sqlite_utils",
    "tuf.api", "tuf.api.metadata", "tuf.ngclient", "zxingcpp",
)
# Imported by developer tools only, never by a running kiosk (the bundle leaves them out).
DEV_ONLY = {
    "opencc": "ui/i18n/simplified_gen.py regenerates kiosk/simplified_table.py",
    "PySide6.QtTest": "ui/screenshots.py and ui/staff_screenshots.py drive windows for screenshots",
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


def _ui(tmp: Path) -> str:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from kiosk.app import build_services
    from kiosk.config import KioskConfig
    from ui.app import build_main_window, ensure_app

    app = ensure_app()
    cfg = KioskConfig(data_dir=tmp / "ui-data", platform_url="http://127.0.0.1:9")
    # No sync worker started: nothing is sent.
    services = build_services(cfg, cards=NoCardReader("no card reading in the self-test"))
    try:
        window = build_main_window(services)
        window.resize(1920, 1080)
        window.show()
        app.processEvents()
        screen = window.session.state.screen.value
        window.allow_close()
        window.close()
        app.processEvents()
    finally:
        services.close()
    return f"platform {app.platformName()}, window built on {screen}"


def _translations() -> str:
    from ui import i18n
    from ui.app import ensure_app

    ensure_app()  # installs the translations (ui.i18n.install) when it makes the application
    missing = sorted(set(i18n.LANGUAGES) - set(i18n.loaded_languages()))
    if missing:
        raise RuntimeError(f"no .qm loaded for {', '.join(missing)}: the built-in table is used")
    lacking = {lang: n for lang in i18n.LANGUAGES if (n := len(i18n.missing_keys(lang)))}
    if lacking:
        raise RuntimeError(f"texts missing from the .qm (the built-in table shows them): {lacking}")
    return f"{', '.join(i18n.loaded_languages())} from .qm"


def _pump(seconds: float) -> None:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def _chinese_input() -> str:
    """A Chinese field and the virtual keyboard in a window of their own: Cangjie (a fictional
    name), Zhuyin and Pinyin must all be there, as a member at the form would need them."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QVBoxLayout, QWidget

    from ui.app import ensure_app
    from ui.chinese_input import MODES, ChineseInput
    from ui.widgets import line_edit

    ensure_app()
    window = QWidget()
    layout = QVBoxLayout(window)
    edit = line_edit(input_method=True)
    keyboard = ChineseInput()
    layout.addWidget(edit)
    layout.addWidget(keyboard)
    window.resize(1200, 800)
    window.show()
    try:
        _pump(0.1)
        if not keyboard.available():
            raise RuntimeError(f"Qt Virtual Keyboard unavailable: {keyboard.unavailable_reason()}")
        # The input method attaches to the field that gets the focus after the keyboard exists.
        edit.clearFocus()
        edit.setFocus(Qt.FocusReason.OtherFocusReason)
        _pump(0.1)
        modes = {m: keyboard.set_mode(m) for m in ("zhuyin", "pinyin", "cangjie")}
        wrong = {m: got for m, got in modes.items() if got != MODES[m]}
        if wrong:
            raise RuntimeError(f"input modes not available (asked -> got): {wrong}")
        keyboard.type_cangjie([("nldw", "陳"), ("k", "大"), ("yk", "文")])
        keyboard.set_mode("pinyin")
        for letter in "chen":
            keyboard.press(letter)
        if not keyboard.choose("陈"):
            raise RuntimeError(f"Pinyin offered no 陈 for chen: {keyboard.candidates()[:10]}")
        if edit.text() != "陳大文陈":
            raise RuntimeError(f"typed {edit.text()!r}, expected '陳大文陈'")
        keyboard.clear()
    finally:
        edit.clear()
        window.close()
        window.deleteLater()
        _pump(0.05)
    return "Cangjie 陳大文, Pinyin 陈, Zhuyin offered"


def run(data_dir: Path | None) -> tuple[bool, list[dict[str, Any]]]:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="empf-selftest-") as d:
        tmp = Path(d)
        _step(results, "imports", _imports)
        _step(results, "drivers", _drivers)
        _step(results, "outbox", lambda: _outbox(tmp))
        _step(results, "database", lambda: _database(data_dir))
        _step(results, "ui", lambda: _ui(tmp))
        _step(results, "translations", _translations)
        _step(results, "chinese_input", _chinese_input)
    return all(r["ok"] for r in results), results


def main(data_dir: str | None = None) -> int:
    ddir = data_dir or os.environ.get("EMPF_KIOSK_DATA_DIR")
    t0 = time.perf_counter()
    ok, results = run(Path(ddir) if ddir else None)
    from kiosk.doctor import kiosk_version

    print(json.dumps({"self_test": "pass" if ok else "fail", "version": kiosk_version(),
                      "seconds": round(time.perf_counter() - t0, 2), "steps": results}), flush=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
