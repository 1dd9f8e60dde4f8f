"""Staff-assisted identification and the paths around it, without Qt: the typed HKID waiting for
staff to confirm they saw the card (kiosk.core + kiosk.modes.hkid_check, audited in the real
hash-chained log), the marker the instruction carries to the platform (payload and the simulator's
checks), a staff card ending the session it started on attract, and iAM Smart's identity copied
into the registration form and marked."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

import pytest

from kiosk.core.session import Session
from kiosk.core.state import Assistance, Screen
from kiosk.core.texts import STAFF_CHECK_DECLINED
from kiosk.domain import Identity, IdentitySource, Instruction, ValidationError
from kiosk.modes.auth import AnyOf, PinAuthenticator, PinRegistry
from kiosk.modes.hkid_check import confirm_card_seen, decline_card_seen
from kiosk.modes.lockout import Lockout
from kiosk.modes.staff import StaffDesk
from kiosk.ports import CardError, CardErrorCode, CardReadResult
from kiosk.ports.audit import AuditEvent
from kiosk.ports.staff import CardHolder, Principal, Refused, Role, SignInAttempt, SignInMethod, SignInRefused
from offline_cache.audit import FileAuditLog, load_key
from offline_cache.outbox_rows import member_payload
from platform_sim.validation import BadBatch, check_item, parse_batch
from tests.support.member import sign_in_by_code

PIN = "482915"
HKID = "A123456(3)"  # fictional


@pytest.fixture
def audit(tmp_path: Path) -> FileAuditLog:
    return FileAuditLog(tmp_path / "audit", load_key(tmp_path / "keys"))


@pytest.fixture
def desk(tmp_path: Path, audit: FileAuditLog) -> StaffDesk:
    pins = PinRegistry(tmp_path / "keys" / "staff.json")
    pins.register("S0042", PIN, Role.STAFF, "SHOP-01")
    return StaffDesk(AnyOf(PinAuthenticator(pins)), Lockout(tmp_path / "lockout.json"), audit,
                     idle_timeout_s=lambda: 120.0, shop=lambda: "SHOP-01")


def assisted_session() -> Session:
    s = Session()
    s.start()
    assert s.mark_assisted("S0042", "staff", "SHOP-01")
    return s


def audit_text(audit: FileAuditLog) -> str:
    return audit.path.read_text()


# ---------------------------------------------------------------- the typed HKID and staff


def test_typed_hkid_alone_identifies_at_once() -> None:
    s = Session()
    s.start()
    assert s.identify_typed("a123456(3)")
    assert s.state.screen is Screen.MENU and s.state.identity is not None
    assert s.state.identity.verified_by_staff == ""


def test_assisted_typed_hkid_waits_for_staff_then_is_marked(desk: StaffDesk, audit: FileAuditLog) -> None:
    s = assisted_session()
    assert s.identify_typed("A123456 3")
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.identity is None
    assert s.step() == (1, 5)  # still the identify step for the progress indicator
    pending = s.state.staff_check
    assert pending is not None and pending.hkid == HKID
    assert desk.sign_in(SignInAttempt(SignInMethod.PIN, PIN, staff_id="S0042"), member_session=True).ok
    verified = confirm_card_seen(desk, pending)
    s.staff_check_confirmed(verified)
    assert s.state.screen is Screen.MENU and s.state.staff_check is None
    identity = s.state.identity
    assert identity is not None and identity.hkid == HKID and identity.verified_by_staff == "S0042"
    assert identity.source is IdentitySource.TYPED
    entry = audit.entries(10)[-1]
    assert (entry["event"], entry["actor"], entry["role"], entry["outcome"]) == (
        AuditEvent.CARD_SEEN.value, "S0042", "staff", "ok")
    assert entry["detail"]["member"] == "A12****(*)"
    assert "123456" not in audit_text(audit)  # never the full number in the audit log
    assert audit.verify().ok


def test_confirmation_needs_a_signed_in_staff_member(desk: StaffDesk, audit: FileAuditLog) -> None:
    s = assisted_session()
    s.identify_typed(HKID)
    pending = s.state.staff_check
    assert pending is not None
    with pytest.raises(Refused) as info:
        confirm_card_seen(desk, pending)  # staff signed out (idle) before confirming
    assert info.value.code == "NOT_SIGNED_IN" and info.value.message_zh and info.value.message_en
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.identity is None
    assert not [e for e in audit.entries(10) if e["event"] == AuditEvent.CARD_SEEN.value]


def test_a_bad_number_is_refused_by_the_check_too(desk: StaffDesk) -> None:
    desk.sign_in(SignInAttempt(SignInMethod.PIN, PIN, staff_id="S0042"))
    with pytest.raises(ValidationError) as info:
        confirm_card_seen(desk, Identity("A123456(4)"))
    assert info.value.code == "HKID_CHECK_DIGIT"


def test_declining_forgets_the_number_and_is_audited(desk: StaffDesk, audit: FileAuditLog) -> None:
    s = assisted_session()
    s.identify_typed(HKID)
    pending = s.state.staff_check
    assert pending is not None
    desk.sign_in(SignInAttempt(SignInMethod.PIN, PIN, staff_id="S0042"), member_session=True)
    decline_card_seen(desk, pending)
    s.staff_check_declined()
    assert s.state.screen is Screen.IDENTIFY and s.state.staff_check is None and s.state.identity is None
    assert s.state.notice == STAFF_CHECK_DECLINED
    entry = audit.entries(10)[-1]
    assert (entry["event"], entry["actor"], entry["outcome"]) == (AuditEvent.CARD_NOT_SEEN.value, "S0042", "refused")
    assert "123456" not in audit_text(audit)


def test_back_on_the_confirmation_is_a_decline_and_a_wipe_forgets_it() -> None:
    s = assisted_session()
    s.identify_typed(HKID)
    s.back()
    assert s.state.screen is Screen.IDENTIFY and s.state.staff_check is None
    s.identify_typed(HKID)
    s.wipe()
    assert s.state.staff_check is None and s.state.screen is Screen.ATTRACT


def test_a_confirmation_for_another_number_is_ignored() -> None:
    s = assisted_session()
    s.identify_typed(HKID)
    s.staff_check_confirmed(Identity("B234567(0)", verified_by_staff="S0042"))
    assert s.state.screen is Screen.STAFF_CONFIRM and s.state.identity is None


# ---------------------------------------------------------------- the marker on the instruction


def _batch(member: dict[str, object], values: dict[str, object], type_: str = "MEMBER_REGISTRATION") -> bytes:
    return json.dumps({"items": [{
        "idempotency_key": str(uuid.uuid4()), "kiosk_ref": "EK-261126-AAAAAA", "type": type_,
        "member_key": "k", "queued_at": "2026-11-26T10:00:00+08:00",
        "payload": {"member": member, "values": values}}]}).encode()


def test_registration_carries_the_staff_marker_and_the_platform_checks_it() -> None:
    s = assisted_session()
    s.identify_typed(HKID)
    s.staff_check_confirmed(Identity(HKID, verified_by_staff="S0042"))
    s.choose("MEMBER_REGISTRATION")
    assert s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert s.state.identity is not None
    payload = member_payload(Instruction("MEMBER_REGISTRATION", s.state.identity,
                                         {"identity_source": "CARD_STAFF_CHECKED"}))
    assert payload["member"]["verified_by_staff"] == "S0042" and payload["member"]["source"] == "typed"
    [item] = parse_batch(_batch(payload["member"], payload["values"]))
    assert check_item(item) is None
    # Claimed checked by staff, but no staff member named: rejected with a bilingual reason.
    unmarked = dict(payload["member"])
    del unmarked["verified_by_staff"]
    [item] = parse_batch(_batch(unmarked, payload["values"]))
    reason = check_item(item)
    assert reason is not None and reason["code"] == "IDENTITY_UNVERIFIED"
    assert reason["message_zh"] and "staff" in reason["message_en"]
    with pytest.raises(BadBatch):
        parse_batch(_batch({**payload["member"], "verified_by_staff": "A123456(3)"}, payload["values"]))


def test_an_unverified_identity_sends_no_marker() -> None:
    payload = member_payload(Instruction("CHANGE_PARTICULARS", Identity(HKID), {"mobile": "91234567"}))
    assert "verified_by_staff" not in payload["member"]


# ---------------------------------------------------------------- a staff card on attract


def test_a_staff_card_ends_the_session_it_started() -> None:
    s = Session()
    s.start(by_card=True)
    s.card_read_started()
    assert not s.staff_card_presented(s.read_token)
    assert s.state.screen is Screen.ATTRACT and not s.state.card_reading


def test_a_staff_card_keeps_a_members_session() -> None:
    s = Session(default_lang="en")
    s.start()  # the member pressed Start; staff come over with their card
    s.card_read_started()
    assert s.staff_card_presented(s.read_token)
    assert s.state.screen is Screen.IDENTIFY and not s.state.card_reading and s.state.notice is None


def test_without_staff_mode_the_member_is_told_it_is_a_staff_card() -> None:
    s = Session()
    s.start(by_card=True)
    s.card_read_started()
    s.card_read_finished(CardReadResult(error=CardError(CardErrorCode.STAFF_CARD)), "r", s.read_token)
    assert s.state.screen is Screen.IDENTIFY and s.state.notice is not None


def test_card_holder_needs_a_card_method(desk: StaffDesk) -> None:
    with pytest.raises(SignInRefused) as info:
        desk.card_holder("Virtual PCD 00 00")
    assert info.value.code == "SIGN_IN_METHOD" and not info.value.counts


def test_card_holder_comes_from_the_card_authenticator(tmp_path: Path, audit: FileAuditLog) -> None:
    class Card:
        def methods(self) -> tuple[SignInMethod, ...]:
            return (SignInMethod.CARD,)

        def authenticate(self, attempt: SignInAttempt) -> Principal:
            raise SignInRefused("X", "x", "x")

        def card_holder(self, reader: str) -> CardHolder:
            return CardHolder("S0042", Role.STAFF, "SHOP-01", reader)

    d = StaffDesk(AnyOf(PinAuthenticator(PinRegistry(tmp_path / "p.json")), Card()), Lockout(None), audit,
                  idle_timeout_s=lambda: 60.0)
    assert d.card_holder("R0") == CardHolder("S0042", Role.STAFF, "SHOP-01", "R0")
    assert audit.entries(10) == []  # looking at a card is not a sign-in


# ---------------------------------------------------------------- iAM Smart into registration


def iamsmart_member() -> Session:
    s = Session()
    s.start()
    s.iamsmart_requested()
    s.identified(Identity(HKID, name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                           source=IdentitySource.IAMSMART))
    return s


def test_iamsmart_fills_the_registration_form_and_marks_it() -> None:
    s = iamsmart_member()
    s.choose("MEMBER_REGISTRATION")
    raw = s.state.form_raw
    assert (raw["name_en"], raw["name_zh"], raw["date_of_birth"], raw["identity_source"]) == (
        "CHAN TAI MAN", "陳大文", "1960-01-01", "IAMSMART")
    assert [s.prefilled_from(n) for n in ("name_en", "name_zh", "date_of_birth", "mobile")] == [
        "iamsmart", "iamsmart", "iamsmart", ""]
    # Editable, and checked by the same rules: a bad change is refused, a good one loses the mark.
    assert s.set_field("name_en", "CHAN 123") is not None
    assert s.set_field("name_en", "CHAN TAI MING") is None
    s.set_field("mobile", "91234567")
    s.set_field("language", "zh")
    assert s.submit_form() == []
    assert s.state.screen is Screen.REVIEW
    assert s.prefilled_from("name_en") == "" and s.prefilled_from("name_zh") == "iamsmart"
    assert s.state.form_values["identity_source"] == "IAMSMART"


def test_iamsmart_values_that_break_a_rule_are_caught() -> None:
    s = Session()
    s.start()
    s.identified(Identity(HKID, name_en="CHAN TAI MAN", date_of_birth="2030-01-01",
                           source=IdentitySource.IAMSMART))
    s.choose("MEMBER_REGISTRATION")
    s.set_field("mobile", "91234567")
    s.set_field("language", "en")
    errors = s.submit_form()
    assert [e.field for e in errors] == ["date_of_birth"] and errors[0].message_zh and errors[0].message_en
    assert s.state.screen is Screen.FORM and s.state.form_step == "date_of_birth"


def test_a_card_identity_is_copied_but_not_marked_as_iamsmart() -> None:
    s = Session()
    s.start()
    s.identified(Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.CARD))
    s.choose("MEMBER_REGISTRATION")  # a card read alone cannot register (tests/core/test_registration_identity.py)
    assert s.state.screen is Screen.REGISTRATION_IDENTITY and s.state.form_raw == {}
    s.back()
    s.identified(Identity(HKID, name_en="CHAN TAI MAN", source=IdentitySource.CARD, verified_by_staff="S0042"))
    s.choose("MEMBER_REGISTRATION")
    assert s.state.form_raw["name_en"] == "CHAN TAI MAN" and s.state.form_raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert s.prefilled_from("name_en") == ""


def test_amendment_assistance_is_kept_through_the_check() -> None:
    s = Session()
    s.start_amendment("CHANGE_PARTICULARS", {"mobile": "91234567"}, Assistance("S0042", "staff", "SHOP-01", "EK-1"))
    s.identify_typed(HKID)
    assert s.state.screen is Screen.STAFF_CONFIRM
    s.staff_check_confirmed(Identity(HKID, verified_by_staff="S0042"))
    # Staff saw the card; a change of particulars also needs the member's own sign-in, then its form.
    assert s.state.screen is Screen.SIGN_IN and s.state.assisted is not None
    sign_in_by_code(s)
    assert s.state.screen is Screen.FORM and s.state.form_raw["mobile"] == "91234567"
    assert s.state.assisted is not None and s.state.assisted.amends == "EK-1"


def test_a_chip_read_name_is_shown_and_kept_through_the_check(desk: StaffDesk) -> None:
    from kiosk.domain.identity import DocumentCheck, TravelDocument

    s = assisted_session()
    document = TravelDocument("P", "K12345678", "GBR", "GBR", "M", "2034-01-01", DocumentCheck.GENUINE)
    # A foreign passport's chip gave the name and birth date but no HKID number: the member types it.
    s.card_read_started()
    s.card_read_finished(CardReadResult(identity=Identity("", name_en="CHAN TAI MAN", date_of_birth="1970-01-01",
                                                          source=IdentitySource.CARD, document=document)),
                         "r", s.read_token)
    assert s.state.pending_document is not None
    s.identify_typed(HKID)
    pending = s.state.staff_check
    assert s.state.screen is Screen.STAFF_CONFIRM and pending is not None and pending.name_en == "CHAN TAI MAN"
    desk.sign_in(SignInAttempt(SignInMethod.PIN, PIN, staff_id="S0042"), member_session=True)
    s.staff_check_confirmed(confirm_card_seen(desk, pending))
    identity = s.state.identity
    assert identity is not None and identity.document == document and identity.verified_by_staff == "S0042"
    assert identity.name_en == "CHAN TAI MAN" and s.state.pending_document is None
