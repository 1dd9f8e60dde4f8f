"""HID keyboard-wedge scanners: bursts of keystrokes recognised by timing and terminator, kept
apart from people typing (on a physical keyboard) and from the on-screen keyboard (no key events)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.qr.wedge import MAX_GAP_S, WedgeRecogniser, WedgeSource
from kiosk.ports import QrRead, QrSourceKind

SCANNER_GAP_S = 0.004


def feed(rec: WedgeRecogniser[int], text: str, start: float, gap: float, terminator: bool = True) -> tuple[
        list[int], list[str], list[bool], float]:
    """Type `text` (then Enter) with `gap` seconds between keys. Returns (replayed tokens, scans,
    hold verdicts, time of the last key)."""
    replayed: list[int] = []
    scans: list[str] = []
    holds: list[bool] = []
    t = start
    for i, ch in enumerate(text):
        out = rec.key(ch, t, i)
        replayed += out.replay
        holds.append(out.hold)
        if out.scan is not None:
            scans.append(out.scan)
        t += gap
    if terminator:
        out = rec.key("", t, -1, terminator=True)
        replayed += out.replay
        holds.append(out.hold)
        if out.scan is not None:
            scans.append(out.scan)
    return replayed, scans, holds, t


def test_scanner_burst_is_one_scan_and_swallowed() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    replayed, scans, holds, _ = feed(rec, "RSD1234567890123456", 100.0, SCANNER_GAP_S)
    assert scans == ["RSD1234567890123456"]
    assert replayed == [] and all(holds)  # nothing reached the focused field
    assert not rec.holding and rec.deadline() is None


def test_typing_is_given_back_in_order() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    t = 100.0
    replayed: list[int] = []
    for i, ch in enumerate("A123456"):
        out = rec.key(ch, t, i)
        assert out.hold  # held for at most MAX_GAP_S ...
        deadline = rec.deadline()
        assert deadline is not None and deadline <= t + MAX_GAP_S
        replayed += rec.timeout(deadline).replay  # ... then the timer gives it back
        t += 0.15  # a person: 150 ms a key
    out = rec.key("", t, -1, terminator=True)
    assert not out.hold and out.scan is None  # Enter reaches the field (it submits the form)
    assert replayed == list(range(7))


def test_fast_typist_without_timer_still_typing() -> None:
    # The timer may be late (a busy GUI thread): the next key's timestamp settles it.
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    replayed, scans, holds, _ = feed(rec, "HELLO", 10.0, 0.06)
    assert scans == [] and replayed == [0, 1, 2, 3, 4]
    assert holds[-1] is False  # Enter passes


def test_short_bursts_are_typing() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    replayed, scans, _, _ = feed(rec, "ab", 5.0, 0.003)  # a rollover of two keys then Enter
    assert scans == [] and replayed == [0, 1]


def test_on_screen_typing_during_a_burst_does_not_mix() -> None:
    # The on-screen keyboard inserts text directly (no key events), so only the scanner's keys come
    # here; a burst interrupted by a long pause is split: the first part given back as typing.
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    r1, s1, _, t = feed(rec, "RSD12345", 1.0, SCANNER_GAP_S, terminator=False)
    assert s1 == [] and r1 == []
    r2, s2, _, _ = feed(rec, "6789", t + 0.5, SCANNER_GAP_S)  # half a second later
    assert r2[:8] == list(range(8)) and s2 == ["6789"]


def test_modifier_keys_are_ignored_inside_a_burst() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    t = 0.0
    for i, ch in enumerate("AbCd"):
        assert not rec.key("", t, 100 + i).hold  # Shift down: types nothing, passes
        rec.key(ch, t + 0.001, i)
        t += SCANNER_GAP_S
    assert rec.key("", t, -1, terminator=True).scan == "AbCd"


def test_runaway_burst_is_bounded_and_marked() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser(max_length=50)
    _, scans, holds, _ = feed(rec, "9" * 500, 0.0, 0.001)
    assert all(holds) and len(scans) == 1
    assert len(scans[0]) == 51 and scans[0].endswith("\x00")  # refused as too large downstream


def test_flush_gives_back_everything() -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    rec.key("x", 0.0, 1)
    rec.key("y", 0.001, 2)
    assert rec.flush() == [1, 2] and not rec.holding


@given(st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789:-$%", min_size=4, max_size=200),
       st.lists(st.floats(0.0005, 0.03), min_size=1, max_size=20))
@settings(max_examples=200, deadline=None)
def test_property_scanner_bursts_are_scans(code: str, gaps: list[float]) -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    t = 50.0
    for i, ch in enumerate(code):
        out = rec.key(ch, t, i)
        assert out.hold and not out.replay
        t += gaps[i % len(gaps)]
    out = rec.key("", t, -1, terminator=True)
    assert out.scan == code


@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789", min_size=1, max_size=60),
       st.lists(st.floats(0.045, 0.6), min_size=1, max_size=20), st.booleans())
@settings(max_examples=200, deadline=None)
def test_property_human_typing_is_never_a_scan(text: str, gaps: list[float], timer_fires: bool) -> None:
    rec: WedgeRecogniser[int] = WedgeRecogniser()
    t = 7.0
    given_back: list[int] = []
    for i, ch in enumerate(text):
        out = rec.key(ch, t, i)
        assert out.scan is None
        given_back += out.replay
        if timer_fires and (d := rec.deadline()) is not None:
            given_back += rec.timeout(d).replay
        t += gaps[i % len(gaps)]
    out = rec.key("", t, -1, terminator=True)
    assert out.scan is None and not out.hold
    given_back += out.replay
    assert given_back == list(range(len(text)))  # every key reached the field, in order


def test_wedge_source_delivers_scans() -> None:
    reads: list[QrRead] = []

    class Events:
        def qr_read(self, read: QrRead) -> None:
            reads.append(read)

    src: WedgeSource[int] = WedgeSource(monotonic=lambda: 42.0)
    out = src.key("A", 0.0, 1)
    assert not out.hold  # not started: keys pass straight through
    src.start(Events())
    for i, ch in enumerate("BLD1234567890123456"):
        src.key(ch, i * 0.002, i)
    src.key("", 0.05, -1, terminator=True)
    assert [(r.payload, r.source, r.at) for r in reads] == [(b"BLD1234567890123456", QrSourceKind.WEDGE, 42.0)]
    src.stop()
    assert not src.running
