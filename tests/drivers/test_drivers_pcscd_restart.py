"""pcscd stopping and coming back: no exception anywhere, and the monitor finds it again.

Runs only against a pcscd the tests started themselves (they never stop a system daemon).
"""

from __future__ import annotations

import time

import pytest

from drivers.pcsc.reader import PcscCardReader
from kiosk.ports import CardErrorCode
from tests.support.pcsc import READER_0, PcscDaemon, RecordedEvents, VirtualCardFactory

pytestmark = pytest.mark.pcsc


def test_pcscd_down_and_back(pcscd: PcscDaemon, virtual_card: VirtualCardFactory) -> None:
    if not pcscd.owned:
        pytest.skip("pcscd was started outside the tests; they do not stop it")
    reader = PcscCardReader()
    events = RecordedEvents()
    reader.start(events)
    try:
        virtual_card()
        first = events.wait_for("inserted", READER_0)
        assert first >= 0

        pcscd.stop()
        assert events.wait_for("removed", READER_0, after=first) > first  # the card is gone with pcscd
        assert reader.readers() == []
        result = reader.read_identity(READER_0)
        assert result.error is not None and result.error.code is CardErrorCode.NO_READER

        pcscd.start()
        virtual_card()  # the old card's connection died with pcscd: insert again
        started = time.monotonic()
        again = events.wait_for("inserted", READER_0, after=first + 1, timeout=5.0)
        assert again > first, events.events
        print(f"\nmonitor back {time.monotonic() - started:.2f} s after the card was seen by pcscd")
        assert reader.read_identity(READER_0).ok
    finally:
        reader.stop()
