"""How personal values look on the review screen: enough for the member to recognise, little for
whoever stands behind them. HKID and English names use the core's masks (kiosk.domain). What a
signed-in member typed is shown in full (ui/review_disclosure.py)."""

from __future__ import annotations

from typing import Any

from kiosk.domain import hkid
from kiosk.domain.fields import FieldSpec, Kind
from kiosk.domain.identity import mask_name


def mask_mobile(value: str) -> str:
    """`91234567` -> `9123****`."""
    return value[:4] + "*" * max(len(value) - 4, 0)


def mask_email(value: str) -> str:
    """`chan@example.com` -> `c***@example.com`: the domain tells the member which address it is."""
    local, at, domain = value.partition("@")
    if not at:
        return mask_text(value)
    return f"{local[:1]}***@{domain}"


def mask_text(value: str) -> str:
    """An address or other free text: its first characters (a third, at most 6) then `***`."""
    keep = min(6, len(value) // 3)
    return value[:keep] + "***"


def mask_name_zh(value: str) -> str:
    """`陳大文` -> `陳**`: the surname only."""
    return value[:1] + "*" * max(len(value) - 1, 0)


def mask_date(value: str) -> str:
    """`1970-01-31` -> `19**-**-**`."""
    return value[:2] + "**-**-**" if len(value) >= 4 else "****"


def mask_bank(value: str) -> str:
    """`004-123-456789` -> `***-***-***789`."""
    return "".join("*" if c.isdigit() else c for c in value[:-3]) + value[-3:]


def mask_value(spec: FieldSpec, value: Any) -> str:
    """The masked text of a clean (validated) personal value."""
    text = str(value)
    if spec.kind is Kind.MOBILE:
        return mask_mobile(text)
    if spec.kind is Kind.EMAIL:
        return mask_email(text)
    if spec.kind is Kind.NAME_EN:
        return mask_name(text)
    if spec.kind is Kind.NAME_ZH:
        return mask_name_zh(text)
    if spec.kind is Kind.HKID:
        return hkid.mask(text)
    if spec.kind is Kind.DATE:
        return mask_date(text)
    if spec.kind is Kind.BANK_ACCOUNT:
        return mask_bank(text)
    return mask_text(text)

