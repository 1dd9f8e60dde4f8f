"""Investment mandate and fund switching (更改投資授權 / 轉換基金).

A mandate says how future contributions are invested (percentages totalling 100); a switch moves
existing balances out of some funds (a percentage of each) into others (totalling 100). Both are
dealt with on the day received before the 16:00 cut-off on a working day, else the next working
day, and can be cancelled before that cut-off.
"""

from __future__ import annotations

from typing import Any

from .. import dates
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Values, is_
from ..rules import funds_known

KINDS = (
    Choice("MANDATE", "更改日後供款的投資分配", "Change how future contributions are invested"),
    Choice("SWITCH", "轉換現有投資", "Switch existing investments"),
    Choice("BOTH", "兩者皆是", "Both"),
)


def _infer_kind(values: dict[str, Any]) -> dict[str, Any]:
    if values.get("kind") in (None, ""):
        switching = bool(values.get("switch_out") or values.get("switch_in"))
        values["kind"] = ("BOTH" if values.get("allocation") else "SWITCH") if switching else "MANDATE"
    return values


def _not_both_ways(values: Values, ctx: FormContext) -> list[ValidationError]:
    out_funds = set(values.get("switch_out") or {})
    in_funds = set(values.get("switch_in") or {})
    both = sorted(out_funds & in_funds)
    if both:
        fund = ctx.fund(both[0])  # named as the member sees it, not by its code
        return [error("SWITCH_SAME_FUND", "switch_in", fund=(fund.name_zh, fund.name_en) if fund else both[0])]
    return []


def _cutoff(values: Values, ctx: FormContext) -> list[Notice]:
    day = dates.dealing_day(ctx.now, ctx.holidays)
    cutoff = dates.CUTOFF.strftime("%H:%M")
    code = "NOTE_CUTOFF_TODAY" if day == ctx.today else "NOTE_CUTOFF_NEXT"
    return [notice(code, cutoff=cutoff, day=day.isoformat())]


FUND_SWITCH = InstructionType(
    "FUND_SWITCH", "更改投資授權 / 轉換基金", "Change of investment mandate / fund switching",
    (
        FieldSpec("scheme_account", "計劃戶口號碼", "Scheme account number", Kind.ACCOUNT_NO, own_account=True,
                  help_zh="見周年權益報表，例如 ACC-0001", help_en="On your annual benefit statement, e.g. ACC-0001"),
        FieldSpec("kind", "指示類別", "What to change", Kind.CHOICE, required=False, choices=KINDS),
        FieldSpec("allocation", "日後供款的基金分配 (%)", "Future contributions by fund (%)", Kind.ALLOCATION,
                  required=False, help_zh="各基金百分比的總和須為 100。", help_en="The percentages must total 100."),
        FieldSpec("switch_out", "轉出基金 (現有結餘的 %)", "Switch out of (% of each fund's balance)",
                  Kind.SWITCH_OUT, required=False),
        FieldSpec("switch_in", "轉入基金 (%)", "Switch into (%)", Kind.ALLOCATION, required=False,
                  help_zh="各基金百分比的總和須為 100。", help_en="The percentages must total 100."),
    ),
    rules=(
        funds_known("allocation"),
        funds_known("switch_out"),
        funds_known("switch_in"),
        Rule(("SWITCH_SAME_FUND",), ("switch_out", "switch_in"), _not_both_ways,
             "no fund is both switched out and in"),
    ),
    steps=(
        Step("scheme_account", "你的計劃戶口號碼是？", "What is your scheme account number?", ("scheme_account",)),
        Step("kind", "你想更改甚麼？", "What would you like to change?", ("kind",), required=True),
        Step("allocation", "日後供款要怎樣分配？", "How should future contributions be invested?", ("allocation",),
             when=is_("kind", "MANDATE", "BOTH"), required=True),
        Step("switch_out", "要從哪些基金轉出？", "Which funds do you want to leave?", ("switch_out",),
             when=is_("kind", "SWITCH", "BOTH"), required=True,
             help_zh="每個基金選擇要轉出現有結餘的百分比。",
             help_en="For each fund, choose how much of its balance to move."),
        Step("switch_in", "要轉入哪些基金？", "Which funds should the money go into?", ("switch_in",),
             when=is_("kind", "SWITCH", "BOTH"), required=True),
    ),
    notes=(Note(("NOTE_CUTOFF_TODAY", "NOTE_CUTOFF_NEXT"), (), _cutoff, "the day it is dealt with (16:00 cut-off)"),),
    derive=_infer_kind,
    summary_zh="基金分配及轉換（16:00 截止）", summary_en="Fund choice and switching (16:00 cut-off)",
)
