"""The platform's own checks on a batch: its shape (else 400) and each item's content (else rejected).

Shape errors are the sender's bug and refuse the whole batch; content errors are about one member's
instruction and reject only that item, with a reason staff can act on.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from platform_sim import catalogue, hkid
from platform_sim.contribution_rules import check_contribution
from platform_sim.errors import error
from platform_sim.intake import parse_json
from platform_sim.text_policy import text_problem

_MEMBER_TEXT_FIELDS = ("name_en", "name_zh", "date_of_birth")
_MEMBER_SOURCES = frozenset({"card", "typed", "iamsmart"})
# member.verified_by_staff: the staff number of who confirmed seeing the HKID card for a typed number.
_STAFF_NUMBER = re.compile(r"^[A-Z0-9][A-Z0-9-]{1,15}$")
# An idempotency key is a UUID in one of its usual ASCII spellings: 8-4-4-4-12 hex digits in either
# case, the hyphens optional, in braces or after `urn:uuid:`. All spellings of one UUID are one key:
# it is compared and stored in the canonical form (lower case, hyphenated). Anything else is 400.
_UUID_SPELLING = re.compile(
    r"^(?:urn:uuid:)?(\{)?([0-9a-f]{8})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{4})-?([0-9a-f]{12})(?(1)\})$",
    re.IGNORECASE | re.ASCII)
_MAX_ENVELOPE_TEXT = 200


def canonical_uuid(text: str) -> str | None:
    """`text` as a canonical UUID (`8-4-4-4-12`, lower case), or None if it is not one."""
    m = _UUID_SPELLING.match(text) if text.isascii() else None
    if m is None:
        return None
    return str(uuid.UUID("".join(m.groups()[1:])))


class BadBatch(Exception):
    """The batch as a whole is refused; `code` is BAD_REQUEST or BATCH_TOO_LARGE."""

    def __init__(self, code: str, detail: str | None = None) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class BatchItem:
    idempotency_key: str  # canonical form: what is stored and compared
    kiosk_ref: str
    type: str
    member_key: str
    queued_at: str
    payload: Mapping[str, Any]
    key_as_sent: str = ""  # the spelling this request used: answers name the key as it was sent

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
    body = parse_json(raw)  # BadInput (400) for a body that is not JSON, too deep, or not finite
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise BadBatch("BAD_REQUEST", "body must be an object with an items list")
    items: list[Any] = body["items"]
    if len(items) > catalogue.MAX_BATCH_ITEMS:
        raise BadBatch("BATCH_TOO_LARGE", f"{len(items)} items")
    return [_parse_item(i, item) for i, item in enumerate(items)]


def _parse_item(index: int, item: Any) -> BatchItem:
    where = f"items[{index}]"
    if not isinstance(item, dict):
        raise BadBatch("BAD_REQUEST", f"{where} must be an object")
    for name in ("idempotency_key", "kiosk_ref", "type", "member_key", "queued_at"):
        value = item.get(name)
        if not isinstance(value, str) or not value.strip():
            raise BadBatch("BAD_REQUEST", f"{where}.{name} must be a non-empty string")
        if not value.isascii() or text_problem(value) or len(value) > _MAX_ENVELOPE_TEXT:
            raise BadBatch("BAD_REQUEST", f"{where}.{name} must be printable ASCII, at most 200 characters")
    key = canonical_uuid(item["idempotency_key"])
    if key is None:
        raise BadBatch("BAD_REQUEST", f"{where}.idempotency_key must be a UUID")
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
    source = member.get("source")
    if source is not None and not (isinstance(source, str) and source in _MEMBER_SOURCES):
        raise BadBatch("BAD_REQUEST", f"{where}.payload.member.source must be card, typed or iamsmart")
    verified_by = member.get("verified_by_staff")
    if verified_by is not None and not (isinstance(verified_by, str) and _STAFF_NUMBER.match(verified_by)):
        raise BadBatch("BAD_REQUEST", f"{where}.payload.member.verified_by_staff must be a staff number")
    # hkid is deliberately not a shape rule: a missing or wrong number rejects only this item.
    return BatchItem(
        idempotency_key=key,
        key_as_sent=item["idempotency_key"],
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
    problem = _payload_text_problem(item.payload)
    if problem is not None:
        return error("TEXT_INVALID", problem)
    if not hkid.is_valid(item.member.get("hkid")):
        return error("HKID_INVALID")
    if item.type == "FUND_SWITCH":
        return _check_allocation(item.values.get("allocation"))
    if item.type == "MEMBER_REGISTRATION":
        return _check_registration_identity(item)
    if item.type == "CONTRIBUTION_DATA":
        return check_contribution(item.values)
    return None


def _payload_text_problem(payload: Mapping[str, Any]) -> str | None:
    """Where the payload holds text the platform's text policy refuses: `values.name_en: U+202E`
    (the path and the code point, never the text)."""
    stack: list[tuple[str, Any]] = [("", payload)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            problem = text_problem(value)
            if problem is not None:
                return f"{path}: {problem}"
        elif isinstance(value, dict):
            for key, inner in value.items():
                where = f"{path}.{key}" if path else str(key)
                problem = text_problem(key)
                if problem is not None:
                    return f"{path or 'payload'} key: {problem}"
                stack.append((where[:80], inner))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", inner) for i, inner in enumerate(value))
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
