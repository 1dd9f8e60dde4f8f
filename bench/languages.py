"""简体中文 cost: the Traditional -> Simplified conversion, and a language switch on a real form step.

    .venv/bin/python bench/languages.py               # 30 switches per language, 3 conversion rounds
    .venv/bin/python bench/languages.py --switches 5  # quicker

1. conversion: every Chinese string in the kiosk's sources (ui.i18n.simplified_gen.han_strings)
   through kiosk.simplified.to_simplified, beside a raw baseline measured in the same run: the same
   strings through str.translate with an empty table (a pass over the text that changes nothing).
   Figures: microseconds per string for each, and conversion_ratio = conversion / baseline.
2. switch: the kiosk's main window (Qt offscreen, devtools.fakes.FakeServices) on the fund-allocation step
   of a fund switch; the median time of EN -> 繁 and of EN -> 简 (a click on the header button until
   the event loop has run). switch_ratio = 简 / 繁: what deriving Simplified at run time adds to a
   switch (goal <= 1.2).

The last line is one JSON object: {"conversion_us", "baseline_us", "conversion_ratio",
"switch_zh_hk_ms", "switch_zh_cn_ms", "switch_ratio"}.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def conversion(rounds: int) -> tuple[float, float, int]:
    """(µs per string converted, µs per string of the baseline, how many strings)."""
    from kiosk.simplified import to_simplified
    from ui.i18n.simplified_gen import han_strings

    texts = [s for _, s in han_strings()]
    empty: dict[int, str] = {}
    best_conv = best_base = float("inf")
    for _ in range(rounds):
        t0 = time.perf_counter()
        for s in texts:
            s.translate(empty)
        t1 = time.perf_counter()
        for s in texts:
            to_simplified(s)
        t2 = time.perf_counter()
        best_base, best_conv = min(best_base, t1 - t0), min(best_conv, t2 - t1)
    n = len(texts)
    return best_conv / n * 1e6, best_base / n * 1e6, n


def switches(count: int) -> tuple[float, float]:
    """Median ms of EN -> 繁 and EN -> 简 on a form step."""
    import datetime as dt

    from PySide6.QtCore import QCoreApplication

    from devtools.fakes import FakeClock, FakeServices
    from devtools.form_driver import fill_step
    from kiosk.domain.examples import example
    from ui.app import ensure_app
    from ui.main_window import MainWindow

    ensure_app()
    w = MainWindow(FakeServices(), monotonic=FakeClock())
    w.start()
    w.clock.stop()
    w.resize(1920, 1080)
    w.show()
    try:
        w.session.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
        w.attract.start_button.click()
        w.identify.keypad.press("A123456(3)")
        w.identify.continue_button.click()
        w.menu.buttons["FUND_SWITCH"].click()
        values = example("FUND_SWITCH", dt.date(2026, 11, 26))
        for _ in range(10):  # bounded: to the allocation step
            step = w.session.current_step()
            if step is None or "allocation" in step.fields:
                break
            fill_step(w.form, values)
            w.form.next_button.click()
        app = QCoreApplication.instance()
        assert app is not None
        timings: dict[str, list[float]] = {"zh_HK": [], "zh_CN": []}
        for _ in range(count):
            for lang, button in (("zh_HK", w.header.lang_zh), ("zh_CN", w.header.lang_cn)):
                w.header.lang_en.click()
                app.processEvents()
                t0 = time.perf_counter()
                button.click()
                app.processEvents()
                timings[lang].append((time.perf_counter() - t0) * 1000)
                assert w.session.state.lang == lang
        return statistics.median(timings["zh_HK"]), statistics.median(timings["zh_CN"])
    finally:
        w.session.wipe()
        w.allow_close()
        w.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--switches", type=int, default=30, help="switches per language (default 30)")
    parser.add_argument("--rounds", type=int, default=3, help="conversion rounds, the best counts (default 3)")
    args = parser.parse_args(argv)
    conv_us, base_us, n = conversion(max(1, args.rounds))
    print(f"conversion: {n} strings, {conv_us:.2f} us each (baseline str.translate {base_us:.2f} us, "
          f"x{conv_us / base_us:.1f})", file=sys.stderr)
    hk_ms, cn_ms = switches(max(1, args.switches))
    print(f"switch EN -> 繁 {hk_ms:.1f} ms, EN -> 简 {cn_ms:.1f} ms (x{cn_ms / hk_ms:.2f})", file=sys.stderr)
    print(json.dumps({"conversion_us": round(conv_us, 3), "baseline_us": round(base_us, 3),
                      "conversion_ratio": round(conv_us / base_us, 2), "strings": n,
                      "switch_zh_hk_ms": round(hk_ms, 2), "switch_zh_cn_ms": round(cn_ms, 2),
                      "switch_ratio": round(cn_ms / hk_ms, 3)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
