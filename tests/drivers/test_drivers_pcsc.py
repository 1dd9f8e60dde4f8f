"""The PC/SC driver against a real pcscd with vsmartcard-vpcd and virtual cards.

Everything here goes through pcscd and pyscard as in production; only the card is virtual.
"""

from __future__ import annotations

import logging
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from drivers.cards import simple_identity as layout
from drivers.pcsc.apdu import read_binary, select_aid, select_ef, transmit
from drivers.pcsc.channel import CardChannel
from drivers.pcsc.errors import TransmitError
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.applet import GarbageApplet
from drivers.virtual.identity_card import (
    CardHolder,
    IdentityCardApplet,
    UnknownCardApplet,
    malformed_identity_file,
)
from kiosk.domain import IdentitySource
from kiosk.ports import CardErrorCode, CardReadResult
from tests.support.pcsc import (
    CARD_TIMEOUT,
    READER_0,
    READER_1,
    TEST_HOLDER,
    RecordedEvents,
    VirtualCardFactory,
    reader_empty,
    reader_state,
    wait_until,
)

pytestmark = pytest.mark.pcsc

OTHER_HOLDER = CardHolder("B765432(A)", "WONG SIU MING", "黃小明", "1985-12-31")


def _error(result: CardReadResult) -> CardErrorCode:
    assert result.identity is None and result.error is not None, result
    return result.error.code


# ---------------------------------------------------------------- reading


def test_readers_lists_the_virtual_readers(card_reader: PcscCardReader) -> None:
    assert {READER_0, READER_1} <= set(card_reader.readers())


def test_read_identity(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    card = virtual_card()
    result = card_reader.read_identity(READER_0)
    assert result.ok and result.error is None
    identity = result.identity
    assert identity is not None
    assert (identity.hkid, identity.name_en, identity.name_zh, identity.date_of_birth) == (
        TEST_HOLDER.hkid, TEST_HOLDER.name_en, TEST_HOLDER.name_zh, TEST_HOLDER.date_of_birth
    )
    assert identity.source is IdentitySource.CARD and identity.reader == READER_0
    applet = card.applet
    assert isinstance(applet, IdentityCardApplet)
    # SELECT application, SELECT file, then the file in 0xDF-byte chunks.
    assert applet.commands == [0xA4, 0xA4, 0xB0, 0xB0]


def test_read_identity_from_a_t0_style_card(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    applet = IdentityCardApplet(chain_responses=True, get_response_max=0x40)
    virtual_card(applet)
    result = card_reader.read_identity(READER_0)
    assert result.identity is not None and result.identity.hkid == TEST_HOLDER.hkid
    assert applet.commands.count(0xC0) >= 6  # GET RESPONSE after SELECT and after each READ


def test_two_cards_in_two_readers(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card(IdentityCardApplet(holder=TEST_HOLDER), slot=0)
    virtual_card(IdentityCardApplet(holder=OTHER_HOLDER), slot=1)
    results: dict[str, CardReadResult] = {}

    def read(reader: str) -> None:
        results[reader] = card_reader.read_identity(reader)

    threads = [threading.Thread(target=read, args=(r,)) for r in (READER_0, READER_1)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    first, second = results[READER_0].identity, results[READER_1].identity
    assert first is not None and second is not None, results
    assert (first.hkid, first.name_en, first.reader) == (TEST_HOLDER.hkid, TEST_HOLDER.name_en, READER_0)
    assert (second.hkid, second.name_zh, second.date_of_birth, second.reader) == (
        OTHER_HOLDER.hkid, OTHER_HOLDER.name_zh, OTHER_HOLDER.date_of_birth, READER_1
    )


# ---------------------------------------------------------------- APDU chaining through pcscd


def test_transmit_follows_61xx(virtual_card: VirtualCardFactory) -> None:
    applet = IdentityCardApplet(chain_responses=True, get_response_max=0x40)
    virtual_card(applet)
    with CardChannel.open(READER_0) as card:
        assert transmit(card, select_aid(layout.AID)).ok
        assert transmit(card, select_ef(layout.EF_IDENTITY)).ok
        applet.commands.clear()
        response = transmit(card, read_binary(0, 0xDF))
    assert response.ok and response.data == applet.file[:0xDF]
    # 0xDF = 223 bytes handed out 64 at a time: 61DF, then 61 9F, 61 5F, 61 1F, 9000.
    assert applet.commands == [0xB0, 0xC0, 0xC0, 0xC0, 0xC0]


def test_transmit_resends_with_the_exact_le_on_6cxx(virtual_card: VirtualCardFactory) -> None:
    applet = IdentityCardApplet()
    virtual_card(applet)
    with CardChannel.open(READER_0) as card:
        transmit(card, select_aid(layout.AID))
        transmit(card, select_ef(layout.EF_IDENTITY))
        applet.commands.clear()
        response = transmit(card, read_binary(len(applet.file) - 10, 0xDF))
    assert response.ok and response.data == applet.file[-10:]
    assert applet.commands == [0xB0, 0xB0]  # 6C0A, then again with Le 0A


class _Chatty:
    """A card that never finishes answering (61xx forever), or always wants another Le."""

    atr = bytes.fromhex("3B8080010101")

    def __init__(self, sw1: int) -> None:
        self.sw1 = sw1
        self.count = 0

    def process(self, apdu: bytes) -> bytes:
        self.count += 1
        return (b"\x00" * 16 if self.sw1 == 0x61 else b"") + bytes([self.sw1, 0x10])

    def reset(self) -> None:
        pass


@pytest.mark.parametrize(("sw1", "message"), [(0x61, "GET RESPONSE rounds"), (0x6C, "asked twice")])
def test_transmit_loops_are_bounded(virtual_card: VirtualCardFactory, sw1: int, message: str) -> None:
    applet = _Chatty(sw1)
    virtual_card(applet)
    with CardChannel.open(READER_0) as card, pytest.raises(TransmitError, match=message):
        transmit(card, read_binary(0, 0x10), max_rounds=8)
    assert applet.count <= 9


def test_virtual_card_status_words(virtual_card: VirtualCardFactory) -> None:
    applet = IdentityCardApplet()
    virtual_card(applet)
    size = len(applet.file)
    with CardChannel.open(READER_0) as card:
        assert transmit(card, read_binary(0, 1)).sw == 0x6986  # no file selected yet
        assert transmit(card, select_aid(b"\xa0\x00\x00\x00\x03")).sw == 0x6A82
        assert transmit(card, select_aid(layout.AID)).data[:2] == b"\x6f\x0a"  # FCI
        assert transmit(card, select_ef(0x0102)).sw == 0x6A82
        assert transmit(card, select_ef(layout.EF_IDENTITY)).ok
        assert transmit(card, read_binary(size, 1)).sw == 0x6B00
        assert transmit(card, bytes.fromhex("00CA000000")).sw == 0x6D00
        assert transmit(card, bytes.fromhex("80B0000001")).sw == 0x6E00
        assert transmit(card, read_binary(size - 1, 1)).data == applet.file[-1:]


# ---------------------------------------------------------------- errors, never exceptions


@pytest.mark.parametrize("after", [0, 1, 2, 3])
def test_card_pulled_mid_read(virtual_card: VirtualCardFactory, card_reader: PcscCardReader, after: int) -> None:
    # after=3: pulled between the two READ BINARY chunks of the identity file.
    virtual_card(remove_after_apdus=after)
    started = time.monotonic()
    result = card_reader.read_identity(READER_0)
    assert _error(result) is CardErrorCode.REMOVED
    assert time.monotonic() - started < 2.0


def test_unknown_card(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card(UnknownCardApplet())
    assert _error(card_reader.read_identity(READER_0)) is CardErrorCode.UNKNOWN_CARD


def test_malformed_tlv(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card(IdentityCardApplet(malformed_identity_file(TEST_HOLDER)))
    result = card_reader.read_identity(READER_0)
    assert _error(result) is CardErrorCode.UNREADABLE
    assert result.error is not None and "truncated" in result.error.detail


def test_wrong_check_digit_on_card(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card(IdentityCardApplet(holder=CardHolder("A123456(4)", "CHAN TAI MAN", "陳大文", "1970-01-01")))
    result = card_reader.read_identity(READER_0)
    assert _error(result) is CardErrorCode.UNREADABLE
    assert result.error is not None and "HKID_CHECK_DIGIT" in result.error.detail
    assert "A123456" not in result.error.detail


@pytest.mark.parametrize("answer", [b"\x42", b"\x12\x34", b""], ids=["one-byte", "unknown-sw", "empty"])
def test_card_answering_garbage(virtual_card: VirtualCardFactory, card_reader: PcscCardReader, answer: bytes) -> None:
    virtual_card(GarbageApplet(answer))
    result = card_reader.read_identity(READER_0)
    assert _error(result) is CardErrorCode.UNREADABLE


def test_file_shorter_than_its_header(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    good = IdentityCardApplet().file
    virtual_card(IdentityCardApplet(good[: len(good) - 40]))
    result = card_reader.read_identity(READER_0)
    assert _error(result) is CardErrorCode.UNREADABLE
    assert result.error is not None and "6B00" not in result.error.detail  # explained, not just a SW


def test_empty_reader(card_reader: PcscCardReader) -> None:
    assert wait_until(lambda: reader_empty(READER_1), CARD_TIMEOUT)
    result = card_reader.read_identity(READER_1)
    assert _error(result) is CardErrorCode.REMOVED
    assert result.error is not None and "no card" in result.error.detail


def test_no_such_reader(card_reader: PcscCardReader) -> None:
    assert _error(card_reader.read_identity("Acme Reader 00 00")) is CardErrorCode.NO_READER


def test_reader_busy(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card()
    with CardChannel.open(READER_0):  # someone else holds the card exclusively
        assert _error(card_reader.read_identity(READER_0)) is CardErrorCode.READER_BUSY
    assert card_reader.read_identity(READER_0).ok


def test_logs_hold_no_personal_data(
    virtual_card: VirtualCardFactory, card_reader: PcscCardReader, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    virtual_card()
    assert card_reader.read_identity(READER_0).ok
    for secret in ("A123456", "CHAN", "TAI MAN", "陳大文", "1970", "19700101"):
        assert secret not in caplog.text
    assert READER_0 in caplog.text  # the logs are there, just without the person


# ---------------------------------------------------------------- events


def test_insert_and_remove_events(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    events = RecordedEvents()
    card_reader.start(events)
    card = virtual_card(wait=False)
    inserted_at = time.monotonic()
    i = events.wait_for("inserted", READER_0)
    assert i >= 0, events.events
    insert_latency = time.monotonic() - inserted_at
    assert events.events[i][2] == card.applet.atr
    assert card_reader.read_identity(READER_0).ok  # straight after the event, as the session does
    card.remove()
    removed_at = time.monotonic()
    assert events.wait_for("removed", READER_0, after=i) > i
    remove_latency = time.monotonic() - removed_at
    print(f"\nevent latency: insert {insert_latency * 1000:.0f} ms, remove {remove_latency * 1000:.0f} ms")
    assert [e for e in events.events if e[1] == READER_1] == []


def test_card_present_at_start_is_reported(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    virtual_card(slot=1)
    events = RecordedEvents()
    card_reader.start(events)
    assert events.wait_for("inserted", READER_1) >= 0


def test_reinsert_between_polls_gives_remove_then_insert(
    virtual_card: VirtualCardFactory, card_reader: PcscCardReader
) -> None:
    events = RecordedEvents()
    card_reader.start(events)
    first = virtual_card()
    assert events.wait_for("inserted", READER_0) == 0
    first.remove()
    assert wait_until(lambda: reader_empty(READER_0), CARD_TIMEOUT)
    virtual_card(UnknownCardApplet())
    i = events.wait_for("inserted", READER_0, after=1)
    assert i > 0 and [e[0] for e in events.events[: i + 1]] == ["inserted", "removed", "inserted"]
    assert events.events[i][2] == UnknownCardApplet().atr


def test_stop_is_prompt(card_reader: PcscCardReader) -> None:
    card_reader.start(RecordedEvents())
    time.sleep(0.2)
    started = time.monotonic()
    card_reader.stop()
    assert time.monotonic() - started < 1.0
    assert not [t for t in threading.enumerate() if t.name == "pcsc-monitor"]


def test_a_failing_listener_does_not_stop_events(virtual_card: VirtualCardFactory, card_reader: PcscCardReader) -> None:
    class Failing(RecordedEvents):
        def card_inserted(self, reader: str, atr: bytes) -> None:
            super().card_inserted(reader, atr)
            raise RuntimeError("listener bug")

    events = Failing()
    card_reader.start(events)
    card = virtual_card()
    assert events.wait_for("inserted", READER_0) >= 0
    card.remove()
    assert events.wait_for("removed", READER_0) >= 0


# ---------------------------------------------------------------- speed


def test_apdu_round_trip(virtual_card: VirtualCardFactory) -> None:
    virtual_card()
    timings = []
    with CardChannel.open(READER_0) as card:
        for _ in range(300):
            started = time.perf_counter()
            card.exchange(select_aid(layout.AID))
            timings.append(time.perf_counter() - started)
    median = statistics.median(timings)
    print(f"\nAPDU round trip through pcscd+vpcd: median {median * 1000:.3f} ms, "
          f"p95 {sorted(timings)[int(len(timings) * 0.95)] * 1000:.3f} ms")
    assert median < 0.005  # ~44 ms each when TCP_QUICKACK is missing


# ---------------------------------------------------------------- the CLI


def test_cli_card_until_sigterm(card_reader: PcscCardReader) -> None:
    assert wait_until(lambda: reader_empty(READER_1), CARD_TIMEOUT)
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-m", "drivers.virtual", "--slot", "1", "--hkid", OTHER_HOLDER.hkid,
         "--name-en", OTHER_HOLDER.name_en, "--name-zh", OTHER_HOLDER.name_zh, "--dob", OTHER_HOLDER.date_of_birth],
        cwd=root, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        assert wait_until(lambda: reader_state(READER_1)[0], 5.0)
        result = card_reader.read_identity(READER_1)
        assert result.identity is not None
        assert (result.identity.hkid, result.identity.name_zh) == (OTHER_HOLDER.hkid, OTHER_HOLDER.name_zh)
        process.terminate()
        output, _ = process.communicate(timeout=5)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(5)
    assert process.returncode == 0
    assert OTHER_HOLDER.hkid.encode() not in output and b"B76****(*)" in output
    assert wait_until(lambda: reader_empty(READER_1), CARD_TIMEOUT)
