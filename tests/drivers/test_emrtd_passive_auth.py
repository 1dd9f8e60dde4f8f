"""Passive authentication: EF.SOD parsing and every verdict, with a CSCA generated at run time."""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from drivers.cards.emrtd import der, passive_auth, sod
from drivers.cards.emrtd.der import DerError
from drivers.cards.emrtd.trust_store import CscaTrustStore, FolderTrustStore
from drivers.virtual.emrtd_card import DEMO_PASSPORT, dg1, dg2, td3
from drivers.virtual.emrtd_pki import CountryPki, build_sod
from kiosk.domain.identity import DocumentCheck

NOW = datetime.datetime.now(datetime.UTC)
GROUPS = {1: dg1(td3(DEMO_PASSPORT)), 2: dg2(512)}


@pytest.fixture(scope="module")
def pki() -> CountryPki:
    return CountryPki.generate("CN")


@pytest.fixture(scope="module")
def other() -> CountryPki:
    """Another CSCA of the same country name: one the kiosk has not installed."""
    return CountryPki.generate("CN")


def _verdict(raw_sod: bytes, store: CscaTrustStore, groups: dict[int, bytes] = GROUPS,
             now: datetime.datetime = NOW) -> passive_auth.Verdict:
    return passive_auth.verify(sod.parse(raw_sod), groups, store, now)


def test_genuine(pki: CountryPki) -> None:
    verdict = _verdict(pki.sign_sod(GROUPS), CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason, verdict.country) == (DocumentCheck.GENUINE, "ok", "CN")


def test_parse_exposes_the_parts(pki: CountryPki) -> None:
    parsed = sod.parse(pki.sign_sod(GROUPS))
    assert parsed.content_type == sod.OID_LDS_SECURITY_OBJECT
    assert sorted(parsed.data_group_hashes) == [1, 2]
    assert len(parsed.certificates) == 1 and parsed.signer.issuer_and_serial is not None
    assert parsed.hash_algorithm.oid == "2.16.840.1.101.3.4.2.1"


@pytest.mark.parametrize(("key", "signature"), [("rsa", "rsa-pkcs1"), ("rsa", "rsa-pss")])
def test_genuine_with_rsa_signatures(key: str, signature: str) -> None:
    rsa_pki = CountryPki.generate("CN", key=key, signature=signature)  # type: ignore[arg-type]
    verdict = _verdict(rsa_pki.sign_sod(GROUPS), CscaTrustStore([rsa_pki.csca]))
    assert verdict.check is DocumentCheck.GENUINE


def test_only_the_groups_read_are_checked(pki: CountryPki) -> None:
    verdict = _verdict(pki.sign_sod(GROUPS), CscaTrustStore([pki.csca]), {1: GROUPS[1]})
    assert verdict.check is DocumentCheck.GENUINE


def test_dg1_changed_after_signing_is_forged(pki: CountryPki) -> None:
    altered = dict(GROUPS)
    altered[1] = dg1(td3(DEMO_PASSPORT.__class__(surname="WONG")))
    verdict = _verdict(pki.sign_sod(GROUPS), CscaTrustStore([pki.csca]), altered)
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "dg_hash_mismatch")


def test_a_group_the_sod_does_not_list_is_forged(pki: CountryPki) -> None:
    verdict = _verdict(pki.sign_sod({1: GROUPS[1]}), CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "dg_hash_missing")


def test_hash_mismatch_is_forged_even_without_a_csca(pki: CountryPki) -> None:
    altered = {1: GROUPS[1] + b"\x00"}
    verdict = _verdict(pki.sign_sod({1: GROUPS[1]}), CscaTrustStore(), altered)
    assert verdict.check is DocumentCheck.FORGED


def test_no_csca_for_the_country_is_not_verifiable(pki: CountryPki) -> None:
    utopia = CountryPki.generate("UT")
    verdict = _verdict(pki.sign_sod(GROUPS), CscaTrustStore([utopia.csca]))
    assert (verdict.check, verdict.reason, verdict.country) == (DocumentCheck.NOT_VERIFIABLE, "no_csca", "CN")


def test_signer_from_an_untrusted_csca_is_forged(pki: CountryPki, other: CountryPki) -> None:
    # A signer certified by a CSCA the operator never installed, for a country whose CSCA is installed.
    verdict = _verdict(other.sign_sod(GROUPS), CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "untrusted_signer")


def test_signer_naming_the_trusted_csca_but_signed_by_another_is_forged(pki: CountryPki) -> None:
    impostor = CountryPki.generate("CN", issued_by=CountryPki.generate("CN"))
    impostor.csca = pki.csca  # the DS claims the trusted CSCA's name
    verdict = _verdict(impostor.sign_sod(GROUPS), CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "untrusted_signer")


def test_expired_signer_certificate_is_not_verifiable() -> None:
    expired = CountryPki.generate("CN", ds_expired=True)
    verdict = _verdict(expired.sign_sod(GROUPS), CscaTrustStore([expired.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.NOT_VERIFIABLE, "certificate_expired")


def test_expired_csca_is_not_verifiable(pki: CountryPki) -> None:
    later = NOW + datetime.timedelta(days=365 * 12)  # after the CSCA's ten years
    verdict = _verdict(pki.sign_sod(GROUPS), CscaTrustStore([pki.csca]), now=later)
    assert (verdict.check, verdict.reason) == (DocumentCheck.NOT_VERIFIABLE, "certificate_expired")


def test_signature_by_another_key_is_forged(pki: CountryPki, other: CountryPki) -> None:
    # The SOD names pki's signer certificate but was signed with a different private key.
    raw = build_sod(GROUPS, other.ds_key, pki.ds, "ecdsa")
    verdict = _verdict(raw, CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "bad_signature")


def test_altered_security_object_content_is_forged(pki: CountryPki) -> None:
    raw = pki.sign_sod(GROUPS)
    parsed = sod.parse(raw)
    good = passive_auth.digest(parsed.hash_algorithm, GROUPS[1])
    # Change one hash byte inside eContent (what a forger would do to match a new DG1).
    forged_raw = raw.replace(good, bytes([good[0] ^ 1]) + good[1:])
    altered = sod.parse(forged_raw)
    forged_groups = {1: GROUPS[1]}
    verdict = passive_auth.verify(altered, forged_groups, CscaTrustStore([pki.csca]), NOW)
    assert verdict.check is DocumentCheck.FORGED  # the hash no longer matches either way
    verdict = passive_auth.verify(altered, {}, CscaTrustStore([pki.csca]), NOW)
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "content_digest_mismatch")


def test_signer_certificate_missing_is_not_verifiable(pki: CountryPki) -> None:
    # The same SOD without its certificates [0] (ICAO allows leaving the signer to the PKD).
    raw = pki.sign_sod(GROUPS)
    content_info = der.read_one(der.read_one(raw).value)
    signed_data = der.read_one(content_info.children()[1].value)
    parts = [p.raw for p in signed_data.children() if p.tag != 0xA0]
    rebuilt = der.encode(0x77, der.seq(content_info.children()[0].raw, der.explicit(0, der.seq(*parts))))
    assert len(rebuilt) < len(raw) - 200
    verdict = _verdict(rebuilt, CscaTrustStore([pki.csca]))
    assert (verdict.check, verdict.reason) == (DocumentCheck.NOT_VERIFIABLE, "no_signer_certificate")


@pytest.mark.parametrize("cut", [1, 10, 100, 300])
def test_truncated_sod_is_a_der_error(pki: CountryPki, cut: int) -> None:
    raw = pki.sign_sod(GROUPS)
    with pytest.raises(DerError):
        sod.parse(raw[:-cut])


@pytest.mark.parametrize("raw", [b"", b"\x77\x00", b"\x30\x03\x02\x01\x00", b"\x77\x84\xff\xff\xff\xff"])
def test_malformed_sod_is_a_der_error(raw: bytes) -> None:
    with pytest.raises(DerError):
        sod.parse(raw)


def test_der_oid_round_trip() -> None:
    for dotted in ("1.2.840.113549.1.7.2", "2.23.136.1.1.1", "0.4.0.127.0.7.1.1.4.1.3", "2.999.1"):
        assert der.oid(der.read_one(der.enc_oid(dotted))) == dotted


def test_folder_trust_store_follows_the_folder(tmp_path: Path, pki: CountryPki) -> None:
    folder = tmp_path / "csca"
    store = FolderTrustStore(folder)
    assert len(store.current()) == 0  # no folder yet: empty, not an error
    pki.install(folder)
    (folder / "notes.txt").write_text("ignored: not a certificate suffix")
    (folder / "broken.pem").write_text("-----BEGIN CERTIFICATE-----\nnonsense\n-----END CERTIFICATE-----\n")
    ds_only = folder / "signer.der"
    ds_only.write_bytes(pki.ds.public_bytes(serialization.Encoding.DER))  # not a CA: skipped
    current = store.current()
    assert current.countries() == {"CN"} and len(current) == 1
    assert sorted(store.skipped) == ["broken.pem", "signer.der"]
    assert _verdict(pki.sign_sod(GROUPS), current).check is DocumentCheck.GENUINE
    (folder / "csca-cn.pem").unlink()
    assert len(store.current()) == 0


def test_several_certificates_in_one_pem(tmp_path: Path, pki: CountryPki, other: CountryPki) -> None:
    (tmp_path / "bundle.pem").write_bytes(pki.csca_pem() + other.csca_pem())
    assert len(FolderTrustStore(tmp_path).current().for_country("cn")) == 2
