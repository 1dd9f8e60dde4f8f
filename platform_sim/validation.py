"""The platform's own checks on a batch: its shape (else 400) and each item's content (else rejected).

Shape errors are the sender's bug and refuse the whole batch; content errors are about one member's
instruction and reject only that item, with a reason staff can act on.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from platform_sim import catalogue, hkid
from platform_sim.errors import error

_MEMBER_TEXT_FIELDS = ("name_en", "name_zh", "date_of_birth")
_MEMBER_SOURCES = frozenset({"card", "typed", "iamsmart"})
# member.verified_by_staff: the staff number of who confirmed seeing the HKID card for a typed number.
_STAFF_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")


class BadBatch(Exception):
    """The batch as a whole is refused; `code` is BAD_REQUEST or BATCH_TOO_LARGE."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class BatchItem:
    idempotency_key: str
    kiosk_ref: str
    type: str
    member_key: str
    queued_at: str
    payload: Mapping[str, Any]

    @property
    def member(self) -> Mapping[str, Any]:
        member: Mapping[str, Any] = self.payload["member"]
        return member

    @property
    def values(self) -> Mapping[str, Any]:
        values: Mapping[str, Any] = self.payload["values"]
        return values


def parse_batch(raw: bytes) -> list[BatchItem]:
    """The items of a batch body; raises BadBatch. Details name fields, never their values."""
    try:
        body = json.loads(raw, parse_constant=_refuse_constant)
    except (ValueError, UnicodeDecodeError):
        raise BadBatch("BAD_REQUEST", "body is not JSON") from None
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise BadBatch("BAD_REQUEST", "body must be an object with an items list")
    items: list[Any] = body["items"]
    if len(items) > catalogue.MAX_BATCH_ITEMS:
        raise BadBatch("BATCH_TOO_LARGE", f"{len(items)} items")
    return [_parse_item(i, item) for i, item in enumerate(items)]


def _refuse_constant(name: str) -> Any:
    """NaN and Infinity are not JSON; accepting them would store payloads no JSON reader can read back."""
    raise ValueError(f"{name} is not valid JSON")


def _parse_item(index: int, item: Any) -> BatchItem:
    where = f"items[{index}]"
    if not isinstance(item, dict):
        raise BadBatch("BAD_REQUEST", f"{where} must be an object")
    for name in ("idempotency_key", "kiosk_ref", "type", "member_key", "queued_at"):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise BadBatch("BAD_REQUEST", f"{where}.{name} must be a non-empty string")
    try:
        uuid.UUID(item["idempotency_key"])
    except ValueError:
        raise BadBatch("BAD_REQUEST", f"{where}.idempotency_key must be a UUID") from None
    try:
        datetime.fromisoformat(item["queued_at"])
    except ValueError:
        raise BadBatch("BAD_REQUEST", f"{where}.queued_at must be an ISO 8601 date-time") from None
    payload = item.get("payload")
    if not isinstance(payload, dict):
        raise BadBatch("BAD_REQUEST", f"{where}.payload must be an object")
    member = payload.get("member")
    if not isinstance(member, dict):
        raise BadBatch("BAD_REQUEST", f"{where}.payload.member must be an object")
    if not isinstance(payload.get("values"), dict):
        raise BadBatch("BAD_REQUEST", f"{where}.payload.values must be an object")
    for name in _MEMBER_TEXT_FIELDS:
        if member.get(name) is not None and not isinstance(member[name], str):
            raise BadBatch("BAD_REQUEST", f"{where}.payload.member.{name} must be a string")
    if member.get("source") is not None and member["source"] not in _MEMBER_SOURCES:
        raise BadBatch("BAD_REQUEST", f"{where}.payload.member.source must be card, typed or iamsmart")
    verified_by = member.get("verified_by_staff")
    if verified_by is not None and not (isinstance(verified_by, str) and _STAFF_NUMBER.match(verified_by)):
        raise BadBatch("BAD_REQUEST", f"{where}.payload.member.verified_by_staff must be a staff number")
    # hkid is deliberately not a shape rule: a missing or wrong number rejects only this item.
    return BatchItem(
        idempotency_key=item["idempotency_key"],
        kiosk_ref=item["kiosk_ref"],
        type=item["type"],
        member_key=item["member_key"],
        queued_at=item["queued_at"],
        payload=payload,
    )


def check_item(item: BatchItem) -> dict[str, str] | None:
    """None when the platform accepts the item, else the bilingual rejection reason."""
    if item.type not in catalogue.INSTRUCTION_TYPES:
        return error("TYPE_UNKNOWN", item.type[:40])
    if not hkid.is_valid(item.member.get("hkid")):
        return error("HKID_INVALID")
    if item.type == "FUND_SWITCH":
        return _check_allocation(item.values.get("allocation"))
    if item.type == "MEMBER_REGISTRATION":
        return _check_registration_identity(item)
    return None


def _check_registration_identity(item: BatchItem) -> dict[str, str] | None:
    """Registration needs iAM Smart, or shop staff who saw the HKID card: face-scan registration
    from HKID copies was stopped after forged cards were used. The kiosk refuses it too
    (REG_IDENTITY_UNVERIFIED); this is the platform's own check behind it."""
    source = item.values.get("identity_source")
    if source == "IAMSMART":
        if item.member.get("source") != "iamsmart":
            return error("IDENTITY_UNVERIFIED", "values.identity_source IAMSMART, member.source not iamsmart")
        return None
    if source == "CARD_STAFF_CHECKED":
        if not item.member.get("verified_by_staff"):
            # "Identity card checked by staff" without the staff member who checked it says nothing.
            return error("IDENTITY_UNVERIFIED", "member.verified_by_staff")
        return None
    return error("IDENTITY_UNVERIFIED", "values.identity_source must be IAMSMART or CARD_STAFF_CHECKED")


def _check_allocation(allocation: Any) -> dict[str, str] | None:
    """`values.allocation` maps fund code -> percentage; every code must be one of the platform's."""
    if not isinstance(allocation, dict) or not allocation:
        return error("FUND_UNKNOWN", "values.allocation must map fund codes to percentages")
    unknown = sorted(str(code) for code in allocation if code not in catalogue.FUND_CODES)
    if unknown:
        return error("FUND_UNKNOWN", ", ".join(code[:20] for code in unknown[:5]))
    return None
