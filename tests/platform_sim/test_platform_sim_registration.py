"""The platform simulator's own registration identity check (defence in depth behind the kiosk's
REG_IDENTITY_UNVERIFIED): a MEMBER_REGISTRATION is rejected IDENTITY_UNVERIFIED unless it says
IAMSMART from an iAM Smart identity, or CARD_STAFF_CHECKED naming the staff member. Table-driven on
the checks, then once through the real server on loopback."""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest

from platform_sim.validation import check_item, parse_batch
from tests.platform_sim.test_platform_sim import assert_bilingual, device, item, post_batch, results
from tests.support.platform import SimProcess

__all__ = ["device"]  # the fixture, used by the HTTP test below

HKID = "A123456(3)"  # fictional


def registration(identity_source: str | None, source: str, verified_by_staff: str | None = None) -> dict[str, Any]:
    member: dict[str, Any] = {"hkid": HKID, "source": source}
    if verified_by_staff is not None:
        member["verified_by_staff"] = verified_by_staff
    values: dict[str, Any] = {"name_en": "CHAN TAI MAN", "mobile": "91234567", "language": "zh"}
    if identity_source is not None:
        values["identity_source"] = identity_source
    return {"idempotency_key": str(uuid.uuid4()), "kiosk_ref": "EK-261126-AAAAAA", "type": "MEMBER_REGISTRATION",
            "member_key": "k", "queued_at": "2026-11-26T10:00:00+08:00",
            "payload": {"member": member, "values": values}}


@pytest.mark.parametrize(
    ("identity_source", "source", "verified_by_staff", "accepted"),
    [
        ("IAMSMART", "iamsmart", None, True),
        ("CARD_STAFF_CHECKED", "typed", "S0042", True),
        ("CARD_STAFF_CHECKED", "card", "S0042", True),
        # A typed or merely read number, however the form describes it.
        (None, "typed", None, False),
        (None, "card", None, False),
        (None, "typed", "S0042", False),  # checked by staff, but the form does not say so
        ("TYPED", "typed", None, False),
        ("", "card", None, False),
        ("IAMSMART", "typed", None, False),
        ("IAMSMART", "card", "S0042", False),
        ("CARD_STAFF_CHECKED", "typed", None, False),
        ("CARD_STAFF_CHECKED", "card", None, False),
    ],
)
def test_registration_identity_check(identity_source: str | None, source: str, verified_by_staff: str | None,
                                     accepted: bool) -> None:
    [parsed] = parse_batch(json.dumps({"items": [registration(identity_source, source, verified_by_staff)]}).encode())
    reason = check_item(parsed)
    if accepted:
        assert reason is None
    else:
        assert reason is not None
        assert_bilingual(reason, "IDENTITY_UNVERIFIED")
        assert "智方便" in reason["message_zh"] and "iAM Smart" in reason["message_en"]


def test_other_types_do_not_need_it() -> None:
    [parsed] = parse_batch(json.dumps({"items": [item("CHANGE_PARTICULARS")]}).encode())
    assert check_item(parsed) is None


def test_the_server_rejects_a_typed_registration_and_keeps_nothing(platform_sim: SimProcess,
                                                                    device: tuple[str, str]) -> None:
    typed = registration(None, "typed")
    iamsmart = registration("IAMSMART", "iamsmart")
    answers = {r["idempotency_key"]: r for r in results(post_batch(platform_sim, device, [typed, iamsmart]))}
    assert answers[iamsmart["idempotency_key"]]["status"] == "accepted"
    rejected = answers[typed["idempotency_key"]]
    assert rejected["status"] == "rejected"
    assert_bilingual(rejected["reason"], "IDENTITY_UNVERIFIED")
    stored = platform_sim.admin_instructions()
    assert [i["idempotency_key"] for i in stored] == [iamsmart["idempotency_key"]]
