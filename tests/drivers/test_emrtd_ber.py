"""EF.SOD with BER indefinite lengths (ICAO 9303-10 allows BER in the CMS; some countries'
encoders stream it): the outer ContentInfo, SignedData and encapsulated content with length 80 and
end-of-contents 00 00, the eContent as a constructed OCTET STRING in chunks. The signed attributes,
certificates and signer info stay DER, as CMS requires for what is signed."""

from __future__ import annotations

import datetime

import pytest

from drivers.cards.emrtd import der, passive_auth, sod
from drivers.cards.emrtd.der import DerError
from drivers.cards.emrtd.trust_store import CscaTrustStore
from drivers.pcsc import tlv
from drivers.virtual.emrtd_card import DEMO_PASSPORT, dg1, td3
from drivers.virtual.emrtd_pki import CountryPki
from kiosk.domain.identity import DocumentCheck

GROUPS = {1: dg1(td3(DEMO_PASSPORT))}


def _indefinite(tag: int, *children: bytes) -> bytes:
    return tlv.encode_tag(tag) + b"\x80" + b"".join(children) + b"\x00\x00"


def ber_sod(der_sod: bytes, chunk: int = 40) -> bytes:
    """The same SOD with its outer structures in BER indefinite form."""
    content_info = der.read_one(der.read_one(der_sod).value)
    oid_node, explicit = content_info.children()
    signed_data = der.read_one(explicit.value)
    version, digests, encap, *rest = signed_data.children()
    encap_oid, encap_explicit = encap.children()
    content = der.octets(der.read_one(encap_explicit.value))
    chunks = [der.enc_octets(content[i : i + chunk]) for i in range(0, len(content), chunk)]
    new_encap = _indefinite(0x30, encap_oid.raw, _indefinite(0xA0, _indefinite(0x24, *chunks)))
    new_signed = _indefinite(0x30, version.raw, digests.raw, new_encap, *(node.raw for node in rest))
    return der.encode(0x77, _indefinite(0x30, oid_node.raw, _indefinite(0xA0, new_signed)))


@pytest.fixture(scope="module")
def pki() -> CountryPki:
    return CountryPki.generate("CN")


def test_indefinite_length_sod_verifies(pki: CountryPki) -> None:
    raw = ber_sod(pki.sign_sod(GROUPS))
    assert b"\x30\x80" in raw and b"\x24\x80" in raw
    verdict = passive_auth.verify(sod.parse(raw), GROUPS, CscaTrustStore([pki.csca]),
                                  datetime.datetime.now(datetime.UTC))
    assert (verdict.check, verdict.reason) == (DocumentCheck.GENUINE, "ok")


def test_indefinite_length_sod_with_altered_data_is_still_forged(pki: CountryPki) -> None:
    raw = ber_sod(pki.sign_sod(GROUPS))
    verdict = passive_auth.verify(sod.parse(raw), {1: dg1(td3(DEMO_PASSPORT)[:-1] + "9")},
                                  CscaTrustStore([pki.csca]), datetime.datetime.now(datetime.UTC))
    assert verdict.check is DocumentCheck.FORGED


@pytest.mark.parametrize("raw", [
    "3080",  # no end-of-contents
    "30800201",  # a child cut off
    "0480" + "0000",  # indefinite length on a primitive tag
    "3080" * 40 + "0000" * 40,  # nested deeper than the limit
    "30800201000000FF",  # bytes after the end-of-contents that are not a node
])
def test_malformed_indefinite_lengths_are_der_errors(raw: str) -> None:
    with pytest.raises(DerError):
        der.read_all(bytes.fromhex(raw))


def test_nested_indefinite_lengths_keep_their_raw_bytes() -> None:
    data = bytes.fromhex("3080" "3080" "020101" "0000" "020102" "0000")
    node = der.read_one(data)
    assert node.raw == data and [der.integer(n) for n in node.children()[0].children()] == [1]
    assert der.integer(node.children()[1]) == 2
