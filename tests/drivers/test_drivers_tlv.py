"""BER-TLV parser: well-formed data, multi-byte tags, long lengths, and every way to be broken."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from drivers.pcsc import tlv
from drivers.pcsc.tlv import Tlv, TlvError


def test_single_primitive() -> None:
    assert tlv.parse(bytes.fromhex("8003414243")) == [Tlv(0x80, b"ABC")]


def test_sequence_and_empty_value() -> None:
    assert tlv.parse(bytes.fromhex("8001FF8100")) == [Tlv(0x80, b"\xff"), Tlv(0x81, b"")]


def test_constructed_children() -> None:
    outer = tlv.parse_one(bytes.fromhex("7F6108" "840101" "8003414243"))
    assert outer.tag == 0x7F61 and outer.constructed
    assert outer.children() == [Tlv(0x84, b"\x01"), Tlv(0x80, b"ABC")]


def test_primitive_has_no_children() -> None:
    with pytest.raises(TlvError, match="primitive"):
        Tlv(0x80, b"\x01\x01\x00").children()


@pytest.mark.parametrize(
    ("data", "tag"),
    [
        (bytes.fromhex("5F2E0100"), 0x5F2E),  # two-byte tag
        (bytes.fromhex("7F610100"), 0x7F61),  # two-byte constructed tag
        (bytes.fromhex("5F81010100"), 0x5F8101),  # three-byte tag
        (bytes.fromhex("9F1F0100"), 0x9F1F),
    ],
)
def test_multi_byte_tags(data: bytes, tag: int) -> None:
    assert tlv.parse_one(data) == Tlv(tag, b"\x00")


def test_constructed_flag_of_multi_byte_tags() -> None:
    assert Tlv(0x7F61, b"").constructed
    assert not Tlv(0x5F2E, b"").constructed
    assert Tlv(0x61, b"").constructed


@pytest.mark.parametrize(
    ("length_field", "length"),
    [("7F", 0x7F), ("8180", 0x80), ("81FF", 0xFF), ("820100", 0x100), ("82013D", 0x13D), ("8105", 5)],
)
def test_long_form_lengths(length_field: str, length: int) -> None:
    data = bytes.fromhex("53" + length_field) + bytes(length)
    obj = tlv.parse_one(data)
    assert obj == Tlv(0x53, bytes(length))
    assert tlv.read_header(data) == tlv.Header(0x53, length, 1 + len(length_field) // 2)


def test_read_header_needs_only_the_header() -> None:
    # The first chunk of a file: the value is not there yet, the header still decodes.
    assert tlv.read_header(bytes.fromhex("7F6182013D8401")) == tlv.Header(0x7F61, 0x13D, 5)


@pytest.mark.parametrize(
    ("hexdata", "message"),
    [
        ("", "found 0"),
        ("80", "no length"),
        ("5F", "tag .* cut off"),
        ("5F81", "tag .* cut off"),
        ("8003AB", "declares 3 bytes, 1 present"),  # value truncated
        ("8082FF", "length .* cut off"),  # long-form length truncated
        ("7F6105800341", "declares 5 bytes, 3 present"),  # outer object runs past the data
    ],
)
def test_truncated(hexdata: str, message: str) -> None:
    data = bytes.fromhex(hexdata)
    with pytest.raises(TlvError, match=message):
        obj = tlv.parse_one(data)
        obj.children()


def test_read_header_of_nothing() -> None:
    with pytest.raises(TlvError, match="no tag"):
        tlv.read_header(b"")


def test_truncated_inside_template() -> None:
    outer = tlv.parse_one(bytes.fromhex("7F6105" "8009414243"))
    with pytest.raises(TlvError, match="truncated"):
        outer.children()


@pytest.mark.parametrize(
    ("hexdata", "message"),
    [
        ("8085" + "0000000001" + "00", "length field of 5 bytes"),  # more length bytes than allowed
        ("8089" + "00" * 9, "length field of 9 bytes"),
        ("8080", "indefinite"),
        ("5F818101" + "0100", "longer than 3 bytes"),  # four-byte tag
        ("000100", "invalid tag byte 00"),
        ("FF0100", "invalid tag byte FF"),
    ],
)
def test_overlong_and_invalid_fields(hexdata: str, message: str) -> None:
    with pytest.raises(TlvError, match=message):
        tlv.parse(bytes.fromhex(hexdata))


def test_oversized_declared_length_is_refused_before_reading() -> None:
    # Declares 4 GiB: refused from the header alone, nothing allocated.
    with pytest.raises(TlvError, match="limit is 65536"):
        tlv.read_header(bytes.fromhex("5384FFFFFFFF"))
    with pytest.raises(TlvError, match="limit is 100"):
        tlv.parse(bytes.fromhex("5365") + bytes(0x65), max_length=100)


def test_oversized_input_is_refused() -> None:
    with pytest.raises(TlvError, match="limit is 10"):
        tlv.parse(bytes(11), max_length=10)


def test_parse_one_rejects_trailing_bytes() -> None:
    with pytest.raises(TlvError, match="expected one data object, found 2"):
        tlv.parse_one(bytes.fromhex("800100810100"))
    with pytest.raises(TlvError, match="no length"):
        tlv.parse_one(bytes.fromhex("80010081"))


def test_index_refuses_repeated_tags() -> None:
    assert set(tlv.index(tlv.parse(bytes.fromhex("80010081 0100".replace(" ", ""))))) == {0x80, 0x81}
    with pytest.raises(TlvError, match="more than once"):
        tlv.index(tlv.parse(bytes.fromhex("800100800101")))


def test_error_messages_hold_no_content() -> None:
    secret = b"A123456(3)"
    with pytest.raises(TlvError) as info:
        tlv.parse(bytes([0x80, 0x20]) + secret)
    assert "A123456" not in str(info.value) and secret.hex() not in str(info.value).lower()


@pytest.mark.parametrize("length", [0, 1, 0x7F, 0x80, 0xFF, 0x100, 0x1234])
def test_encode_round_trip(length: int) -> None:
    value = bytes(range(256)) * (length // 256) + bytes(range(length % 256))
    for tag in (0x80, 0x53, 0x5F2E, 0x7F61, 0x5F8101):
        assert tlv.parse_one(tlv.encode(tag, value)) == Tlv(tag, value)


def test_encode_refuses_bad_input() -> None:
    with pytest.raises(ValueError):
        tlv.encode_tag(0)
    with pytest.raises(ValueError):
        tlv.encode_length(-1)


@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=64))
def test_random_bytes_parse_or_raise_tlv_error(data: bytes) -> None:
    try:
        objects = tlv.parse(data)
    except TlvError:
        return
    # Whatever parses accounts for every byte: headers plus values never exceed the input.
    assert sum(len(obj.value) + 2 for obj in objects) <= len(data)
    for obj in objects:
        if obj.constructed:
            with contextlib.suppress(TlvError):
                obj.children()
