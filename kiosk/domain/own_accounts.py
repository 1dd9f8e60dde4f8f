"""Form fields a signed-in member answers from their own account instead of typing.

A field marked `own_account` asks for a scheme account number the member holds (the fund switch's
account, a transfer's account moved from). When the form context carries the member's accounts
(FormContext.accounts: the signed-in member's, from the platform), the field is offered as a
choice among them, each said with its kind and balance; without them (not signed in, the account
not fetched, offline) it stays a typed account number. The value is the account number either way,
so the form's rules are the same. The fund switch's "switch out" question lists what the chosen
account holds (fund, units, balance, risk class) under the question.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.domain.fields import Choice, FieldSpec, Kind

if TYPE_CHECKING:
    from kiosk.domain.account import SchemeAccount
    from kiosk.domain.model import FormContext

ACCOUNT_KINDS: Mapping[str, tuple[str, str]] = {
    "CONTRIBUTION": ("供款帳戶", "contribution account"),
    "PERSONAL": ("個人帳戶", "personal account"),
    "TVC": ("可扣稅自願性供款帳戶", "TVC account"),
    "SVC": ("特別自願性供款帳戶", "SVC account"),
}
HOLDINGS_FIELDS = ("switch_out",)  # whose help lists the chosen account's holdings
HOLDINGS_ACCOUNT = "scheme_account"  # the field naming that account


def account_choice(account: SchemeAccount) -> Choice:
    kind_zh, kind_en = ACCOUNT_KINDS.get(account.account_type, (account.account_type, account.account_type))
    return Choice(account.account_no,
                  # No scheme name in Chinese: the whole choice stays on one line in portrait at large text.
                  f"{account.account_no}（{kind_zh}，結餘HK${account.balance:,.2f}）",
                  f"{account.account_no} ({account.scheme_en} {kind_en}, balance HK$ {account.balance:,.2f})")


def holdings_text(account: SchemeAccount) -> tuple[str, str]:
    """What one account holds, a line a fund, in both languages."""
    zh = [f"{f.name_zh}：{f.units:,.4f} 單位，HK$ {f.balance:,.2f}，風險級別 {f.risk_class}" for f in account.funds]
    en = [f"{f.name_en}: {f.units:,.4f} units, HK$ {f.balance:,.2f}, risk class {f.risk_class}"
          for f in account.funds]
    return (f"{account.account_no} 現時持有：\n" + "\n".join(zh), f"{account.account_no} holds now:\n" + "\n".join(en))


def offered(spec: FieldSpec, ctx: FormContext, values: Mapping[str, Any]) -> FieldSpec:
    """`spec` as this member is asked it: their own accounts to pick from, or the holdings of the
    account they picked under the fund switch's question; else `spec` unchanged."""
    if not ctx.accounts:
        return spec
    if spec.own_account and spec.kind is Kind.ACCOUNT_NO:
        return replace(spec, kind=Kind.CHOICE, choices=tuple(account_choice(a) for a in ctx.accounts),
                       help_zh="請選擇你的帳戶。", help_en="Choose one of your accounts.")
    if spec.name in HOLDINGS_FIELDS:
        chosen = values.get(HOLDINGS_ACCOUNT)
        account = next((a for a in ctx.accounts if a.account_no == chosen), None)
        if account is not None and account.funds:
            zh, en = holdings_text(account)
            return replace(spec, help_zh=zh, help_en=en)
    return spec
