"""A signed-in member's forms offer their own accounts from the account the platform gave
(FormContext.accounts through the core's Surroundings)."""

from __future__ import annotations

import datetime as dt

from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.account import MemberAccount
from kiosk.domain.fields import Kind
from tests.domain.test_own_accounts import ACCOUNTS
from tests.support.member import sign_in_by_code

CARD = Identity("A123456(3)", name_en="CHAN TAI MAN", source=IdentitySource.CARD)


def signed_in_with_account() -> Session:
    s = Session()
    s.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    s.start()
    s.identified(CARD)
    sign_in_by_code(s)
    s.account_loaded(MemberAccount(True, "2026-11-26T10:00+08:00", schemes=ACCOUNTS))
    return s


def test_the_fund_switch_offers_the_members_accounts_and_shows_holdings() -> None:
    s = signed_in_with_account()
    s.back()
    assert s.state.screen is Screen.MENU
    s.choose("FUND_SWITCH")
    assert s.state.screen is Screen.FORM
    spec = s.field_spec("scheme_account")
    assert spec.kind is Kind.CHOICE and [c.value for c in spec.choices] == ["ACC-0001", "TVC-0003"]
    assert s.set_field("scheme_account", "ACC-0001") is None
    assert s.next_step() == []
    s.set_field("kind", "SWITCH")
    assert s.next_step() == []
    assert "Core Accumulation Fund" in s.field_spec("switch_out").help("en")


def test_not_signed_in_or_not_fetched_the_number_is_typed() -> None:
    s = signed_in_with_account()
    s.back()
    s.choose("FUND_SWITCH")
    s.wipe()
    s.start()
    s.identified(CARD)
    sign_in_by_code(s)  # signed in, the account still loading
    s.back()
    s.choose("FUND_SWITCH")
    assert s.state.account is None and s.field_spec("scheme_account").kind is Kind.ACCOUNT_NO


def test_the_funds_offered_carry_the_risk_and_fees_of_the_members_own_holdings() -> None:
    """The default fund list knows no risk class or fee; the member's account does for what they hold."""
    s = Session()
    s.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    s.start()
    s.identified(CARD)
    assert s.form_context().fund("CAF") is not None
    assert s.form_context().fund("CAF").risk_class == 0  # type: ignore[union-attr]
    sign_in_by_code(s)
    s.account_loaded(MemberAccount(True, "2026-11-26T10:00+08:00", schemes=ACCOUNTS))
    caf = s.form_context().fund("CAF")
    assert caf is not None and (caf.risk_class, caf.expense_ratio_pct) == (4, 0.75)
    other = s.form_context().fund("MPFCON")
    assert other is not None and other.risk_class == 0  # not held: nothing more is known
