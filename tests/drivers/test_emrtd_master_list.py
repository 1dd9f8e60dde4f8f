"""ICAO CSCA master list import (`kiosk csca import`) and CRL checks of document signers.

The master lists and CRLs are made here with `cryptography` and the project's DER writer: a
country's CSCA issues a master list signer (MLS) certificate; the list carries the CSCAs of two
other countries. The kiosk must add them only when the list verifies against the signer named.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from drivers.cards.emrtd import master_list, passive_auth, sod
from drivers.cards.emrtd.trust_store import CscaTrustStore, FolderTrustStore
from drivers.virtual.emrtd_card import DEMO_PASSPORT, dg1, td3
from drivers.virtual.emrtd_pki import CountryPki, build_master_list
from kiosk.cli import main
from kiosk.domain.identity import DocumentCheck

NOW = datetime.datetime.now(datetime.UTC)
GROUPS = {1: dg1(td3(DEMO_PASSPORT))}


@pytest.fixture(scope="module")
def issuer() -> CountryPki:
    """The country whose CSCA issues the master list signer."""
    return CountryPki.generate("DE")


@pytest.fixture(scope="module")
def listed() -> list[CountryPki]:
    return [CountryPki.generate("CN"), CountryPki.generate("UT")]


@pytest.fixture(scope="module")
def ml(issuer: CountryPki, listed: list[CountryPki]) -> bytes:
    key, cert = issuer.issue("Test Master List Signer DE")
    return build_master_list([p.csca for p in listed], key, cert)


def _pem(pki: CountryPki, path: Path) -> Path:
    path.write_bytes(pki.csca_pem())
    return path


def test_import_adds_the_listed_cscas_once(tmp_path: Path, issuer: CountryPki, listed: list[CountryPki],
                                           ml: bytes) -> None:
    folder = tmp_path / "csca"
    result = master_list.import_into(folder, ml, [issuer.csca])
    assert len(result.added) == 2 and result.present == 0
    store = FolderTrustStore(folder).current()
    assert store.countries() == {"CN", "UT"}
    verdict = passive_auth.verify(sod.parse(listed[0].sign_sod(GROUPS)), GROUPS, store, NOW)
    assert verdict.check is DocumentCheck.GENUINE
    again = master_list.import_into(folder, ml, [issuer.csca])
    assert (again.added, again.present) == ([], 2)


def test_the_signer_certificate_itself_is_accepted(tmp_path: Path, issuer: CountryPki,
                                                   listed: list[CountryPki]) -> None:
    key, cert = issuer.issue("Test Master List Signer DE")
    raw = build_master_list([listed[0].csca], key, cert)
    assert len(master_list.import_into(tmp_path, raw, [cert]).added) == 1


def test_a_list_by_another_signer_is_refused(tmp_path: Path, listed: list[CountryPki], ml: bytes) -> None:
    stranger = CountryPki.generate("DE")
    with pytest.raises(master_list.MasterListError, match="not the given signer"):
        master_list.import_into(tmp_path, ml, [stranger.csca])
    assert not list(tmp_path.iterdir())


def test_an_altered_list_is_refused(tmp_path: Path, issuer: CountryPki, ml: bytes) -> None:
    assert ml.count(b"Test CSCA UT") == 2  # subject and issuer of the UT CSCA in the list
    with pytest.raises(master_list.MasterListError, match="digest"):
        master_list.import_into(tmp_path, ml.replace(b"Test CSCA UT", b"Test CSCA UX"), [issuer.csca])
    assert not list(tmp_path.iterdir())


def test_an_sod_is_not_a_master_list(tmp_path: Path, issuer: CountryPki) -> None:
    raw = issuer.sign_sod(GROUPS)[4:]  # the ContentInfo inside tag 77
    with pytest.raises(master_list.MasterListError):
        master_list.import_into(tmp_path, raw, [issuer.csca])


def test_cli_import(tmp_path: Path, issuer: CountryPki, ml: bytes, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "list.ml").write_bytes(ml)
    signer = _pem(issuer, tmp_path / "signer.pem")
    data = tmp_path / "data"
    assert main(["csca", "import", str(tmp_path / "list.ml"), "--signer", str(signer), "--data-dir", str(data)]) == 0
    assert "2 CSCA certificates added" in capsys.readouterr().out
    assert len(list((data / "csca").glob("ml-*.pem"))) == 2
    stranger = _pem(CountryPki.generate("DE"), tmp_path / "stranger.pem")
    assert main(["csca", "import", str(tmp_path / "list.ml"), "--signer", str(stranger),
                 "--data-dir", str(tmp_path / "other")]) == 1
    err = capsys.readouterr().err
    assert "主清單未獲接納" in err and "Master list refused" in err


# ------------------------------------------------------------------ CRLs


def test_a_revoked_document_signer_is_forged(tmp_path: Path) -> None:
    pki = CountryPki.generate("CN")
    pki.install(tmp_path)
    store = FolderTrustStore(tmp_path)
    raw = pki.sign_sod(GROUPS)
    assert passive_auth.verify(sod.parse(raw), GROUPS, store.current(), NOW).check is DocumentCheck.GENUINE
    (tmp_path / "cn.crl").write_bytes(pki.crl([pki.ds]))
    verdict = passive_auth.verify(sod.parse(raw), GROUPS, store.current(), NOW)
    assert (verdict.check, verdict.reason) == (DocumentCheck.FORGED, "signer_revoked")


def test_a_crl_by_someone_else_revokes_nothing() -> None:
    pki, other = CountryPki.generate("CN"), CountryPki.generate("CN")
    from cryptography import x509

    forged_crl = x509.load_pem_x509_crl(other.crl([pki.ds]))  # same issuer name, another key
    unrelated = x509.load_pem_x509_crl(pki.crl([]))
    store = CscaTrustStore([pki.csca], [forged_crl, unrelated])
    verdict = passive_auth.verify(sod.parse(pki.sign_sod(GROUPS)), GROUPS, store, NOW)
    assert verdict.check is DocumentCheck.GENUINE
