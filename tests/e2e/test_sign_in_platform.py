"""Member sign-in, account, delivery with assertions, receipts: the kiosk's client against the
simulator over HTTP on 127.0.0.1, started with --require-sign-in (docs/sign-in.md)."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.domain.assurance import SignInMethod
from kiosk.ports import ItemStatus
from kiosk.ports.member import SignInRefused
from offline_cache.sign_in_client import MemberPlatformClient
from tests.support.platform import SimProcess, loopback_session
from tests.support.sign_in import (
    DEMO_HKID,
    DEMO_MOBILE,
    NO_ACCOUNT_HKID,
    OTHER_HKID,
    OTHER_MOBILE,
    instruction,
    kiosk_client,
    last_code,
    sign_in_by_sms,
    sms_inbox,
)

CODES = ("KIOSK-A", "KIOSK-B")


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcess]:
    process = SimProcess(tmp_path / "sim", enrolment_codes=CODES, extra_args=["--require-sign-in"])
    process.start()
    try:
        yield process
    finally:
        process.stop()


@pytest.fixture
def kiosk(sim: SimProcess) -> Iterator[MemberPlatformClient]:
    client = kiosk_client(sim, CODES[0])
    yield client
    client.close()


@pytest.fixture
def other_kiosk(sim: SimProcess) -> Iterator[MemberPlatformClient]:
    client = kiosk_client(sim, CODES[1])
    yield client
    client.close()


def refused(call: Any, *args: Any) -> SignInRefused:
    with pytest.raises(SignInRefused) as caught:
        call(*args)
    err = caught.value
    assert err.message_zh and err.message_en and err.message_zh != err.message_en
    return err


def shift_clock(sim: SimProcess, seconds: float) -> None:
    sim.set_faults(clock_offset_s=seconds)


def test_sms_sign_in_account_and_delivery_with_the_assertion(sim: SimProcess, kiosk: MemberPlatformClient) -> None:
    challenge = kiosk.sms_start(DEMO_HKID)
    assert challenge.sent_to == "****4567" and challenge.expires_in_s == 300 and challenge.code_length == 6
    sign_in = kiosk.sms_verify(challenge.challenge_id, last_code(sim, DEMO_MOBILE), DEMO_HKID)
    assert sign_in.method is SignInMethod.SMS_OTP and sign_in.hkid == DEMO_HKID
    assert sign_in.expires_at - sign_in.signed_in_at == 15 * 60
    assert "A123456" not in sign_in.assertion  # the assertion does not name the member

    account = kiosk.account(sign_in)
    assert account.registered and account.name_en == "CHAN TAI MAN" and account.name_zh == "陳大文"
    assert [s.account_no for s in account.schemes] == ["ACC-0001", "ACC-0002", "TVC-0003"]
    caf = account.holdings("ACC-0001")[0]
    assert (caf.code, caf.risk_class, caf.fund_expense_ratio_pct) == ("CAF", 4, 0.75)
    assert caf.balance == round(caf.units * caf.unit_price, 2) and account.balance > 0
    assert account.contributions and account.instructions == ()

    withdrawal = instruction("WITHDRAWAL_CLAIM", sign_in=sign_in)
    switch = instruction("FUND_SWITCH", sign_in=sign_in)
    results = kiosk.submit([withdrawal, switch])
    assert [r.status for r in results] == [ItemStatus.ACCEPTED, ItemStatus.ACCEPTED], results
    stored = sim.admin_instructions()
    assert [s["type"] for s in stored] == ["WITHDRAWAL_CLAIM", "FUND_SWITCH"]
    assert all("sign_in" not in s["payload"] for s in stored)  # the platform keeps no assertion

    listed = kiosk.account(sign_in).instructions
    assert [(i.kiosk_ref, i.status) for i in listed] == [(switch.kiosk_ref, "received"),
                                                         (withdrawal.kiosk_ref, "received")]


def test_without_a_sign_in_the_platform_refuses_what_needs_one(sim: SimProcess, kiosk: MemberPlatformClient) -> None:
    items = [instruction(t) for t in ("WITHDRAWAL_CLAIM", "FUND_SWITCH", "TRANSFER_BENEFITS",
                                      "CHANGE_PARTICULARS", "VOLUNTARY_CONTRIBUTION")]
    results = kiosk.submit(items)
    assert [r.status for r in results] == [ItemStatus.REJECTED] * 4 + [ItemStatus.ACCEPTED]
    assert {r.reason_code for r in results[:4]} == {"SIGN_IN_REQUIRED"}
    assert "登入" in results[0].reason_zh and "sign" in results[0].reason_en
    # A resend of the refused item gets the same answer; nothing of it was stored.
    assert kiosk.submit(items[:1])[0].reason_code == "SIGN_IN_REQUIRED"
    assert [s["type"] for s in sim.admin_instructions()] == ["VOLUNTARY_CONTRIBUTION"]


def test_another_members_another_kiosks_and_a_forged_assertion_are_refused_at_delivery(
        sim: SimProcess, kiosk: MemberPlatformClient, other_kiosk: MemberPlatformClient) -> None:
    mine = sign_in_by_sms(kiosk, sim)
    theirs = sign_in_by_sms(kiosk, sim, OTHER_HKID, OTHER_MOBILE)
    head, claims, mac = mine.assertion.split(".")
    forged_mac = dataclasses.replace(mine, assertion=f"{head}.{claims}.{mac[:-2]}AA")
    forged_claims = dataclasses.replace(mine, assertion=f"{head}.{theirs.assertion.split('.')[1]}.{mac}")
    results = kiosk.submit([instruction("WITHDRAWAL_CLAIM", DEMO_HKID, theirs),
                            instruction("WITHDRAWAL_CLAIM", DEMO_HKID, forged_mac),
                            instruction("WITHDRAWAL_CLAIM", DEMO_HKID, forged_claims)])
    assert [r.reason_code for r in results] == ["SIGN_IN_OTHER_MEMBER", "SIGN_IN_INVALID", "SIGN_IN_INVALID"]
    moved = other_kiosk.submit([instruction("FUND_SWITCH", DEMO_HKID, mine)])
    assert moved[0].status is ItemStatus.REJECTED and moved[0].reason_code == "SIGN_IN_OTHER_KIOSK"
    assert refused(other_kiosk.account, mine).code == "SIGN_IN_OTHER_KIOSK"
    assert refused(kiosk.account, forged_mac).code == "SIGN_IN_INVALID"
    assert sim.admin_instructions() == []


def test_the_offline_queue_delivers_within_72_hours_and_not_after(sim: SimProcess,
                                                                  kiosk: MemberPlatformClient) -> None:
    sign_in = sign_in_by_sms(kiosk, sim)
    queued = [instruction("WITHDRAWAL_CLAIM", sign_in=sign_in), instruction("FUND_SWITCH", sign_in=sign_in)]
    shift_clock(sim, 71 * 3600)  # the kiosk was offline for 71 hours; the client learns the new time
    assert kiosk.submit(queued[:1])[0].status is ItemStatus.ACCEPTED
    assert refused(kiosk.account, sign_in).code == "SIGN_IN_EXPIRED"  # account views: 15 minutes only
    shift_clock(sim, 72 * 3600 + 60)
    late = kiosk.submit(queued[1:])[0]
    assert late.status is ItemStatus.REJECTED and late.reason_code == "SIGN_IN_EXPIRED"
    assert "重新登入" in late.reason_zh and "sign in again" in late.reason_en


def test_codes_are_single_use_expire_and_five_wrong_lock_the_member(sim: SimProcess,
                                                                     kiosk: MemberPlatformClient) -> None:
    first = kiosk.sms_start(DEMO_HKID)
    right = last_code(sim, DEMO_MOBILE)
    wrong = f"{(int(right) + 1) % 1_000_000:06d}"
    kiosk.sms_verify(first.challenge_id, right, DEMO_HKID)
    assert refused(kiosk.sms_verify, first.challenge_id, right, DEMO_HKID).code == "OTP_EXPIRED"  # used

    stale = kiosk.sms_start(DEMO_HKID)
    stale_code = last_code(sim, DEMO_MOBILE)
    shift_clock(sim, 301)
    assert refused(kiosk.sms_verify, stale.challenge_id, stale_code, DEMO_HKID).code == "OTP_EXPIRED"
    sim.clear_faults()

    challenge = kiosk.sms_start(DEMO_HKID)
    code = last_code(sim, DEMO_MOBILE)
    wrong = f"{(int(code) + 1) % 1_000_000:06d}"
    left = [refused(kiosk.sms_verify, challenge.challenge_id, wrong, DEMO_HKID).tries_left for _ in range(4)]
    assert left == [4, 3, 2, 1]
    locked = refused(kiosk.sms_verify, challenge.challenge_id, wrong, DEMO_HKID)
    assert locked.code == "OTP_LOCKED" and locked.retry_after == 900
    assert refused(kiosk.sms_verify, challenge.challenge_id, code, DEMO_HKID).code == "OTP_LOCKED"
    sent = len(sms_inbox(sim, DEMO_MOBILE))
    assert refused(kiosk.sms_start, DEMO_HKID).code == "OTP_LOCKED"
    assert len(sms_inbox(sim, DEMO_MOBILE)) == sent  # no new code goes out while locked
    assert sign_in_by_sms(kiosk, sim, OTHER_HKID, OTHER_MOBILE).hkid == OTHER_HKID  # others unaffected
    shift_clock(sim, 901)
    assert sign_in_by_sms(kiosk, sim).hkid == DEMO_HKID  # the lock ends after 15 minutes


def test_status_at_any_kiosk_details_and_cancel_with_sign_in(sim: SimProcess, kiosk: MemberPlatformClient,
                                                             other_kiosk: MemberPlatformClient) -> None:
    sign_in = sign_in_by_sms(kiosk, sim)
    switch = instruction("FUND_SWITCH", sign_in=sign_in)
    withdrawal = instruction("WITHDRAWAL_CLAIM", sign_in=sign_in)
    delivered = kiosk.submit([switch, withdrawal])
    assert {r.status for r in delivered} == {ItemStatus.ACCEPTED}

    status = other_kiosk.receipt_status(switch.kiosk_ref)  # no sign-in: status only
    assert (status.status, status.type, status.cancellable) == ("received", "FUND_SWITCH", True)
    assert status.cancel_by.endswith("T16:00+08:00") and status.values is None
    assert status.hotline == "183 2622" and status.next_step_zh and status.next_step_en
    assert refused(other_kiosk.receipt_status, "EK-000000-NOPE00").code == "RECEIPT_UNKNOWN"

    other = sign_in_by_sms(kiosk, sim, OTHER_HKID, OTHER_MOBILE)
    assert refused(kiosk.receipt_details, switch.kiosk_ref, other).code == "SIGN_IN_OTHER_MEMBER"
    assert refused(kiosk.cancel, switch.kiosk_ref, other).code == "SIGN_IN_OTHER_MEMBER"
    details = kiosk.receipt_details(switch.kiosk_ref, sign_in)
    assert details.values is not None and details.values["allocation"] == {"CAF": 60, "HKEQ": 40}

    assert refused(kiosk.cancel, withdrawal.kiosk_ref, sign_in).code == "CANCEL_NOT_ALLOWED"
    cancelled = kiosk.cancel(switch.kiosk_ref, sign_in)
    assert (cancelled.status, cancelled.cancellable) == ("cancelled", False)
    assert kiosk.cancel(switch.kiosk_ref, sign_in).status == "cancelled"  # a second tap changes nothing
    assert other_kiosk.receipt_status(switch.kiosk_ref).status == "cancelled"
    assert other_kiosk.status(delivered[0].platform_ref)["status"] == "cancelled"
    assert {i.kiosk_ref: i.status for i in kiosk.account(sign_in).instructions}[switch.kiosk_ref] == "cancelled"

    # Past the dealing day's 16:00 cut-off (at most 3 days and 16 hours away) a switch stands.
    late = instruction("FUND_SWITCH", sign_in=sign_in)
    assert kiosk.submit([late])[0].status is ItemStatus.ACCEPTED
    shift_clock(sim, 4 * 86400)
    again = sign_in_by_sms(kiosk, sim)
    assert kiosk.receipt_status(late.kiosk_ref).cancellable is False
    assert refused(kiosk.cancel, late.kiosk_ref, again).code == "CANCEL_TOO_LATE"


def test_iamsmart_login_signs_any_member_in(sim: SimProcess, kiosk: MemberPlatformClient) -> None:
    for member, registered in ((None, True), ({"hkid": NO_ACCOUNT_HKID, "name_en": "NG SIU MING"}, False)):
        ticket = kiosk.iamsmart_start("login", "en")
        body: dict[str, Any] = {"qr": ticket.qr, "outcome": "approve"}
        if member is not None:
            body["member"] = member
        with loopback_session() as s:
            assert s.post(f"{sim.url}/admin/iamsmart/scan", json=body, timeout=5).status_code == 200
        poll = kiosk.iamsmart_poll(ticket.session_id)
        assert poll.identity is not None and poll.sign_in is not None
        assert poll.sign_in.method is SignInMethod.IAMSMART and poll.sign_in.hkid == poll.identity.hkid
        assert kiosk.account(poll.sign_in).registered is registered
        if registered:
            accepted = kiosk.submit([instruction("WITHDRAWAL_CLAIM", poll.identity.hkid, poll.sign_in,
                                                 source="iamsmart")])
            assert accepted[0].status is ItemStatus.ACCEPTED
    assert refused(kiosk.sms_start, NO_ACCOUNT_HKID).code == "MEMBER_NO_MOBILE"


def test_bad_input_gets_a_bilingual_4xx_never_5xx(sim: SimProcess, kiosk: MemberPlatformClient) -> None:
    device_id, secret = sim.enrol(CODES[1])
    nested = b"[" * 100_000 + b"]" * 100_000
    cases = [("POST", "/v1/sign-in/sms", b"not json"), ("POST", "/v1/sign-in/sms", b"[1]"),
             ("POST", "/v1/sign-in/sms", b'{"hkid": "A123456(4)"}'), ("POST", "/v1/sign-in/sms", nested),
             ("POST", "/v1/sign-in/sms", b'{"hkid": ' + b'"A' * 3000 + b'"}'),
             ("POST", "/v1/sign-in/sms/otp-zz", b'{"code": "123456"}'),
             ("POST", "/v1/sign-in/sms/otp-" + b"0".hex().encode().decode() * 12, b'{"code": 123456}'),
             ("POST", "/v1/members/account", b"{}"), ("POST", "/v1/members/account", b'{"sign_in": 5}'),
             ("POST", "/v1/members/account", b'{"sign_in": "v1.e30.AAAA"}'),
             ("GET", "/v1/receipts/%00%ff", b""), ("POST", "/v1/receipts/EK-1/cancel", b'{"sign_in": []}')]
    for method, path, body in cases:
        r = sim.signed_request(device_id, secret, method, path, body)
        assert 400 <= r.status_code < 500, (path, body[:40], r.status_code)
        err = r.json()["error"]
        assert err["code"] and err["message_zh"] and err["message_en"], path


def test_codes_assertions_and_numbers_never_reach_the_log(sim: SimProcess, kiosk: MemberPlatformClient) -> None:
    sign_in = sign_in_by_sms(kiosk, sim)
    challenge = kiosk.sms_start(DEMO_HKID)
    code = last_code(sim, DEMO_MOBILE)
    refused(kiosk.sms_verify, challenge.challenge_id, f"{(int(code) + 1) % 1_000_000:06d}", DEMO_HKID)
    kiosk.sms_verify(challenge.challenge_id, code, DEMO_HKID)
    kiosk.account(sign_in)
    kiosk.submit([instruction("WITHDRAWAL_CLAIM", sign_in=sign_in)])
    sim.stop()  # flush everything the process wrote
    log = sim.log_path.read_text("utf-8")
    assert "signed in by SMS code" in log and "sign-in code sent" in log  # the log was written
    for secret in (code, sign_in.assertion, "A123456", DEMO_MOBILE):
        assert secret not in log, "personal data or a credential reached the simulator's log"
