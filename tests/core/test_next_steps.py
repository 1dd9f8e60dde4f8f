"""The receipt's "what happens next" (kiosk/core/next_steps.py)."""

from kiosk.core.next_steps import HOTLINE, next_steps


def test_each_type_says_what_happens_next_and_the_hotline_in_both_languages() -> None:
    zh, en = next_steps("FUND_SWITCH")
    assert "4 pm" in en and "cancel" in en and "下午4時" in zh and HOTLINE in zh and HOTLINE in en
    assert "30 days" in next_steps("WITHDRAWAL_CLAIM")[1]
    zh, en = next_steps("TERMINATION")  # no words of its own: the general ones
    assert "outcome" in en and HOTLINE in en and zh != en
    assert next_steps(None) == next_steps("TERMINATION")
