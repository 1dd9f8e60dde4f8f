"""What warming up the Chinese keyboard costs at attract and saves the first member who types Chinese.

    .venv/bin/python bench/chinese_keyboard.py [--runs 3]

Each run starts two fresh kiosk processes (the real MainWindow on the UI's fake services, 1920x1080,
offscreen unless a display is set), interleaved so machine noise hits both alike:

- "cold": the warm-up as it was before it primed the keyboard (its `_prime_chinese` step skipped):
  the baseline, measured in the same run;
- "primed": the warm-up as `kiosk run` does it (ChineseInput.prime_step: panel built, zh_TW input
  method created, one key looked up).

Both warm up, wait at attract (RSS read there), then a member starts an employee enrolment and
taps Next into the step that opens on the Chinese name (time until the step is there with the
keyboard up in Cangjie: `touch_ms`, which includes building the step) and presses one Cangjie
key (time until its candidates are offered: `first_key_ms`). The key is not the one the warm-up
presses, so nothing the warm-up looked up is reused. RSS is read again after that key. Medians of
--runs. The last line is one JSON object with the figures.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIRST_KEY = "口"  # Cangjie r: the member's first key (ui/chinese_input.PRIME_KEY is another one)


def rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def child(primed: bool) -> int:
    import datetime as dt
    import gc

    sys.path.insert(0, str(ROOT))
    from PySide6.QtCore import QCoreApplication

    from devtools.fakes import FakeClock, FakeServices
    from devtools.form_driver import fill_step, open_form
    from kiosk.domain.examples import example
    from ui.app import ensure_app
    from ui.main_window import MainWindow

    if not primed:
        MainWindow._prime_chinese = lambda self: None  # type: ignore[method-assign]  # the baseline
    app = ensure_app()
    with tempfile.TemporaryDirectory(prefix="empf-bench-") as tmp:
        window = MainWindow(FakeServices(data_dir=Path(tmp)), monotonic=FakeClock())
        now = dt.datetime(2026, 11, 26, 10, 0)
        window.session.now = lambda: now
        window.resize(1920, 1080)
        window.show()
        window.warm_up()
        deadline = time.monotonic() + 300
        while window.warming() and time.monotonic() < deadline:
            QCoreApplication.processEvents()
        if window.warming():
            raise RuntimeError("warm-up did not finish in 300 s")
        gc.collect()
        for _ in range(5):
            QCoreApplication.processEvents()
        idle = rss_kb()

        window.attract.start_button.click()
        window.identify.keypad.press("A123456(3)")
        window.identify.continue_button.click()
        open_form(window, "EMPLOYEE_ENROLMENT")
        form = window.form
        values = {k: v for k, v in example("EMPLOYEE_ENROLMENT", now.date()).items() if k != "name_zh"}
        touch_ms = 0.0
        for _ in range(10):  # the steps before the Chinese name
            if "name_zh" in form.editors:
                break
            fill_step(form, values)
            for _ in range(5):
                QCoreApplication.processEvents()
            started = time.perf_counter()
            form.next_button.click()  # the step with the Chinese name opens on it, the keyboard up in Cangjie
            touch_ms = (time.perf_counter() - started) * 1000
        if "name_zh" not in form.editors:
            raise RuntimeError("never reached the Chinese name")
        if form.chinese.engine_state()["mode"] != 4:
            raise RuntimeError(f"not in Cangjie after the touch: {form.chinese.engine_state()}")

        started = time.perf_counter()
        form.chinese._call("press", 0, FIRST_KEY)
        offered: list[str] = []
        for _ in range(3000):  # bounded: ~3 s
            offered = form.chinese.candidates()
            if offered:
                break
            QCoreApplication.processEvents()
            time.sleep(0.001)
        key_ms = (time.perf_counter() - started) * 1000
        if not offered:
            raise RuntimeError("no candidates after the first key")
        after = rss_kb()
        form.chinese.reset()
        window.session.wipe()
        print("RESULT " + json.dumps({"idle_kb": idle, "touch_ms": touch_ms, "first_key_ms": key_ms,
                                      "after_first_key_kb": after}), flush=True)
        window.allow_close()
        window.close()
    app.processEvents()
    return 0


def _run_child(kind: str) -> dict[str, float]:
    env = dict(os.environ)
    if not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env["QT_QPA_PLATFORM"] = "offscreen"
    env["PYTHONPATH"] = str(ROOT)
    out = subprocess.run([sys.executable, __file__, "--child", kind], cwd=ROOT, env=env, capture_output=True,
                         text=True, timeout=600, check=False)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), "")
    if not line:
        print(out.stdout[-2000:], out.stderr[-2000:], file=sys.stderr)
        raise RuntimeError(f"the {kind} child failed (exit {out.returncode})")
    result: dict[str, float] = json.loads(line[len("RESULT "):])
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="kiosk starts of each kind (median taken)")
    parser.add_argument("--child", choices=("cold", "primed"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return child(args.child == "primed")
    runs: dict[str, list[dict[str, float]]] = {"cold": [], "primed": []}
    for _ in range(args.runs):
        for kind in runs:
            runs[kind].append(_run_child(kind))

    def med(kind: str, key: str) -> float:
        return statistics.median(r[key] for r in runs[kind])

    cold_touch, primed_touch = med("cold", "touch_ms"), med("primed", "touch_ms")
    cold_key, primed_key = med("cold", "first_key_ms"), med("primed", "first_key_ms")
    cold_idle, primed_idle = med("cold", "idle_kb") / 1024, med("primed", "idle_kb") / 1024
    cold_after, primed_after = med("cold", "after_first_key_kb") / 1024, med("primed", "after_first_key_kb") / 1024
    print(f"touching the first Chinese field: {cold_touch:.0f} ms cold, {primed_touch:.0f} ms primed "
          f"(ratio {primed_touch / cold_touch:.2f})")
    print(f"first Cangjie key to its candidates: {cold_key:.1f} ms cold, {primed_key:.1f} ms primed "
          f"(ratio {primed_key / cold_key:.2f})")
    print(f"RSS at attract before the first member: {cold_idle:.1f} MB cold, {primed_idle:.1f} MB primed "
          f"(+{primed_idle - cold_idle:.1f} MB); after the first key: {cold_after:.1f} MB cold, "
          f"{primed_after:.1f} MB primed")
    print(json.dumps({
        "runs": args.runs,
        "touch_ms_cold": round(cold_touch, 1), "touch_ms_primed": round(primed_touch, 1),
        "touch_ratio": round(primed_touch / cold_touch, 3),
        "first_key_ms_cold": round(cold_key, 1), "first_key_ms_primed": round(primed_key, 1),
        "first_key_ratio": round(primed_key / cold_key, 3),
        "rss_idle_mb_cold": round(cold_idle, 1), "rss_idle_mb_primed": round(primed_idle, 1),
        "rss_idle_cost_mb": round(primed_idle - cold_idle, 1),
        "rss_after_first_key_mb_cold": round(cold_after, 1), "rss_after_first_key_mb_primed": round(primed_after, 1),
    }))
    return 0


if __name__ == "__main__":
    sys.exit(main())
