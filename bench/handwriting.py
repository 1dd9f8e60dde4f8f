"""Chinese handwriting: top-1 and top-5 accuracy and recognition time on traditional characters
common in Hong Kong names and addresses.

    .venv/bin/python bench/handwriting.py              # fetches the stroke data with npm once
    .venv/bin/python bench/handwriting.py --data DIR   # an unpacked hanzi-writer-data package
    .venv/bin/python bench/handwriting.py --dev        # the development set instead (see below)

The characters (HK_CHARS below, 354 distinct) were compiled by hand for this bench: the ~100 most
common surnames in Hong Kong, characters common in Hong Kong given names, and the words of Hong
Kong addresses (the 18 districts, common area, street and estate names, 街 路 道 里 邨 苑 樓 大廈 室 層
號…). Their strokes come from hanzi-writer-data 2.0.1 (npm; the stroke medians of Make Me a Hanzi,
drawn from Arphic's fonts, Arphic Public License): a stroke-data package the models never saw
(tegaki built them from its own handwriting samples), each median sampled every 8 units of its
1024-unit square as a finger on the pad would be, drawn in a 400 px box. Characters with no strokes
in the package are listed and left out; characters neither model knows count as misses.

Nothing was tuned on these characters: the recogniser's settings (drivers/handwriting/recogniser.py:
MARGIN, ZH_CN_PENALTY, SIMPLIFY) were chosen on `--dev`, 250 characters drawn at random (seed 7)
from the package's characters the Japanese model knows, none of them in HK_CHARS.

Time: per character, the recogniser (HandwritingRecogniser.recognise: normalise, both models,
Traditional forms, merge) against a raw baseline measured in the same run, the bare zinnia call of
one model on the same strokes (HandwritingRecogniser.raw). ratio = recogniser / baseline.
The last line is one JSON object: {"chars", "top1", "top5", "ms_per_char", "recognise_ms",
"raw_ms_per_char", "ratio", "no_data", "unknown"}.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(REPO))

PACKAGE = "hanzi-writer-data@2.0.1"
CACHE = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "empf-kiosk" / "hanzi-writer-data-2.0.1"

SURNAMES = ("陳李張黃何梁吳林劉王鄭楊謝郭曾羅蔡鄧許周馮朱麥潘葉徐蘇盧鍾彭余歐胡高馬譚簡莫廖袁甘孔伍江唐"
            "游方姚區杜程溫韋湯文石龔邱鄺關賴鄒戴侯嚴雷董顧岑崔龐魏施翁霍姜范傅邵尹薛孫宋趙鮑黎凌毛呂容康冼勞樊卓鄔")
GIVEN_NAMES = ("大小明偉強傑華美玲珍芬英秀麗嘉欣詠詩慧敏穎婷家俊國志榮輝健德賢達豪浩耀光寶金銀玉月雲鳳燕蓮梅蘭"
               "淑惠愛嬌娟翠霞佩儀琪潔雯少樂永安平正宏忠仁義禮智信順興昌盛福祿壽喜財發富貴成功生添亮龍麒麟建基森"
               "泉海波濤鴻鵬翔銘斌彬雄威民祥瑞琳蕙萍瑩碧靜凱駿聰")
ADDRESSES = ("九龍旺角彌敦道香港島新界中西區灣仔東南油尖深水埗城觀塘荃屯門元朗北沙田葵青離貢埔銅鑼咀佐太子紅磡"
             "土瓜將軍澳柴筲箕鰂魚涌跑馬地薄扶堅尼上環鐘半山頂硤尾荔枝美孚藍牛頭彩虹鑽慈蒲崗富鞍火炭粉嶺天圍衣"
             "街路里巷徑坊邨苑樓廈座室層號花園廣場心閣軒台宮莊村屋皇后輔詩告士打亞皆老窩漆咸限鯉啟景濱口碼工業商")
HK_CHARS = list(dict.fromkeys(SURNAMES + GIVEN_NAMES + ADDRESSES))

SAMPLE_STEP = 8  # units of the 1024-unit square between points: a finger's sampling on a 400 px box
BOX_PX = 400


def _extract(tar: tarfile.TarFile, dest: Path) -> None:
    """Files and folders inside `dest` only: tarfile's data filter where this Python has it, the
    same checks by hand on 3.11.2 (Debian 12's), whose tarfile has no filters."""
    if hasattr(tarfile, "data_filter"):
        tar.extractall(dest, filter="data")
        return
    for member in tar.getmembers():
        if not (member.isfile() or member.isdir()) or member.name.startswith("/") or ".." in Path(member.name).parts:
            raise SystemExit(f"{PACKAGE}: unexpected archive entry {member.name!r}")
    tar.extractall(dest)


def fetch(target: Path) -> Path:
    """The package unpacked at `target` (npm pack: the registry's ordinary client)."""
    if (target / "陳.json").exists():
        return target
    npm = shutil.which("npm")
    if npm is None:
        raise SystemExit(f"npm is needed once to fetch {PACKAGE} (apt-get install npm), or pass --data DIR")
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([npm, "pack", PACKAGE, "--silent"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
        tgz = next(Path(tmp).glob("hanzi-writer-data-*.tgz"))
        with tarfile.open(tgz) as tar:
            _extract(tar, Path(tmp))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(target, ignore_errors=True)
        shutil.move(str(Path(tmp) / "package"), str(target))
    return target


def strokes(data: Path, char: str) -> list[list[tuple[float, float]]] | None:
    """The character's stroke medians as a finger would draw them: y downwards, a point every
    SAMPLE_STEP units, in a BOX_PX square."""
    path = data / f"{char}.json"
    if not path.exists():
        return None
    scale = BOX_PX / 1024
    out = []
    for median in json.loads(path.read_text(encoding="utf-8"))["medians"]:
        pts = [(float(x), 900.0 - float(y)) for x, y in median]  # the data's y is upwards, from 900
        dense: list[tuple[float, float]] = []
        for (ax, ay), (bx, by) in itertools.pairwise(pts):
            n = max(1, int((abs(bx - ax) + abs(by - ay)) / SAMPLE_STEP))
            dense += [(ax + (bx - ax) * i / n, ay + (by - ay) * i / n) for i in range(n)]
        dense.append(pts[-1])
        out.append([(round(x * scale), round(y * scale)) for x, y in dense])
    return out


def dev_chars(data: Path, known: set[str]) -> list[str]:
    every = sorted(p.stem for p in data.glob("*.json") if len(p.stem) == 1)
    pool = [c for c in every if c in known and c not in set(HK_CHARS)]
    return random.Random(7).sample(pool, 250)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, help="an unpacked hanzi-writer-data package (default: fetched)")
    parser.add_argument("--dev", action="store_true", help="the development set, not the Hong Kong list")
    parser.add_argument("--show-misses", action="store_true", help="list the characters not in the top 5")
    args = parser.parse_args(argv)

    from drivers.handwriting import HandwritingRecogniser, unavailable_reason
    from drivers.handwriting.forms_table import TRADITIONAL

    why = unavailable_reason()
    if why:
        raise SystemExit(why)
    data = args.data or fetch(CACHE)
    rec = HandwritingRecogniser()
    models = rec.models()
    known: set[str] = set()
    for model in models.values():
        for c in model.characters():
            known.add(c)
            known.update(TRADITIONAL.get(c, ""))
    chars = dev_chars(data, set(models["ja"].characters())) if args.dev else HK_CHARS
    tried: list[tuple[str, list[list[tuple[float, float]]]]] = []
    no_data = []
    for ch in chars:
        s = strokes(data, ch)
        if s is None:
            no_data.append(ch)
        else:
            tried.append((ch, s))
    rec.recognise(tried[0][1])  # the models mapped and the tables imported before timing

    top1 = top5 = 0
    misses: list[str] = []
    raw_s = wrap_s = 0.0
    for ch, s in tried:
        t0 = time.perf_counter()
        rec.raw(s, 10)
        t1 = time.perf_counter()
        got = rec.recognise(s, 10)
        t2 = time.perf_counter()
        raw_s += t1 - t0
        wrap_s += t2 - t1
        top1 += got[:1] == [ch]
        top5 += ch in got[:5]
        if ch not in got[:5]:
            misses.append(ch)
    n = len(tried)
    unknown = [c for c, _ in tried if c not in known]
    print(f"set: {'development (random, seed 7)' if args.dev else 'Hong Kong names and addresses'}; "
          f"{len(chars)} characters, {n} with stroke data")
    if no_data:
        print(f"no stroke data in {PACKAGE}: {''.join(no_data)}")
    print(f"known to neither model in any form ({len(unknown)}): {''.join(unknown)}")
    print(f"top-1 {top1}/{n} = {top1 / n:.3f}   top-5 {top5}/{n} = {top5 / n:.3f}")
    if args.show_misses:
        print(f"not in the top 5 ({len(misses)}): {''.join(misses)}")
    ms, raw_ms = wrap_s / n * 1000, raw_s / n * 1000
    print(f"recognise: {ms:.1f} ms a character; raw baseline (one model's bare zinnia call): {raw_ms:.1f} ms; "
          f"ratio {ms / raw_ms:.2f}")
    print(json.dumps({"chars": n, "top1": round(top1 / n, 3), "top5": round(top5 / n, 3),
                      "ms_per_char": round(ms, 2), "recognise_ms": round(ms, 2), "raw_ms_per_char": round(raw_ms, 2),
                      "ratio": round(ms / raw_ms, 2), "no_data": len(no_data), "unknown": len(unknown)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
