"""Staff look up a receipt reference on real parts: the kiosk's encrypted outbox on disk, the
platform simulator over loopback (its receipt status call, no member sign-in), the audit log.
Where the instruction is here and on the platform, nothing personal; an unknown, a malformed and
an unreachable case each say so in both languages."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.config import KioskConfig
from kiosk.domain import Identity, Instruction
from kiosk.modes.receipt_lookup import PLATFORM_UNKNOWN, PLATFORM_UNREACHABLE, ReceiptLookups, reference_in
from kiosk.modes.void_request import VoidRequest
from kiosk.no_card_reader import NoCardReader
from kiosk.ports.staff import Refused, SignInAttempt, SignInMethod
from kiosk.services import KioskServices
from offline_cache.sign_in_client import MemberPlatformClient
from tests.support.kiosk import STAFF_PIN, enrolled_services
from tests.support.platform import SimProcess
from tests.support.sign_in import sign_in_by_sms

PIN = STAFF_PIN
MEMBER = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文")  # fictional
SECRETS = ("A123456", "CHAN TAI MAN", "陳大文", "91234567")


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, NoCardReader(readers=["Fake Reader 0"]), staff=True,
                            idle_timeout_s=KioskConfig.idle_timeout_s)
    yield svc
    svc.close()


def sign_in(svc: KioskServices) -> None:
    assert svc.staff.desk.sign_in(SignInAttempt(SignInMethod.PIN, PIN, staff_id="S001")).ok


def test_a_reference_is_found_in_what_was_typed_or_scanned() -> None:
    assert reference_in(" ek-261126-7qx4m2 ") == "EK-261126-7QX4M2"
    assert reference_in("EK2611267QX4M2") == "EK-261126-7QX4M2"  # typed without the dashes
    assert reference_in('{"ref": "EK-261126-7QX4M2", "v": 1}') == "EK-261126-7QX4M2"  # a scanned code
    with pytest.raises(Refused) as e:
        reference_in("A123456(3)")
    assert "收據編號格式不正確" in e.value.message("zh_HK") and "EK-261126-7QX4M2" in e.value.message("en")


def test_lookup_shows_the_kiosk_and_the_platform_without_personal_data(services: KioskServices,
                                                                      platform_sim: SimProcess) -> None:
    signed = sign_in_by_sms(services.client, platform_sim)  # a change of particulars needs the member's
    ref = services.enqueue(Instruction("CHANGE_PARTICULARS", MEMBER, {"mobile": "91234567"}, sign_in=signed)).kiosk_ref
    with pytest.raises(Refused):
        services.staff.receipts.look_up(ref)  # staff only
    sign_in(services)
    before = services.staff.receipts.look_up(ref.lower())
    assert before.local is not None and before.local.state == "queued"
    assert before.platform is None and before.platform_note == PLATFORM_UNKNOWN  # not sent yet
    services.engine.drain()
    found = services.staff.receipts.look_up(ref)
    assert found.kiosk_ref == ref and found.local is not None
    assert (found.local.state, found.local.type) == ("accepted", "CHANGE_PARTICULARS")
    assert found.platform is not None and found.platform.status == "received"
    assert found.platform.platform_ref == found.local.platform_ref != ""
    shown = json.dumps([found.local.__dict__, found.platform.__dict__], ensure_ascii=False, default=str)
    for secret in SECRETS:
        assert secret not in shown
    entries = [e for e in services.staff.audit.entries(100) if e["event"] == "receipt.looked_up"]
    assert entries[-1]["detail"] == {"kiosk_ref": ref, "here": True, "platform": "received"}


def test_a_voided_instruction_says_why(services: KioskServices) -> None:
    bad = Identity("A123456(4)", name_en="CHAN TAI MAN")  # a wrong check digit: the platform rejects it
    ref = services.enqueue(Instruction("CHANGE_PARTICULARS", bad, {"mobile": "91234567"})).kiosk_ref
    services.engine.drain()
    sign_in(services)
    services.staff.ops.void_confirmed(VoidRequest(ref).choose("DUPLICATE").ask_confirmation())
    found = services.staff.receipts.look_up(ref)
    assert found.local is not None
    assert (found.local.state, found.local.staff_action, found.local.staff_reason) == ("voided", "voided",
                                                                                       "DUPLICATE")
    assert found.platform is not None and found.platform.status == "rejected"


def test_another_kiosks_receipt_and_an_unreachable_platform(services: KioskServices, tmp_path: Path) -> None:
    sign_in(services)
    unknown = services.staff.receipts.look_up("EK-200101-AAAAAA")
    assert unknown.local is None and unknown.platform is None and unknown.platform_note == PLATFORM_UNKNOWN
    ref = services.enqueue(Instruction("CHANGE_PARTICULARS", MEMBER, {"mobile": "91234567"})).kiosk_ref
    # A closed port on loopback: nothing answers, the kiosk's own record still shows.
    gone = MemberPlatformClient("http://127.0.0.1:9", lambda: ("dev", b"secret"), timeout_s=1)
    try:
        lookups = ReceiptLookups(services.staff.desk, services.staff.queue, gone.receipt_status)
        found = lookups.look_up(ref)
    finally:
        gone.close()
    assert found.local is not None and found.local.state == "queued"
    assert found.platform is None and found.platform_note == PLATFORM_UNREACHABLE
