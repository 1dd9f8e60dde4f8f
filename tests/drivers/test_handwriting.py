"""drivers/handwriting: the real libzinnia and tegaki models (scripts/setup.sh installs them) on
recorded strokes (devtools/data/handwriting_strokes.json)."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from drivers.handwriting import HandwritingRecogniser, unavailable_reason
from drivers.handwriting.recogniser import BOX, MARGIN, normalise, simplify
from drivers.handwriting.zinnia import Model, ZinniaError

STROKES: dict[str, list[list[list[float]]]] = json.loads(
    (Path(__file__).parents[2] / "devtools" / "data" / "handwriting_strokes.json").read_text(encoding="utf-8"))["chars"]

needs_models = pytest.mark.skipif(bool(unavailable_reason()), reason=unavailable_reason() or "")


def drawn(char: str, size: float = 300, x: float = 0, y: float = 0) -> list[list[tuple[float, float]]]:
    return [[(x + px * size, y + py * size) for px, py in stroke] for stroke in STROKES[char]]


@pytest.fixture(scope="module")
def recogniser() -> HandwritingRecogniser:
    return HandwritingRecogniser()


@needs_models
@pytest.mark.parametrize("char", list("陳大文九龍旺角彌敦道"))
def test_each_recorded_character_comes_first(recogniser: HandwritingRecogniser, char: str) -> None:
    assert recogniser.recognise(drawn(char), 10)[0] == char


@needs_models
def test_size_and_place_on_the_pad_do_not_matter(recogniser: HandwritingRecogniser) -> None:
    for size, x, y in ((120, 0, 0), (300, 40, 90), (900, 500, 20)):
        assert recogniser.recognise(drawn("龍", size, x, y), 5)[0] == "龍", (size, x, y)


@needs_models
def test_simplified_model_answers_come_in_the_members_script(recogniser: HandwritingRecogniser) -> None:
    """黄 (the Simplified shape, which only the Simplified model knows) is 黃 for Hong Kong, 黄 in 简体;
    陳 written in full is 陈 for a 简体中文 member."""
    traditional = recogniser.recognise(drawn("黄"), 10)
    assert traditional[0] == "黃" and "黄" not in traditional
    assert recogniser.recognise(drawn("黄"), 10, "simplified")[0] == "黄"
    assert recogniser.recognise(drawn("陳"), 10, "simplified")[0] == "陈"


@needs_models
def test_candidates_are_ranked_and_unique(recogniser: HandwritingRecogniser) -> None:
    got = recogniser.candidates(drawn("敦"), 10)
    assert len(got) == 10 and len({c.char for c in got}) == 10
    assert [c.score for c in got] == sorted((c.score for c in got), reverse=True)
    assert recogniser.candidates([], 10) == [] and recogniser.candidates([[]], 10) == []


@needs_models
def test_threads_share_one_recogniser(recogniser: HandwritingRecogniser) -> None:
    results: dict[str, str] = {}

    def read(char: str) -> None:
        results[char] = recogniser.recognise(drawn(char), 5)[0]

    threads = [threading.Thread(target=read, args=(c,)) for c in "陳大文九龍"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    assert results == {c: c for c in "陳大文九龍"}


def test_normalise_centres_the_character_keeping_its_shape() -> None:
    wide = normalise([[(10, 10), (110, 10)], [(10, 30), (110, 60)]])  # 100 wide, 50 high
    xs = [x for s in wide for x, _ in s]
    ys = [y for s in wide for _, y in s]
    inner = BOX * (1 - 2 * MARGIN)
    assert min(xs) == pytest.approx(BOX * MARGIN) and max(xs) == pytest.approx(BOX - BOX * MARGIN)
    assert max(ys) - min(ys) == pytest.approx(inner / 2)  # aspect kept
    assert (min(ys) + max(ys)) / 2 == pytest.approx(BOX / 2)  # centred
    dot = normalise([[(5, 5)]])
    assert dot == [[(BOX / 2, BOX / 2)]]


def test_simplify_keeps_corners_and_drops_wobble() -> None:
    line = [(float(x), 100.0 + (1 if x % 2 else 0)) for x in range(0, 200, 2)] + [(200.0, 300.0)]
    assert simplify(line, 5) == [(0.0, 100.0), (198.0, 100.0), (200.0, 300.0)]
    assert simplify(line, 0) == line


def test_a_missing_model_is_reported_not_raised(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EMPF_HANDWRITING_MODELS", str(tmp_path))
    why = unavailable_reason()
    assert "handwriting-ja.model" in why and "apt-get install" in why
    (tmp_path / "handwriting-ja.model").write_bytes(b"not a model")
    (tmp_path / "handwriting-zh_CN.model").write_bytes(b"not a model")
    if not unavailable_reason():  # libzinnia present: a broken file is refused with its name
        with pytest.raises(ZinniaError, match=r"handwriting-ja\.model"):
            Model(tmp_path / "handwriting-ja.model")
