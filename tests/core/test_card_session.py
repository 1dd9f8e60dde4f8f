"""The Session's card flows for documents with a chip: the MRZ step (3 tries, card put back,
whole MRZ scanned), the passive-authentication verdict, forged documents and the HKID fallback.
No Qt, no pcscd: the results are what the PC/SC reader returns (tested in test_emrtd_card.py)."""

from __future__ import annotations

from kiosk.core.session import Session
from kiosk.core.state import MRZ_TRIES, Screen
from kiosk.core.texts import CARD_MESSAGES, MRZ_MESSAGES, document_check_text
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.identity import DocumentCheck, TravelDocument
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from tests.domain.test_emrtd_mrz import SPECIMEN_TD3

READER = "Virtual PCD 00 00"


def _document(check: DocumentCheck = DocumentCheck.GENUINE, reason: str = "ok", hkid: str = "A123456(3)") -> Identity:
    doc = TravelDocument("P", "K12345678", "CHN", "CHN", "M", "2034-01-01", check, reason)
    return Identity(hkid=hkid, name_en="CHAN TAI MAN", date_of_birth="1970-01-01", source=IdentitySource.CARD,
                    reader=READER, document=doc)


def _error(code: CardErrorCode, detail: str = "") -> CardReadResult:
    return CardReadResult(error=CardError(code, detail))


def _at_mrz() -> Session:
    session = Session()
    session.start()
    session.card_read_started()
    session.card_read_finished(_error(CardErrorCode.KEY_REQUIRED), READER)
    assert session.state.screen is Screen.MRZ and session.state.mrz is not None
    assert session.state.mrz.reader == READER and session.state.mrz.tries_left == MRZ_TRIES
    assert not session.state.card_reading
    return session


def _type_key(session: Session, number: str = "K12345678", birth: str = "01/01/1970",
              expiry: str = "01/01/2034") -> None:
    session.mrz_typed("document_number", number)
    session.mrz_typed("date_of_birth", birth)
    session.mrz_typed("date_of_expiry", expiry)


def test_passport_asks_for_the_mrz_then_identifies() -> None:
    session = _at_mrz()
    assert session.step() == (1, 5)  # still the identify step
    _type_key(session)
    key = session.mrz_submitted()
    assert key is not None and key.mrz_information.startswith("K12345678")
    assert session.state.card_reading and session.mrz_submitted() is None  # no second read meanwhile
    session.card_read_finished(CardReadResult(identity=_document()))
    s = session.state
    assert s.screen is Screen.MENU and s.identity is not None and s.mrz is None
    assert s.identity.document_check is DocumentCheck.GENUINE
    assert document_check_text(s.identity) == ("晶片資料已核實為真確", "chip data verified genuine")


def test_typed_key_errors_mark_every_field() -> None:
    session = _at_mrz()
    _type_key(session, number="", birth="31/02/1970", expiry="01/01/2034")
    assert session.mrz_submitted() is None
    assert [e.field for e in session.state.errors] == ["document_number", "date_of_birth"]
    assert not session.state.card_reading
    session.mrz_typed("document_number", "K12345678")  # correcting a field drops its error
    assert [e.field for e in session.state.errors] == ["date_of_birth"]


def test_a_whole_mrz_in_the_number_field() -> None:
    session = _at_mrz()
    session.mrz_typed("document_number", SPECIMEN_TD3[:44] + "\n" + SPECIMEN_TD3[44:])
    key = session.mrz_submitted()
    assert key is not None and key.document_number == "L898902C3" and key.date_of_birth == "740812"


def test_a_broken_whole_mrz_says_so() -> None:
    session = _at_mrz()
    session.mrz_typed("document_number", SPECIMEN_TD3[:-1] + "9")
    assert session.mrz_submitted() is None
    assert [e.code for e in session.state.errors] == ["MRZ_CHECK_DIGIT"]


def test_wrong_key_three_tries_then_back_to_identify() -> None:
    session = _at_mrz()
    for left in range(MRZ_TRIES - 1, 0, -1):
        _type_key(session)
        assert session.mrz_submitted() is not None
        session.card_read_finished(_error(CardErrorCode.WRONG_KEY, "SW 6300"))
        s = session.state
        assert s.screen is Screen.MRZ and s.mrz is not None and s.mrz.tries_left == left
        assert s.notice is not None and f"{left} tries left" in s.notice[1] and f"{left} 次" in s.notice[0]
        assert "document number" in s.notice[1] and "date of birth" in s.notice[1]
        assert s.mrz.typed["document_number"] == "K12345678"  # kept, so one wrong digit is quick to fix
    assert session.mrz_submitted() is not None
    session.card_read_finished(_error(CardErrorCode.WRONG_KEY))
    assert session.state.screen is Screen.IDENTIFY and session.state.mrz is None
    assert session.state.notice == MRZ_MESSAGES["no_tries"]


def test_document_removed_then_put_back() -> None:
    session = _at_mrz()
    _type_key(session)
    session.mrz_submitted()
    session.card_read_finished(_error(CardErrorCode.REMOVED))
    assert session.state.screen is Screen.MRZ and session.state.notice == MRZ_MESSAGES["put_back"]
    session.mrz_card_inserted("Virtual PCD 00 01")
    assert session.state.mrz is not None and session.state.mrz.reader == "Virtual PCD 00 01"
    assert session.state.notice is None
    assert session.mrz_submitted() is not None


def test_forged_document_is_refused_and_forgotten() -> None:
    session = _at_mrz()
    _type_key(session)
    session.mrz_submitted()
    session.card_read_finished(_error(CardErrorCode.FORGED, "dg_hash_mismatch"))
    s = session.state
    assert s.screen is Screen.IDENTIFY and s.identity is None and s.mrz is None
    assert s.notice == CARD_MESSAGES[CardErrorCode.FORGED]


def test_an_identity_marked_forged_is_never_used() -> None:
    session = Session()
    session.start()
    session.card_read_finished(CardReadResult(identity=_document(DocumentCheck.FORGED, "bad_signature")), READER)
    assert session.state.identity is None and session.state.screen is Screen.IDENTIFY
    assert session.state.notice == CARD_MESSAGES[CardErrorCode.FORGED]


def test_not_verifiable_says_why() -> None:
    session = _at_mrz()
    _type_key(session)
    session.mrz_submitted()
    session.card_read_finished(CardReadResult(identity=_document(DocumentCheck.NOT_VERIFIABLE, "no_csca")))
    text = document_check_text(session.state.identity)
    assert session.state.screen is Screen.MENU
    assert text is not None and "no certificate for the issuing country" in text[1] and "證書" in text[0]
    expired = document_check_text(_document(DocumentCheck.NOT_VERIFIABLE, "certificate_expired"))
    assert expired is not None and "expired" in expired[1]


def test_passport_without_hkid_then_the_member_types_it() -> None:
    session = _at_mrz()
    _type_key(session)
    session.mrz_submitted()
    session.card_read_finished(CardReadResult(identity=_document(hkid="")))
    s = session.state
    assert s.screen is Screen.IDENTIFY and s.identity is None and s.pending_document is not None
    assert s.notice is not None and "HKID" in s.notice[1] and "chip data verified genuine" in s.notice[1]
    assert not session.identify_typed("A123456(4)")  # the check character still counts
    assert session.identify_typed("a123456(3)")
    identity = session.state.identity
    assert identity is not None and identity.hkid == "A123456(3)" and identity.name_en == "CHAN TAI MAN"
    assert identity.source is IdentitySource.TYPED and identity.document_check is DocumentCheck.GENUINE


def test_back_from_mrz_and_idle_wipe_forget_the_key() -> None:
    session = _at_mrz()
    _type_key(session)
    session.back()
    assert session.state.screen is Screen.IDENTIFY and session.state.mrz is None
    session = _at_mrz()
    _type_key(session)
    session.wipe()
    assert session.state.mrz is None and session.state.screen is Screen.ATTRACT


def test_late_read_after_the_member_left_is_dropped() -> None:
    session = _at_mrz()
    _type_key(session)
    session.mrz_submitted()
    token = session.read_token
    session.back()  # the member gave up while the chip was being read
    assert not session.state.card_reading
    session.card_read_finished(CardReadResult(identity=_document()), READER, token)
    assert session.state.identity is None and session.state.screen is Screen.IDENTIFY
    session.card_read_started()  # a card read on the identify screen still lands
    session.card_read_finished(CardReadResult(identity=_document()), READER, session.read_token)
    assert session.state.identity is not None


def test_key_required_without_a_reader_name_is_a_plain_notice() -> None:
    session = Session()
    session.start()
    session.card_read_finished(_error(CardErrorCode.KEY_REQUIRED))
    assert session.state.screen is Screen.IDENTIFY
    assert session.state.notice == CARD_MESSAGES[CardErrorCode.KEY_REQUIRED]


def test_staff_card_on_the_member_side() -> None:
    session = Session()
    session.start()
    session.card_read_finished(_error(CardErrorCode.STAFF_CARD), READER)
    assert session.state.notice == CARD_MESSAGES[CardErrorCode.STAFF_CARD] and session.state.identity is None
