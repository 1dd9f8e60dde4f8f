"""Strokes → candidate characters, Traditional Chinese first (or Simplified for 简体中文 members).

Two models from Debian's package archive, both tegaki's zinnia models (LGPL):
- handwriting-ja (tegaki-zinnia-japanese, 6,420 characters): the Japanese kanji include most
  Traditional forms a Hong Kong name or address uses (陳, 龍, 彌, 鄭, 劉, 區, 灣…);
- handwriting-zh_CN (tegaki-zinnia-simplified-chinese, 6,763 characters): adds characters the
  Japanese set lacks whose shape is the same in both scripts (婷, 琪, 雯, 荃, 荔…), and its answers
  are turned into Traditional forms (黄 → 黃).
Both are asked; answers are merged by score, the Simplified model's lowered by ZH_CN_PENALTY
(chosen on characters outside the bench's list, bench/handwriting.py). No Traditional model exists
in the archive, so a Traditional character that neither set holds in its own shape and whose
Simplified shape differs (鄧, 龔, 賴, 龐, 鄺, 埗, 磡…) cannot be recognised: docs/ui.md, "Handwriting".
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from drivers.handwriting.zinnia import Model, ZinniaError

Point = tuple[float, float]
Stroke = Sequence[Point]

SYSTEM_MODELS = Path("/usr/share/tegaki/models/zinnia")
MODEL_FILES = {"ja": "handwriting-ja.model", "zh_CN": "handwriting-zh_CN.model"}
BUNDLE_DIR = "handwriting"  # inside a PyInstaller bundle (build/kiosk.spec copies the models there)
ENV_DIR = "EMPF_HANDWRITING_MODELS"

BOX = 1000  # strokes are scaled into a BOX × BOX square before classifying
MARGIN = 0.2  # of BOX on each side: tegaki's models were trained on characters with such a margin
ZH_CN_PENALTY = 0.1  # taken off the Simplified model's scores when merging (dev set: top-5 0.84 → 0.90)
SIMPLIFY = 0.01  # of BOX: wobbles smaller than this are dropped (zinnia minded dense, jagged finger input)
PER_MODEL = 12  # candidates asked of each model before merging


@dataclass(frozen=True)
class Candidate:
    char: str
    score: float


def model_dir() -> Path:
    """Where the models are: $EMPF_HANDWRITING_MODELS, the bundle's own copy, or Debian's."""
    env = os.environ.get(ENV_DIR)
    if env:
        return Path(env)
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle and (Path(bundle) / BUNDLE_DIR).is_dir():
        return Path(bundle) / BUNDLE_DIR
    return SYSTEM_MODELS


def model_paths() -> dict[str, Path]:
    folder = model_dir()
    return {name: folder / file for name, file in MODEL_FILES.items()}


def unavailable_reason() -> str:
    """'' when handwriting can be recognised here, else why not (for technicians and logs)."""
    missing = [str(p) for p in model_paths().values() if not p.is_file()]
    if missing:
        return "handwriting model missing: " + ", ".join(missing) + \
            " (apt-get install tegaki-zinnia-japanese tegaki-zinnia-simplified-chinese)"
    try:
        from drivers.handwriting.zinnia import library

        library()
    except ZinniaError as e:
        return str(e)
    return ""


def normalise(strokes: Sequence[Stroke]) -> list[list[Point]]:
    """Scale and centre the character into the BOX square, keeping its shape (a member writes at
    any size and anywhere on the pad; the models expect a centred character)."""
    points = [p for s in strokes for p in s]
    if not points:
        return []
    xs = [p[0] for p in points]
    ys = [p[1] for p in points]
    x0, y0 = min(xs), min(ys)
    w, h = max(xs) - x0, max(ys) - y0
    inner = BOX * (1 - 2 * MARGIN)
    scale = inner / max(w, h, 1e-6) if max(w, h) > 1 else 1.0
    ox, oy = (BOX - w * scale) / 2, (BOX - h * scale) / 2
    return [simplify([(ox + (x - x0) * scale, oy + (y - y0) * scale) for x, y in s], SIMPLIFY * BOX)
            for s in strokes if s]


def simplify(stroke: Sequence[Point], tolerance: float = 0.0) -> list[Point]:
    """The stroke's corners and ends only (Ramer-Douglas-Peucker): a finger sampled every few
    pixels and a sparse recording of the same line give the recogniser the same shape."""
    points = list(stroke)
    if tolerance <= 0 or len(points) < 3:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    todo = [(0, len(points) - 1)]
    while todo:
        first, last = todo.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        length = (dx * dx + dy * dy) ** 0.5
        far, far_at = 0.0, -1
        for i in range(first + 1, last):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / length if length else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > far:
                far, far_at = d, i
        if far > tolerance:
            keep[far_at] = True
            todo += [(first, far_at), (far_at, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


class HandwritingRecogniser:
    """Opens the models on first use (a few ms: zinnia maps the files) and is safe to share
    between threads (zinnia keeps no state between calls)."""

    def __init__(self, folder: Path | None = None) -> None:
        self._folder = folder
        self._models: dict[str, Model] | None = None
        self._lock = threading.Lock()

    def models(self) -> dict[str, Model]:
        with self._lock:
            if self._models is None:
                folder = self._folder or model_dir()
                self._models = {name: Model(folder / file) for name, file in MODEL_FILES.items()}
            return self._models

    def raw(self, strokes: Sequence[Stroke], n: int = 10, model: str = "ja") -> list[tuple[str, float]]:
        """One model's bare answer for the strokes as given (no scaling, no merging, no forms):
        the baseline bench/handwriting.py measures against."""
        return self.models()[model].classify(strokes, BOX, n)

    def candidates(self, strokes: Sequence[Stroke], n: int = 10, script: str = "traditional") -> list[Candidate]:
        """The n most likely characters for `strokes` (each a list of (x, y), y downwards, in any
        units), best first. script "traditional" gives Hong Kong forms (a model's Simplified or
        Japanese form is replaced by its Traditional one); "simplified" gives Simplified forms."""
        from drivers.handwriting.forms_table import SIMPLIFIED, TRADITIONAL

        shape = normalise(strokes)
        if not shape:
            return []
        best: dict[str, float] = {}
        for name, model in self.models().items():
            penalty = ZH_CN_PENALTY if name == "zh_CN" else 0.0
            for char, score in model.classify(shape, BOX, PER_MODEL):
                forms = SIMPLIFIED.get(char, char) if script == "simplified" else TRADITIONAL.get(char, char)
                for rank, form in enumerate(forms):
                    # A second Traditional form (发 → 發, 髮) ranks just below the first.
                    value = score - penalty - 0.01 * rank
                    if value > best.get(form, -1e9):
                        best[form] = value
        ranked = sorted(best.items(), key=lambda kv: -kv[1])[:n]
        return [Candidate(c, s) for c, s in ranked]

    def recognise(self, strokes: Sequence[Stroke], n: int = 10, script: str = "traditional") -> list[str]:
        return [c.char for c in self.candidates(strokes, n, script)]
