"""How a clean form value reads on the review screen: masked when personal, labels for choices,
fund names with percentages, one line per contribution row. Nothing here decides anything."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from kiosk.domain import hkid
from kiosk.domain.fields import FieldSpec, Kind
from kiosk.domain.funds import Fund
from kiosk.domain.mpf import money
from ui.masking import mask_value
from ui.strings import tr


def _fund_name(code: str, funds: Sequence[Fund], lang: str) -> str:
    fund = next((f for f in funds if f.code == code), None)
    return fund.name(lang) if fund else code


def _row(spec: FieldSpec, i: int, row: dict[str, Any], lang: str) -> str:
    who = hkid.mask(row["hkid"]) if row.get("hkid") else str(row.get("member_account_no") or "")
    subs = {s.name: s for s in spec.row_fields}
    parts = [f"{subs[k].label(lang)} HK${money(_dec(row[k]))}" for k in
             ("relevant_income", "employer_mandatory", "employee_mandatory", "employer_voluntary",
              "employee_voluntary", "surcharge") if row.get(k) not in (None, "")]
    reason = row.get("difference_reason")
    if reason:
        c = subs["difference_reason"].choice(str(reason))
        parts.append(f"{subs['difference_reason'].label(lang)}: {c.label(lang) if c else reason}")
    return f"{tr('review_member_row', lang, n=i)} {who}: " + "; ".join(parts)


def _dec(value: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(value))


def shown_value(spec: FieldSpec, value: Any, lang: str, funds: Sequence[Fund] = ()) -> str:
    """A clean value as the member sees it."""
    if spec.kind in (Kind.ALLOCATION, Kind.SWITCH_OUT) and isinstance(value, dict):
        return "\n".join(f"{_fund_name(code, funds, lang)} ({code}) {pct}%" for code, pct in value.items())
    if spec.kind is Kind.ROWS and isinstance(value, list):
        return "\n".join(_row(spec, i, r, lang) for i, r in enumerate(value, start=1))
    if spec.personal:
        return mask_value(spec, value)
    if spec.kind in (Kind.CHOICE, Kind.YES_NO, Kind.MULTI_CHOICE, Kind.CONFIRM):
        items = value if isinstance(value, list) else [value]
        out = []
        for item in items:
            key = "yes" if item is True else "no" if item is False else str(item)
            choice = spec.choice(key)
            if choice is None and spec.kind in (Kind.YES_NO, Kind.CONFIRM):
                out.append(tr("yes" if item is True else "no", lang) if key in ("yes", "no") else key)
            else:
                out.append(choice.label(lang) if choice else key)
        return tr("list_sep", lang).join(out)
    if spec.kind is Kind.MONEY:
        return f"HK${money(_dec(value))}"
    if spec.kind is Kind.PERCENT:
        return f"{value}%"
    return str(value)


def official_terms(spec: FieldSpec, value: Any, lang: str) -> str:
    """The official terms (P(P), TVC…) of the chosen options, for small type under the plain words."""
    if spec.kind not in (Kind.CHOICE, Kind.MULTI_CHOICE) or value is None:
        return ""
    keys = value if isinstance(value, list | tuple) else [value]
    terms = [c.term(lang) for c in (spec.choice(str(k)) for k in keys) if c is not None and c.term(lang)]
    return "、".join(terms) if lang.startswith("zh") else "; ".join(terms)
