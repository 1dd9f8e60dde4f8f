"""Options say what they do in plain words, the official term (P(P), TVC…) apart; errors name
funds, not codes; a fund's risk class and expense ratio come from the platform or the account."""

from __future__ import annotations

import datetime as dt
import re

from kiosk.domain import FormContext, get_type, validate
from kiosk.domain.account import FundHolding
from kiosk.domain.examples import example
from kiosk.domain.funds import DEFAULT_FUNDS, from_config, with_facts

JARGON = re.compile(r"\b(TVC|SVC)\b|P\([PCT]\)")
TODAY = dt.datetime(2026, 11, 26, 10, 0)


def test_choice_labels_are_plain_and_keep_the_official_term_apart() -> None:
    for code, field in (("TRANSFER_BENEFITS", "form"), ("TRANSFER_BENEFITS", "original_account_type"),
                        ("VOLUNTARY_CONTRIBUTION", "vc_type")):
        spec = get_type(code).field(field)
        for choice in spec.choices:
            for lang in ("zh_HK", "en"):
                assert not JARGON.search(choice.label(lang)), choice.label(lang)
        terms = " ".join(c.term("en") for c in spec.choices)
        assert JARGON.search(terms), terms  # the official names are still there, apart
    voluntary = get_type("VOLUNTARY_CONTRIBUTION")
    assert not JARGON.search(voluntary.title("en") + voluntary.title("zh_HK"))
    pp = get_type("TRANSFER_BENEFITS").field("form").choice("PP")
    assert pp is not None and pp.term("zh_HK") == "僱員自選安排 P(P)"


def test_switching_a_fund_both_ways_names_the_fund() -> None:
    values = {**example("FUND_SWITCH", TODAY.date()), "switch_out": {"A65": 50}}
    ctx = FormContext.on(TODAY)
    _, errors = validate(get_type("FUND_SWITCH"), values, ctx)
    error = next(e for e in errors if e.code == "SWITCH_SAME_FUND")
    assert "Age 65 Plus Fund" in error.message_en and "65歲後基金" in error.message_zh
    assert "A65" not in error.message_en + error.message_zh


def test_fund_facts_from_the_configuration_and_the_account() -> None:
    funds = from_config([{"code": "caf", "name_zh": "核心累積基金", "name_en": "Core Accumulation Fund",
                          "risk_class": 4, "fund_expense_ratio_pct": 0.75},
                         {"code": "BOND", "name_zh": "環球債券基金", "name_en": "Global Bond Fund",
                          "risk_class": 9, "fund_expense_ratio_pct": "cheap"}])
    assert (funds[0].code, funds[0].risk_class, funds[0].expense_ratio_pct) == ("CAF", 4, 0.75)
    assert (funds[1].risk_class, funds[1].expense_ratio_pct) == (0, None)  # nonsense is "not known"
    assert all(f.risk_class == 0 and f.expense_ratio_pct is None for f in DEFAULT_FUNDS)
    holding = FundHolding("BOND", "環球債券基金", "Global Bond Fund", 3, 0.98, 10.0, 1.12, 11.2)
    merged = with_facts(funds, [holding])
    assert (merged[1].risk_class, merged[1].expense_ratio_pct) == (3, 0.98)
    assert merged[0] == funds[0]  # a fund the member does not hold keeps the configuration's facts
