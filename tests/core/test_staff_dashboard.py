"""Staff-assist on real parts: the real outbox on disk, the platform simulator over loopback HTTP
rejecting instructions with its reasons, and staff amending and voiding them from the dashboard's
operations. Members are always masked; every action lands in the audit log."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import KioskConfig
from kiosk.core.session import Session
from kiosk.core.state import Assistance, Screen
from kiosk.domain import Identity, Instruction
from kiosk.modes.dashboard import StaffOperations
from kiosk.modes.hkid_check import confirm_card_seen
from kiosk.no_card_reader import NoCardReader
from kiosk.ports.staff import Refused, SignInAttempt, SignInMethod
from kiosk.ports.staff_queue import Actor, StaleAction
from kiosk.services import KioskServices
from tests.support.kiosk import STAFF_PIN, enrolled_services
from tests.support.member import sign_in_by_code
from tests.support.platform import SimProcess
from tests.support.sign_in import sign_in_by_sms

PIN = STAFF_PIN
BAD_HKID = Identity("A123456(4)", name_en="CHAN TAI MAN", name_zh="陳大文")  # fictional, wrong check digit
GOOD_HKID = "A123456(3)"


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, NoCardReader(readers=["Fake Reader 0"]), staff=True,
                            idle_timeout_s=KioskConfig.idle_timeout_s)
    yield svc
    svc.close()


def sign_in(svc: KioskServices, staff_id: str = "S001", pin: str = PIN) -> None:
    assert svc.staff.desk.sign_in(SignInAttempt(SignInMethod.PIN, pin, staff_id=staff_id)).ok


def rejected_instruction(svc: KioskServices, mobile: str = "91234567") -> str:
    receipt = svc.enqueue(Instruction("CHANGE_PARTICULARS", BAD_HKID,
                                      {"mobile": mobile, "address": "FLAT A, 12/F, 1 EXAMPLE ROAD"}))
    return receipt.kiosk_ref


def audit_events(svc: KioskServices) -> list[str]:
    return [e["event"] for e in svc.staff.audit.entries(1000)]


def test_rejected_instructions_show_the_platform_reason_and_a_masked_member(services: KioskServices) -> None:
    ref = rejected_instruction(services)
    sign_in(services)
    ops = services.staff.ops
    summary = ops.force_sync()
    assert (summary.sent, summary.rejected, summary.error) == (1, 1, "")
    overview = {s.state: s for s in ops.overview()}
    assert overview["rejected"].count == 1 and overview["rejected"].oldest_age_s is not None
    items = ops.rejected()
    assert [i.kiosk_ref for i in items] == [ref]
    item = items[0]
    assert item.reason_code == "HKID_INVALID"
    assert "HKID" in item.reason_en and "身份證" in item.reason_zh
    assert item.member_hkid == "A12****(*)" and item.member_name == "CHAN T** M**"
    shown = repr(items) + json.dumps([i.__dict__ for i in items], ensure_ascii=False)
    for secret in ("A123456", "CHAN TAI MAN", "陳大文", "91234567", "EXAMPLE ROAD"):
        assert secret not in shown
    assert "sync.forced" in audit_events(services)


def test_void_with_a_reason_drops_the_personal_data(services: KioskServices) -> None:
    ref = rejected_instruction(services)
    sign_in(services)
    ops = services.staff.ops
    ops.force_sync()
    with pytest.raises(Refused) as e:
        ops.void(ref, "BECAUSE")
    assert e.value.code == "VOID_REASON"
    ops.void(ref, "WRONG_MEMBER")
    row = services.outbox.get(ref)
    assert row is not None and row["state"] == "voided"
    assert services.outbox.open_payload(ref) is None
    links = services.staff.queue.links(ref)
    assert [(x["action"], x["reason"], x["staff_id"], x["shop"]) for x in links] == [
        ("voided", "WRONG_MEMBER", "S001", "SHOP-01")]
    with pytest.raises(StaleAction):
        ops.void(ref, "WRONG_MEMBER")  # already dealt with
    last = [e for e in services.staff.audit.entries(100) if e["event"] == "instruction.voided"]
    assert [(e["outcome"], e["detail"].get("kiosk_ref")) for e in last] == [("ok", ref), ("refused", ref)]
    assert ops.rejected() == []


def test_amend_makes_a_new_linked_instruction_the_member_confirms(services: KioskServices,
                                                                 platform_sim: Any) -> None:
    old = rejected_instruction(services)
    sign_in(services)
    ops = services.staff.ops
    ops.force_sync()
    draft = ops.start_amendment(old)
    assert draft.type == "CHANGE_PARTICULARS"
    assert dict(draft.form_raw) == {"mobile": "91234567", "address": "FLAT A, 12/F, 1 EXAMPLE ROAD"}
    assert "91234567" not in repr(draft)

    # The member identifies again (the wrong HKID is put right) and corrects the pre-filled form.
    session = Session()
    session.start_amendment(draft.type, dict(draft.form_raw), Assistance("S001", "staff", "SHOP-01", amends=old))
    assert session.state.screen is Screen.IDENTIFY and session.state.identity is None
    assert session.identify_typed(GOOD_HKID)
    # Staff are signed in: the typed number is used once they confirm they saw the HKID card.
    pending = session.state.staff_check
    assert session.state.screen is Screen.STAFF_CONFIRM and pending is not None
    session.staff_check_confirmed(confirm_card_seen(services.staff.desk, pending))
    # A change of particulars needs the member signed in, not only staff-checked: then its form.
    assert session.state.screen is Screen.SIGN_IN
    sign_in_by_code(session, result=sign_in_by_sms(services.client, platform_sim))  # delivered below
    assert session.state.screen is Screen.FORM
    assert session.state.form_raw["mobile"] == "91234567"
    session.set_field("mobile", "61234567")
    assert session.submit_form() == []
    instruction = session.confirm_started()
    assisted = session.state.assisted
    assert assisted is not None
    receipt = ops.confirm(instruction, assisted_by=Actor(assisted.staff_id, assisted.role, assisted.shop),
                          amends=assisted.amends)

    old_row, new_row = services.outbox.get(old), services.outbox.get(receipt.kiosk_ref)
    assert old_row is not None and old_row["state"] == "amended"
    assert new_row is not None and new_row["state"] == "queued"
    assert services.outbox.open_payload(old) is None  # the new row carries the member's data now
    assert [(x["action"], x["linked_ref"]) for x in services.staff.queue.links(old)] == [("amended", receipt.kiosk_ref)]
    assert sorted((x["action"], x["linked_ref"]) for x in services.staff.queue.links(receipt.kiosk_ref)) == [
        ("amends", old), ("assisted", None)]

    assert ops.force_sync().accepted == 1
    stored = [i for i in platform_sim.admin_instructions() if i["kiosk_ref"] == receipt.kiosk_ref]
    assert len(stored) == 1 and stored[0]["payload"]["values"]["mobile"] == "61234567"
    events = audit_events(services)
    for expected in ("instruction.amend_started", "instruction.assisted", "instruction.amended"):
        assert expected in events


def test_an_amendment_of_an_instruction_voided_meanwhile_queues_nothing(services: KioskServices) -> None:
    old = rejected_instruction(services)
    sign_in(services)
    ops = services.staff.ops
    ops.force_sync()
    draft = ops.start_amendment(old)
    ops.void(old, "DUPLICATE")  # another staff member, at the same time
    before = services.outbox.counts().by_state
    instruction = Instruction(draft.type, Identity(GOOD_HKID), {"mobile": "61234567"})
    with pytest.raises(StaleAction):
        ops.confirm(instruction, assisted_by=Actor("S001", "staff", "SHOP-01"), amends=old)
    assert services.outbox.counts().by_state == before


def test_a_fund_switch_amendment_keeps_its_allocation(services: KioskServices) -> None:
    ref = services.enqueue(Instruction("FUND_SWITCH", Identity(GOOD_HKID),
                                       {"scheme_account": "12345678", "allocation": {"NOSUCHFUND": 100}})).kiosk_ref
    sign_in(services)
    ops = services.staff.ops
    ops.force_sync()
    item = ops.rejected()[0]
    assert item.kiosk_ref == ref and item.reason_code == "FUND_UNKNOWN" and "NOSUCHFUND" in item.reason_en
    draft = ops.start_amendment(ref)
    assert draft.form_raw["allocation"] == {"NOSUCHFUND": 100}  # structured, as the form takes it
    assert draft.form_raw["scheme_account"] == "12345678"


def test_a_type_without_a_form_here_cannot_be_amended(services: KioskServices) -> None:
    ref = services.enqueue(Instruction("FUND_SWITCH", Identity(GOOD_HKID),
                                       {"scheme_account": "12345678", "allocation": {"NOSUCHFUND": 100}})).kiosk_ref
    sign_in(services)
    services.staff.ops.force_sync()
    ops = StaffOperations(services.staff.desk, services.staff.queue, enqueue=lambda i, link: services.enqueue(i),
                          sync_now=services.staff.ops.force_sync, health=list,
                          amendable_types=lambda: ("CHANGE_PARTICULARS",))
    assert not ops.can_amend("FUND_SWITCH")
    with pytest.raises(Refused) as e:
        ops.start_amendment(ref)
    assert e.value.code == "AMEND_NO_FORM" and e.value.message_zh


def test_assisted_confirmations_are_marked(services: KioskServices) -> None:
    sign_in(services)
    receipt = services.staff.ops.confirm(Instruction("CHANGE_PARTICULARS", Identity(GOOD_HKID), {"mobile": "61234567"}),
                                         assisted_by=Actor("S001", "staff", "SHOP-01"))
    assert [x["action"] for x in services.staff.queue.links(receipt.kiosk_ref)] == ["assisted"]
    entry = [e for e in services.staff.audit.entries(100) if e["event"] == "instruction.assisted"][-1]
    assert entry["actor"] == "S001" and entry["detail"]["kiosk_ref"] == receipt.kiosk_ref
    # Unassisted members leave no staff trace.
    plain = services.enqueue(Instruction("CHANGE_PARTICULARS", Identity(GOOD_HKID), {"mobile": "51234567"}))
    assert services.staff.queue.links(plain.kiosk_ref) == []


def test_signed_out_staff_see_nothing_and_health_has_six_tiles(services: KioskServices) -> None:
    ops = services.staff.ops
    with pytest.raises(Refused) as e:
        ops.overview()
    assert e.value.code == "NOT_SIGNED_IN"
    sign_in(services)
    tiles = {t.key: t for t in ops.health()}
    assert set(tiles) == {"reader", "scanner", "camera", "network", "disk", "queue"}
    assert tiles["reader"].status.value == "pass" and "Fake Reader 0" in tiles["reader"].detail
    assert tiles["disk"].status.value in ("pass", "warn")
