"""The eMRTD profile end to end: virtual ePassports in vpcd, read through the real pcscd.

BAC, secure messaging, EF.COM/DG1/DG2/EF.SOD and passive authentication against a CSCA that this
module generates; every bad case the kiosk must survive returns a CardReadResult, never raises.
Clone detection, PACE and the chip verdicts are in tests/drivers/test_emrtd_chip_auth.py.
"""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path

import pytest

from drivers.cards.emrtd import EmrtdProfile, FolderTrustStore
from drivers.cards.registry import ProfileRegistry
from drivers.cards.simple_identity import SimpleIdentityProfile
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.emrtd_card import (
    DEMO_PASSPORT,
    EmrtdApplet,
    PassportHolder,
    dg1,
    forged_passport,
    passport,
    passport_files,
)
from drivers.virtual.emrtd_chip import ChipSecrets
from drivers.virtual.emrtd_pki import CountryPki
from drivers.virtual.identity_card import IdentityCardApplet, UnknownCardApplet
from kiosk.domain import IdentitySource
from kiosk.domain.identity import DocumentCheck
from kiosk.domain.mrz import MrzKey
from kiosk.ports import CardErrorCode, CardReadResult
from tests.support.pcsc import READER_0, READER_1, TEST_HOLDER, PcscDaemon, VirtualCardFactory

pytestmark = pytest.mark.pcsc

KEY = MrzKey(DEMO_PASSPORT.document_number, DEMO_PASSPORT.date_of_birth, DEMO_PASSPORT.date_of_expiry)
OTHER = PassportHolder(surname="LEE", given_names="MEI LING", document_number="K87654321", sex="F",
                       date_of_birth="851231", date_of_expiry="300630", personal_number="B765432A")
OTHER_KEY = MrzKey(OTHER.document_number, OTHER.date_of_birth, OTHER.date_of_expiry)


@pytest.fixture(scope="module")
def pki() -> CountryPki:
    return CountryPki.generate("CN")


@pytest.fixture(scope="module")
def chip() -> ChipSecrets:
    """A chip that proves itself with Chip Authentication (and offers AA as well)."""
    return ChipSecrets.generate(aa="rsa", ca=True)


@pytest.fixture
def csca_folder(tmp_path: Path, pki: CountryPki) -> Path:
    folder = tmp_path / "csca"
    pki.install(folder)
    return folder


@pytest.fixture
def reader(pcsc_readers: PcscDaemon, csca_folder: Path) -> PcscCardReader:
    registry = ProfileRegistry([SimpleIdentityProfile(), EmrtdProfile(FolderTrustStore(csca_folder), read_face=True)])
    return PcscCardReader(registry)


def _code(result: CardReadResult) -> CardErrorCode:
    assert result.identity is None and result.error is not None, result
    return result.error.code


def test_without_a_key_the_chip_asks_for_one(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                             pki: CountryPki) -> None:
    applet = passport(pki)
    virtual_card(applet)
    assert _code(reader.read_identity(READER_0)) is CardErrorCode.KEY_REQUIRED
    assert applet.commands == [0xA4, 0xA4]  # the simple card's SELECT, then the eMRTD SELECT; no more


def test_genuine_passport(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
                          chip: ChipSecrets) -> None:
    applet = passport(pki, chip=chip)
    virtual_card(applet)
    result = reader.read_identity(READER_0, KEY)
    identity = result.identity
    assert identity is not None, result
    assert (identity.hkid, identity.name_en, identity.date_of_birth) == ("A123456(3)", "CHAN TAI MAN", "1970-01-01")
    assert identity.source is IdentitySource.CARD and identity.reader == READER_0
    document = identity.document
    assert document is not None
    assert (document.kind, document.number, document.issuing_state, document.sex, document.date_of_expiry) == (
        "P", "K12345678", "CHN", "M", "2034-01-01")
    assert (document.check, document.check_reason) == (DocumentCheck.GENUINE, "ok")
    assert identity.document_check is DocumentCheck.GENUINE
    # SELECT x2; PACE not offered (SELECT MF, SELECT EF.CardAccess: not found); SELECT the application
    # again, GET CHALLENGE, EXTERNAL AUTHENTICATE; then protected: EF.COM, DG14, CA (MSE, GENERAL
    # AUTHENTICATE, SELECT under the new keys), DG1, DG2, EF.SOD, DG15 (AA not needed after CA).
    assert applet.commands[:7] == [0xA4, 0xA4, 0xA4, 0xA4, 0xA4, 0x84, 0x82]
    assert applet.commands.count(0xA4) == 5 + 7 and applet.protected_replies == len(applet.commands) - 7
    assert 0x86 in applet.commands and 0x88 not in applet.commands


def test_typed_key_forms_work(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki) -> None:
    virtual_card(passport(pki, face=False))
    typed = MrzKey.typed("k1234 5678", "01/01/1970", "1-1-2034")
    assert reader.read_identity(READER_0, typed).ok


def test_wrong_key(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki) -> None:
    applet = passport(pki)
    virtual_card(applet)
    wrong = replace(KEY, date_of_birth="700102")
    result = reader.read_identity(READER_0, wrong)
    assert _code(result) is CardErrorCode.WRONG_KEY
    assert result.error is not None and "6300" in result.error.detail
    assert reader.read_identity(READER_0, KEY).ok  # the member corrects it: the same chip opens
    assert applet.auth_attempts == 2


def test_forged_dg1(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki) -> None:
    applet = forged_passport(pki)
    virtual_card(applet)
    result = reader.read_identity(READER_0, MrzKey(applet.holder.document_number, applet.holder.date_of_birth,
                                                   applet.holder.date_of_expiry))
    assert _code(result) is CardErrorCode.FORGED
    assert result.error is not None and "dg_hash_mismatch" in result.error.detail
    assert "WONG" not in result.error.detail


def test_expired_signer_certificate(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                    csca_folder: Path) -> None:
    expired = CountryPki.generate("CN", ds_expired=True)
    expired.install(csca_folder, "csca-cn-2.pem")
    virtual_card(passport(expired, face=False))
    identity = reader.read_identity(READER_0, KEY).identity
    assert identity is not None and identity.document is not None
    assert (identity.document.check, identity.document.check_reason) == (
        DocumentCheck.NOT_VERIFIABLE, "certificate_expired")


def test_no_csca_for_the_country(virtual_card: VirtualCardFactory, reader: PcscCardReader) -> None:
    utopia = CountryPki.generate("UT")
    virtual_card(passport(utopia, replace(DEMO_PASSPORT, issuing_state="UTO", nationality="UTO"), face=False))
    identity = reader.read_identity(READER_0, KEY).identity
    assert identity is not None and identity.document is not None
    assert (identity.document.check, identity.document.check_reason) == (DocumentCheck.NOT_VERIFIABLE, "no_csca")
    assert identity.hkid == ""  # only HKSAR (CHN) passports carry the HKID in the MRZ


def test_untrusted_signer(virtual_card: VirtualCardFactory, reader: PcscCardReader) -> None:
    rogue = CountryPki.generate("CN")  # same country, a CSCA the operator never installed
    virtual_card(passport(rogue, face=False))
    result = reader.read_identity(READER_0, KEY)
    assert _code(result) is CardErrorCode.FORGED
    assert result.error is not None and "untrusted_signer" in result.error.detail


def test_csca_installed_while_running(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                      csca_folder: Path, chip: ChipSecrets) -> None:
    newcomer = CountryPki.generate("UT")
    virtual_card(passport(newcomer, face=False, chip=chip))
    first = reader.read_identity(READER_0, KEY).identity
    assert first is not None and first.document_check is DocumentCheck.NOT_VERIFIABLE
    newcomer.install(csca_folder)
    second = reader.read_identity(READER_0, KEY).identity
    assert second is not None and second.document_check is DocumentCheck.GENUINE


@pytest.mark.parametrize("reply", [1, 3, 6])
def test_wrong_mac_in_a_reply(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
                              reply: int) -> None:
    virtual_card(EmrtdApplet(passport_files(pki), corrupt_mac_on=reply))
    result = reader.read_identity(READER_0, KEY)
    assert _code(result) is CardErrorCode.UNREADABLE
    assert result.error is not None and "wrong MAC" in result.error.detail


@pytest.mark.parametrize("raw", [
    bytes.fromhex("61 5F 5F1F 58") + b"<" * 10,  # DG1 length says more than there is
    bytes.fromhex("61 06 5F1F 84 FFFFFFFF"),  # an absurd inner length
    dg1("P<CHN" + "<" * 83),  # well-formed TLV, MRZ with wrong check digits
])
def test_malformed_dg1(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
                       raw: bytes) -> None:
    virtual_card(EmrtdApplet(passport_files(pki, face=False, dg1_override=raw)))
    result = reader.read_identity(READER_0, KEY)
    assert _code(result) is CardErrorCode.UNREADABLE
    assert result.error is not None and "DG1" in result.error.detail


def test_truncated_sod_is_unreadable(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                     pki: CountryPki) -> None:
    files = passport_files(pki, face=False)
    sod_fid = 0x011D
    files[sod_fid] = files[sod_fid][:2] + files[sod_fid][2:-40]  # the outer length now overruns the data
    virtual_card(EmrtdApplet(files))
    assert _code(reader.read_identity(READER_0, KEY)) is CardErrorCode.UNREADABLE


# Without DG2 the read is: 0 SELECT (simple card), 1 SELECT eMRTD, 2 SELECT MF and 3 SELECT
# EF.CardAccess (PACE not offered), 4 SELECT eMRTD again, 5 GET CHALLENGE, 6 EXTERNAL AUTHENTICATE,
# 7-9 EF.COM (SELECT, header, rest), 10-12 DG1, 13-14 EF.SOD SELECT and header, then the rest of
# EF.SOD; -1 is the very last APDU. The card is pulled just before each of them.
@pytest.mark.parametrize("after", [*range(1, 15), -1])
def test_card_pulled_at_each_step(virtual_card: VirtualCardFactory, reader: PcscCardReader, pki: CountryPki,
                                  after: int) -> None:
    if after < 0:
        probe = passport(pki, face=False)
        virtual_card(probe, slot=1)
        assert reader.read_identity(READER_1, KEY).ok
        after += len(probe.commands)
    applet = passport(pki, face=False)
    virtual_card(applet, remove_after_apdus=after)
    result = reader.read_identity(READER_0, KEY)
    assert _code(result) is CardErrorCode.REMOVED, result
    assert len(applet.commands) == after  # it really got that far


def test_card_pulled_in_the_middle_of_dg2(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                          pki: CountryPki) -> None:
    virtual_card(passport(pki), remove_after_apdus=16)
    assert _code(reader.read_identity(READER_0, KEY)) is CardErrorCode.REMOVED


def test_two_passports_in_two_readers(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                      pki: CountryPki, chip: ChipSecrets) -> None:
    virtual_card(passport(pki, chip=chip), slot=0)
    virtual_card(passport(pki, OTHER, chip=ChipSecrets.generate(aa="ecdsa")), slot=1)
    results: dict[str, CardReadResult] = {}

    def read(name: str, key: MrzKey) -> None:
        results[name] = reader.read_identity(name, key)

    threads = [threading.Thread(target=read, args=args) for args in ((READER_0, KEY), (READER_1, OTHER_KEY))]
    for t in threads:
        t.start()
    for t in threads:
        t.join(20)
    first, second = results[READER_0].identity, results[READER_1].identity
    assert first is not None and second is not None, results
    assert (first.name_en, first.hkid, first.reader) == ("CHAN TAI MAN", "A123456(3)", READER_0)
    assert (second.name_en, second.hkid, second.reader) == ("LEE MEI LING", "B765432(A)", READER_1)
    assert first.document_check is second.document_check is DocumentCheck.GENUINE


def test_passport_and_identity_card_side_by_side(virtual_card: VirtualCardFactory, reader: PcscCardReader,
                                                 pki: CountryPki) -> None:
    virtual_card(IdentityCardApplet(), slot=0)
    virtual_card(passport(pki, face=False), slot=1)
    card = reader.read_identity(READER_0)
    assert card.identity is not None and card.identity.hkid == TEST_HOLDER.hkid
    assert card.identity.document is None and card.identity.document_check is DocumentCheck.NOT_CHECKED
    assert reader.read_identity(READER_1, KEY).ok


def test_unknown_card_is_still_unknown(virtual_card: VirtualCardFactory, reader: PcscCardReader) -> None:
    virtual_card(UnknownCardApplet())
    assert _code(reader.read_identity(READER_0, KEY)) is CardErrorCode.UNKNOWN_CARD
