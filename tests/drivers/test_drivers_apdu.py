"""APDU encoding (no card needed) and the virtual cards' command parsing and ATRs."""

from __future__ import annotations

import pytest
from smartcard.ATR import ATR

from drivers.pcsc import apdu
from drivers.virtual.applet import atr_with_tck, parse_command
from drivers.virtual.identity_card import IDENTITY_ATR, UNKNOWN_ATR


def test_command_cases() -> None:
    assert apdu.command(0x00, 0xA4, 0x02, 0x0C) == bytes.fromhex("00A4020C")  # case 1
    assert apdu.command(0x00, 0xB0, 0x00, 0x10, ne=0xDF) == bytes.fromhex("00B00010DF")  # case 2
    assert apdu.command(0x00, 0xA4, 0x02, 0x0C, b"\x01\x01") == bytes.fromhex("00A4020C020101")  # 3
    assert apdu.command(0x00, 0xA4, 0x04, 0x00, b"\xf0", ne=256) == bytes.fromhex("00A4040001F000")  # 4


def test_builders() -> None:
    assert apdu.select_aid(bytes.fromhex("F0454D5046494401")) == bytes.fromhex("00A4040008F0454D504649440100")
    assert apdu.select_ef(0x0101) == bytes.fromhex("00A4020C020101")
    assert apdu.read_binary(0x01DF, 0xDF) == bytes.fromhex("00B001DFDF")
    assert apdu.get_response(0x40) == bytes.fromhex("00C0000040")


@pytest.mark.parametrize(
    "call",
    [
        lambda: apdu.command(0x100, 0, 0, 0),
        lambda: apdu.command(0, 0, 0, 0, bytes(256)),
        lambda: apdu.command(0, 0, 0, 0, ne=0),
        lambda: apdu.command(0, 0, 0, 0, ne=257),
        lambda: apdu.read_binary(0x8000, 1),
    ],
)
def test_command_validation(call: object) -> None:
    with pytest.raises(ValueError):
        call()  # type: ignore[operator]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("00B00000", "00B0000010"),  # case 1: Le added
        ("00B00000DF", "00B0000010"),  # case 2: Le replaced
        ("00A4020C020101", "00A4020C02010110"),  # case 3: Le added
        ("00A4040001F000", "00A4040001F010"),  # case 4: Le replaced
    ],
)
def test_with_ne(before: str, after: str) -> None:
    assert apdu.with_ne(bytes.fromhex(before), 0x10) == bytes.fromhex(after)


def test_with_ne_refuses_non_short_apdu() -> None:
    with pytest.raises(ValueError):
        apdu.with_ne(bytes.fromhex("00B000000301"), 1)


def test_response_repr_hides_data() -> None:
    response = apdu.Response(b"A123456(3)", 0x9000)
    assert response.ok and response.sw1 == 0x90 and response.sw2 == 0x00
    assert "A123456" not in repr(response) and "10 bytes" in repr(response)


@pytest.mark.parametrize(
    "raw",
    [
        apdu.command(0x00, 0xA4, 0x02, 0x0C),
        apdu.read_binary(0x0123, 0xDF),
        apdu.select_ef(0x0101),
        apdu.select_aid(b"\xf0\x45"),
        apdu.get_response(256),
    ],
)
def test_virtual_card_parses_what_we_send(raw: bytes) -> None:
    cmd = parse_command(raw)
    assert cmd is not None
    assert bytes([cmd.cla, cmd.ins, cmd.p1, cmd.p2]) == raw[:4]
    rebuilt = apdu.command(cmd.cla, cmd.ins, cmd.p1, cmd.p2, cmd.data, cmd.ne)
    assert rebuilt == raw


@pytest.mark.parametrize("raw", ["00", "00B000", "00A40400050102", "00A4040000000102"])
def test_virtual_card_rejects_malformed_commands(raw: str) -> None:
    assert parse_command(bytes.fromhex(raw)) is None


@pytest.mark.parametrize("atr", [IDENTITY_ATR, UNKNOWN_ATR, atr_with_tck(b"")])
def test_virtual_atrs_are_well_formed(atr: bytes) -> None:
    parsed = ATR(list(atr))
    assert parsed.checksumOK
    assert parsed.isT0Supported() and parsed.isT1Supported()


def test_identity_atr_names_the_card() -> None:
    assert b"EMPFID" in bytes(ATR(list(IDENTITY_ATR)).getHistoricalBytes())
    assert IDENTITY_ATR != UNKNOWN_ATR
