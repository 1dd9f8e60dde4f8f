"""`empf-kiosk --self-test` (and `kiosk self-test`): does this build work on this machine?

Starts Qt offscreen and builds the real kiosk window on a throw-away data folder, loads the card
and QR drivers (pyscard loads libpcsclite here), writes and reads an encrypted instruction through
the real outbox, and checks the kiosk's own database read-only (it may be in use by the running
kiosk: nothing here writes to it). Prints one JSON line; exit status 0 only if every step passed.
The installer runs it after every switch and switches back when it fails.
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


def run(data_dir: Path | None) -> tuple[bool, list[dict[str, Any]]]:
    results: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="empf-selftest-") as d:
        tmp = Path(d)
        _step(results, "drivers", _drivers)
        _step(results, "outbox", lambda: _outbox(tmp))
        _step(results, "database", lambda: _database(data_dir))
        _step(results, "ui", lambda: _ui(tmp))
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
