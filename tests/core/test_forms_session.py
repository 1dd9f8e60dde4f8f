"""The Session walks a form one step at a time (no Qt): conditional steps, Back, review, pruning,
prefill from the card, per-member accessibility choices."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from kiosk.core.session import Session
from kiosk.core.state import EMPLOYER_FORMS, MEMBER_FORMS, Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.examples import example
from tests.support.member import choose_employer, sign_in_by_code

CARD = Identity("A123456(3)", name_en="CHAN TAI MAN", name_zh="陳大文", date_of_birth="1960-01-01",
                source=IdentitySource.CARD)
# Registration needs a card read that staff checked (or iAM Smart): tests/core/test_registration_identity.py.
CARD_CHECKED = replace(CARD, verified_by_staff="S001")


def session_at_menu(identity: Identity = CARD) -> Session:
    """Identified as a card read does, and signed in with a one-time code (the forms below need it)."""
    s = Session()
    s.now = lambda: dt.datetime(2026, 11, 26, 10, 0)
    s.start()
    s.identified(identity)
    sign_in_by_code(s)
    assert s.state.screen is Screen.ACCOUNT
    return s


def test_every_type_has_a_screen() -> None:
    from kiosk.domain import TYPES

    assert set(MEMBER_FORMS) | set(EMPLOYER_FORMS) == set(TYPES)


def test_change_of_particulars_asks_only_the_ticked_items_and_back_returns() -> None:
    s = session_at_menu()
    s.choose("CHANGE_PARTICULARS")
    assert s.current_step() is not None and s.current_step().name == "changes"  # type: ignore[union-attr]
    assert s.form_position() == (1, 1)
    assert [e.code for e in s.next_step()] == ["NOTHING_CHANGED"]  # nothing ticked
    s.set_field("changes", ["mobile", "language"])
    assert s.form_position() == (1, 3)
    assert s.next_step() == []
    assert s.state.form_step == "mobile"
    assert [e.code for e in s.next_step()] == ["REQUIRED"]  # ticked, so required
    assert s.set_field("mobile", "9123") is not None  # live check
    s.set_field("mobile", "91234567")
    assert s.next_step() == [] and s.state.form_step == "language"
    s.back()
    assert s.state.screen is Screen.FORM and s.state.form_step == "mobile"
    s.next_step()
    s.set_field("language", "en")
    assert s.next_step() == []
    assert s.state.screen is Screen.REVIEW
    assert s.state.form_values == {"mobile": "91234567", "language": "en"}
    s.back()  # from review: the last step
    assert s.state.screen is Screen.FORM and s.state.form_step == "language"


def test_unticking_an_item_drops_its_value() -> None:
    s = session_at_menu()
    s.choose("CHANGE_PARTICULARS")
    s.set_field("changes", ["mobile", "email"])
    s.next_step()
    s.set_field("mobile", "91234567")
    s.next_step()
    s.set_field("email", "chan@example.com")
    s.goto_step("changes")
    s.set_field("changes", ["email"])
    s.next_step()
    s.next_step()
    assert s.state.screen is Screen.REVIEW
    assert s.state.form_values == {"email": "chan@example.com"}  # the mobile typed earlier is not sent


def test_registration_is_prefilled_from_the_card() -> None:
    s = session_at_menu(CARD_CHECKED)
    s.choose("MEMBER_REGISTRATION")
    raw = s.state.form_raw
    assert raw["identity_source"] == "CARD_STAFF_CHECKED"
    assert (raw["name_en"], raw["name_zh"], raw["date_of_birth"]) == ("CHAN TAI MAN", "陳大文", "1960-01-01")
    assert "mobile" not in raw


def test_withdrawal_asks_the_birth_date_only_when_the_identity_lacks_it() -> None:
    typed = session_at_menu(Identity("A123456(3)"))
    typed.choose("WITHDRAWAL_CLAIM")
    typed.set_field("ground", "AGE_65")
    assert [st.name for st in typed.form_steps()][:2] == ["ground", "date_of_birth"]
    carded = session_at_menu()
    carded.choose("WITHDRAWAL_CLAIM")
    carded.set_field("ground", "AGE_65")
    assert "date_of_birth" not in [st.name for st in carded.form_steps()]


def test_every_type_walks_step_by_step_to_review_with_its_example() -> None:
    for code in (*MEMBER_FORMS, *EMPLOYER_FORMS):
        s = session_at_menu(CARD_CHECKED if code == "MEMBER_REGISTRATION" else CARD)
        s.choose(code)
        if s.state.screen is Screen.EMPLOYER:  # a statement: the employer's data first
            choose_employer(s)
        values = example(code, dt.date(2026, 11, 26))
        for _ in range(40):  # bounded: no form has 40 steps
            step = s.current_step()
            assert step is not None
            for name in step.fields:
                if name in values:
                    s.set_field(name, values[name])
            errors = s.next_step()
            assert errors == [], (code, step.name, errors)
            if s.state.screen is Screen.REVIEW:
                break
        assert s.state.screen is Screen.REVIEW, code
        assert s.instruction().type == code


def test_submit_errors_go_back_to_the_failing_step() -> None:
    s = session_at_menu()
    s.choose("TRANSFER_BENEFITS")
    for k, v in example("TRANSFER_BENEFITS").items():
        s.set_field(k, v)
    s.set_field("new_account", "ACC-0002")  # the same as the original
    assert [e.code for e in s.submit_form()] == ["TRANSFER_SAME_ACCOUNT"]
    assert s.state.screen is Screen.FORM and s.state.form_step == "new_account"


def test_accessibility_choices_carry_into_the_session_and_reset_on_wipe() -> None:
    s = Session()
    s.set_accessibility(large_text=True, high_contrast=True)
    s.start()
    assert s.state.large_text and s.state.high_contrast and not s.state.speech
    s.wipe()
    assert not s.state.large_text and not s.state.high_contrast


def test_a_next_after_the_form_has_gone_changes_nothing() -> None:
    """A second tap on Next while the review opens, or one queued behind an idle wipe, arrives
    when there is no form: it is ignored (it tripped an assertion in the core)."""
    s = session_at_menu()
    s.choose("CHANGE_PARTICULARS")
    s.set_field("changes", ["mobile"])
    assert s.next_step() == []
    s.set_field("mobile", "91234567")
    while s.state.screen is Screen.FORM:
        assert s.next_step() == []
    assert s.state.screen is Screen.REVIEW
    before = s.state
    assert s.next_step() == [] and s.state is before
    s.wipe()
    assert s.next_step() == [] and s.state.screen is Screen.ATTRACT
