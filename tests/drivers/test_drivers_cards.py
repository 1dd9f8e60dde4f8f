"""The simple identity profile's decoding of EF 0101 (pure bytes in, Identity out) and the
profile registry. Reading through a card and pcscd is in test_drivers_pcsc.py."""

from __future__ import annotations

import pytest

from drivers.cards import simple_identity as layout
from drivers.cards.profile import CardDataError, NotThisCard
from drivers.cards.registry import ProfileRegistry, default_registry
from drivers.cards.simple_identity import SimpleIdentityProfile, decode
from drivers.pcsc.tlv import encode
from drivers.virtual.identity_card import CardHolder, identity_file, malformed_identity_file
from kiosk.domain import Identity, IdentitySource
from tests.support.pcsc import TEST_HOLDER


def _template(*fields: bytes) -> bytes:
    return encode(layout.TAG_TEMPLATE, b"".join(fields))


VERSION = encode(layout.TAG_VERSION, b"\x01")
HKID = encode(layout.TAG_HKID, b"A123456(3)")
NAME_EN = encode(layout.TAG_NAME_EN, b"CHAN TAI MAN")
DOB = encode(layout.TAG_DATE_OF_BIRTH, b"19700101")


def test_decode_demo_file() -> None:
    identity = decode(identity_file(TEST_HOLDER), "Reader X")
    assert identity == Identity(
        hkid="A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1970-01-01",
        source=IdentitySource.CARD, reader="Reader X",
    )


def test_file_spans_several_reads() -> None:
    assert len(identity_file(TEST_HOLDER)) > layout.READ_CHUNK


def test_hkid_is_normalised() -> None:
    identity = decode(_template(VERSION, encode(layout.TAG_HKID, b"a123456 3"), NAME_EN, DOB), "r")
    assert identity.hkid == "A123456(3)"
    assert identity.name_zh == ""  # the Chinese name is optional


def test_unknown_tags_are_skipped() -> None:
    assert decode(_template(VERSION, HKID, NAME_EN, DOB, encode(0x5F2E, b"later")), "r").name_en == "CHAN TAI MAN"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (_template(VERSION, encode(layout.TAG_HKID, b"A123456(4)"), NAME_EN, DOB), "HKID_CHECK_DIGIT"),
        (_template(VERSION, encode(layout.TAG_HKID, b"123"), NAME_EN, DOB), "HKID_FORMAT"),
        (_template(VERSION, NAME_EN, DOB), "HKID .* missing"),
        (_template(encode(layout.TAG_VERSION, b"\x02"), HKID, NAME_EN, DOB), "version 02"),
        (_template(HKID, NAME_EN, DOB), "format version .* missing"),
        (_template(VERSION, HKID, encode(layout.TAG_NAME_EN, "CHÁN".encode()), DOB), "English name"),
        (_template(VERSION, HKID, encode(layout.TAG_NAME_EN, b"   "), DOB), "English name is empty"),
        (_template(VERSION, HKID, NAME_EN, encode(layout.TAG_NAME_ZH, b"\xe9\x99"), DOB), "not UTF-8"),
        (_template(VERSION, HKID, NAME_EN, encode(layout.TAG_DATE_OF_BIRTH, b"19701301")), "calendar"),
        (_template(VERSION, HKID, NAME_EN, encode(layout.TAG_DATE_OF_BIRTH, b"1970-01-01")), "YYYYMMDD"),
        (_template(VERSION, HKID, HKID, NAME_EN, DOB), "more than once"),
        (encode(0x61, VERSION + HKID + NAME_EN + DOB), "template tag 61"),
        (_template(VERSION, HKID, NAME_EN, DOB) + b"\x90\x00", "expected one data object"),
        (malformed_identity_file(TEST_HOLDER), "truncated"),
    ],
    ids=lambda value: value if isinstance(value, str) else "",
)
def test_bad_files(data: bytes, message: str) -> None:
    with pytest.raises(CardDataError, match=message) as info:
        decode(data, "r")
    # Technicians' details name fields, never their content.
    for secret in ("A123456", "CHAN", "1970"):
        assert secret not in str(info.value)


class _Card:
    reader = "r"
    atr = b"\x3b\x00"

    def exchange(self, apdu: bytes) -> bytes:  # no application on this card
        return b"\x6a\x82"


class _Profile:
    def __init__(self, name: str, matches: bool, result: Identity | None) -> None:
        self.name = name
        self._matches = matches
        self._result = result
        self.tried = False

    def matches(self, atr: bytes) -> bool:
        return self._matches

    def read(self, card: object) -> Identity:
        self.tried = True
        if self._result is None:
            raise NotThisCard("no")
        return self._result


def test_registry_tries_profiles_in_order() -> None:
    found = Identity(hkid="A123456(3)", source=IdentitySource.CARD)
    skipped, refusing, reading = _Profile("a", False, found), _Profile("b", True, None), _Profile("c", True, found)
    registry = ProfileRegistry([skipped, refusing])
    registry.register(reading)
    assert registry.read_identity(_Card()) is found
    assert (skipped.tried, refusing.tried, reading.tried) == (False, True, True)


def test_registry_without_a_match() -> None:
    with pytest.raises(NotThisCard, match="tried: simple-identity"):
        default_registry().read_identity(_Card())
    assert [p.name for p in default_registry().profiles] == ["simple-identity"]


def test_profile_matches_any_atr() -> None:
    # SELECT by AID decides; historical bytes vary between card batches.
    assert SimpleIdentityProfile().matches(b"\x3b\x00")


def test_holder_with_wrong_check_digit_can_be_written() -> None:
    # The virtual card writes what it is given, so tests can make cards the kiosk must refuse.
    assert b"A123456(4)" in identity_file(CardHolder("A123456(4)", "X", "", "1970-01-01"))
