"""A signed-in member's own accounts offered as a choice (kiosk/domain/own_accounts.py)."""

from __future__ import annotations

from kiosk.domain import get_type
from kiosk.domain.account import FundHolding, SchemeAccount
from kiosk.domain.fields import Kind, check_field
from kiosk.domain.model import FormContext
from kiosk.domain.own_accounts import offered

CAF = FundHolding("CAF", "核心累積基金", "Core Accumulation Fund", 4, 0.75, 41230.5512, 2.1834, 90022.69)
HKEQ = FundHolding("HKEQ", "香港股票基金", "Hong Kong Equity Fund", 7, 1.28, 8120.0, 1.9876, 16139.31)
ACCOUNTS = (SchemeAccount("SIMMPF", "模擬強積金計劃", "Simulated MPF Scheme", "ACC-0001", "CONTRIBUTION", (CAF, HKEQ),
                          106162.0),
            SchemeAccount("SIMMPF", "模擬強積金計劃", "Simulated MPF Scheme", "TVC-0003", "TVC", (), 15002.2))


def test_own_account_fields_become_a_choice_of_the_members_accounts() -> None:
    spec = get_type("FUND_SWITCH").field("scheme_account")
    assert spec.own_account and spec.kind is Kind.ACCOUNT_NO
    asked = offered(spec, FormContext(accounts=ACCOUNTS), {})
    assert asked.kind is Kind.CHOICE and [c.value for c in asked.choices] == ["ACC-0001", "TVC-0003"]
    assert "106,162.00" in asked.choices[0].label("en") and "contribution account" in asked.choices[0].label("en")
    assert "供款帳戶" in asked.choices[0].label("zh_HK")
    # The value chosen is an account number the form's own check accepts: the rules stay the same.
    assert check_field(spec, asked.choices[0].value) == "ACC-0001"
    transfer = offered(get_type("TRANSFER_BENEFITS").field("original_account"), FormContext(accounts=ACCOUNTS), {})
    assert transfer.kind is Kind.CHOICE


def test_without_accounts_or_for_other_fields_nothing_changes() -> None:
    spec = get_type("FUND_SWITCH").field("scheme_account")
    assert offered(spec, FormContext(), {}) is spec
    new_account = get_type("TRANSFER_BENEFITS").field("new_account")  # may be in another scheme: typed
    assert offered(new_account, FormContext(accounts=ACCOUNTS), {}) is new_account


def test_the_fund_switch_lists_the_chosen_accounts_holdings() -> None:
    spec = get_type("FUND_SWITCH").field("switch_out")
    asked = offered(spec, FormContext(accounts=ACCOUNTS), {"scheme_account": "ACC-0001"})
    en, zh = asked.help("en"), asked.help("zh_HK")
    assert "Core Accumulation Fund: 41,230.5512 units, HK$ 90,022.69, risk class 4" in en
    assert "Hong Kong Equity Fund" in en and "risk class 7" in en
    assert "核心累積基金" in zh and "風險級別 4" in zh
    assert offered(spec, FormContext(accounts=ACCOUNTS), {"scheme_account": "TVC-0003"}) is spec  # holds nothing
    assert offered(spec, FormContext(accounts=ACCOUNTS), {}) is spec
