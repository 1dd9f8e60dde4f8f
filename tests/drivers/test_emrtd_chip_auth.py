"""Clone detection and PACE end to end: virtual ePassports in vpcd, read through the real pcscd.

A clone copies every file of a genuine chip (data groups, EF.SOD, DG14, DG15) byte for byte but
not its private keys; passive authentication passes for it, Active or Chip Authentication must
not. Chips: AA only (RSA, ECDSA), CA only (3DES v1, AES v2), PACE only (refuses BAC), neither.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from drivers.cards.emrtd import EmrtdProfile, FolderTrustStore, lds
from drivers.cards.registry import ProfileRegistry
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.emrtd_card import DEMO_PASSPORT, EmrtdApplet, clone, passport, passport_files
from drivers.virtual.emrtd_chip import CA_ECDH_3DES, ChipSecrets
from drivers.virtual.emrtd_pki import CountryPki
from kiosk.domain.identity import DocumentCheck
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardErrorCode, CardReadResult
from tests.support.pcsc import READER_0, PcscDaemon, VirtualCardFactory

pytestmark = pytest.mark.pcsc

KEY = MrzKey(DEMO_PASSPORT.document_number, DEMO_PASSPORT.date_of_birth, DEMO_PASSPORT.date_of_expiry)
CHIPS = {
    "aa-rsa": dict(aa="rsa"),
    "aa-ecdsa": dict(aa="ecdsa"),
    "ca-aes": dict(ca=True),
    "ca-3des": dict(ca=True, ca_protocol=CA_ECDH_3DES),
    "pace-only": dict(pace_parameter_id=13, bac=False, ca=True),
}


@pytest.fixture(scope="module")
def pki() -> CountryPki:
    return CountryPki.generate("CN")


@pytest.fixture(scope="module")
def chips() -> dict[str, ChipSecrets]:
    return {name: ChipSecrets.generate(**settings) for name, settings in CHIPS.items()}  # type: ignore[arg-type]


@pytest.fixture
def reader(pcsc_readers: PcscDaemon, tmp_path: Path, pki: CountryPki) -> PcscCardReader:
    pki.install(tmp_path / "csca")
    return PcscCardReader(ProfileRegistry([EmrtdProfile(FolderTrustStore(tmp_path / "csca"))]))


def _forged_reason(result: CardReadResult) -> str:
    assert result.identity is None and result.error is not None, result
    assert result.error.code is CardErrorCode.FORGED, result
    return result.error.detail


@pytest.mark.parametrize("name", list(CHIPS))
def test_a_chip_that_proves_itself_is_genuine(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                              pki: CountryPki, chips: dict[str, ChipSecrets], name: str) -> None:
    applet = passport(pki, chip=chips[name], face=False)
    virtual_card(applet)
    result = reader.read_identity(READER_0, KEY)
    assert result.identity is not None and result.identity.document is not None, result
    assert (result.identity.document.check, result.identity.document.check_reason) == (DocumentCheck.GENUINE, "ok")
    proof = 0x88 if name.startswith("aa") else 0x22  # INTERNAL AUTHENTICATE, or CA's MSE (Set KAT or Set AT)
    assert proof in applet.commands
    if name == "pace-only":
        assert 0x84 not in applet.commands  # no BAC GET CHALLENGE: PACE opened it


@pytest.mark.parametrize("name", ["aa-rsa", "aa-ecdsa", "ca-aes", "ca-3des", "pace-only"])
def test_a_clone_is_not_genuine(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
                                chips: dict[str, ChipSecrets], name: str) -> None:
    original = passport(pki, chip=chips[name], face=False)
    copy = clone(original)
    assert copy.files == original.files  # the data is identical: passive authentication passes
    virtual_card(copy)
    assert "chip_not_genuine" in _forged_reason(reader.read_identity(READER_0, KEY))


def test_a_chip_without_aa_or_ca_has_genuine_data_but_is_not_proven(
        virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki) -> None:
    virtual_card(passport(pki, face=False))
    result = reader.read_identity(READER_0, KEY)
    assert result.identity is not None and result.identity.document is not None, result
    assert (result.identity.document.check, result.identity.document.check_reason) == (
        DocumentCheck.NOT_VERIFIABLE, "chip_not_proven")


def test_a_chip_hiding_the_dg15_its_sod_lists_is_not_genuine(
        virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
        chips: dict[str, ChipSecrets]) -> None:
    files = passport_files(pki, face=False, chip=chips["aa-rsa"])
    del files[lds.DG_FILES[15]]  # a copier that cannot answer AA drops DG15 and hopes
    files[lds.EF_COM] = passport_files(pki, face=False)[lds.EF_COM]
    virtual_card(EmrtdApplet(files, chip=ChipSecrets()))
    assert "chip_auth_data_missing" in _forged_reason(reader.read_identity(READER_0, KEY))


def test_pace_with_a_wrong_key_on_a_pace_only_chip(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                                   pki: CountryPki, chips: dict[str, ChipSecrets]) -> None:
    applet = passport(pki, chip=chips["pace-only"], face=False)
    virtual_card(applet)
    result = reader.read_identity(READER_0, replace(KEY, date_of_birth="700102"))
    assert result.error is not None and result.error.code is CardErrorCode.WRONG_KEY, result
    assert reader.read_identity(READER_0, KEY).ok  # the corrected key opens it


def test_pace_offered_with_bac_as_well(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                       pki: CountryPki) -> None:
    applet = passport(pki, chip=ChipSecrets.generate(aa="rsa", pace_parameter_id=12), face=False)
    virtual_card(applet)
    result = reader.read_identity(READER_0, KEY)
    assert result.identity is not None and result.identity.document_check is DocumentCheck.GENUINE, result
    assert 0x84 not in applet.commands and 0x86 in applet.commands and 0x88 in applet.commands


@pytest.mark.parametrize(("kind", "check", "reason"), [
    ("passport", DocumentCheck.GENUINE, "ok"),
    ("pace-passport", DocumentCheck.GENUINE, "ok"),
    ("legacy-passport", DocumentCheck.NOT_VERIFIABLE, "chip_not_proven"),
    ("cloned-passport", DocumentCheck.FORGED, "chip_not_genuine"),
])
def test_demo_passports(virtual_card: VirtualCardFactory, pcsc_readers: PcscDaemon, tmp_path: Path,
                        kind: str, check: DocumentCheck, reason: str) -> None:
    from drivers.virtual.demo_cards import demo_applet

    virtual_card(demo_applet(kind, tmp_path))  # EMPF_KIOSK_DEMO_CARD=<kind> in the demo
    reader = PcscCardReader(ProfileRegistry([EmrtdProfile(FolderTrustStore(tmp_path))]))
    result = reader.read_identity(READER_0, KEY)
    if check is DocumentCheck.FORGED:
        assert reason in _forged_reason(result)
    else:
        assert result.identity is not None and result.identity.document is not None, result
        assert (result.identity.document.check, result.identity.document.check_reason) == (check, reason)


def test_the_member_is_told_what_each_chip_verdict_means() -> None:
    from kiosk.core.texts import CARD_MESSAGES, document_check_text
    from kiosk.domain import Identity, IdentitySource
    from kiosk.domain.identity import TravelDocument

    def text(check: DocumentCheck, reason: str) -> tuple[str, str] | None:
        document = TravelDocument("P", "K12345678", "CHN", check=check, check_reason=reason)
        return document_check_text(Identity("A123456(3)", "CHAN TAI MAN", "1970-01-01", IdentitySource.CARD,
                                            document=document))

    assert text(DocumentCheck.GENUINE, "ok") == ("晶片資料已核實為真確", "chip data verified genuine")
    zh, en = text(DocumentCheck.NOT_VERIFIABLE, "chip_not_proven") or ("", "")
    assert "複製品" in zh and "not a copy" in en
    zh, en = CARD_MESSAGES[CardErrorCode.FORGED]  # what a clone's refusal says
    assert "複製品" in zh and "copied" in en
