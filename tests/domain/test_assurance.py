"""Assurance levels per instruction type (kiosk/domain/assurance.py): the table, the check the kiosk
core calls, `kiosk validate`, and the platform's copy and docs/sign-in.md kept in step with it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kiosk import cli
from kiosk.domain import TYPES, Identity, IdentitySource
from kiosk.domain.assurance import (
    REQUIREMENTS,
    Assurance,
    SignIn,
    SignInMethod,
    achieved,
    check_assurance,
    markdown_table,
    required_level,
)
from kiosk.domain.examples import example
from platform_sim import catalogue
from platform_sim.sign_in import SIGNED_IN_TYPES

REPO = Path(__file__).resolve().parents[2]
MONEY_AND_CONTACT = ("WITHDRAWAL_CLAIM", "TRANSFER_BENEFITS", "FUND_SWITCH", "CHANGE_PARTICULARS")

typed = Identity("A123456(3)", source=IdentitySource.TYPED)
card = Identity("A123456(3)", source=IdentitySource.CARD)
iamsmart = Identity("A123456(3)", source=IdentitySource.IAMSMART)
staff_checked = Identity("A123456(3)", source=IdentitySource.CARD, verified_by_staff="S1234")
by_sms = SignIn("A123456(3)", SignInMethod.SMS_OTP, "v1.x.y")
by_iamsmart = SignIn("A123456(3)", SignInMethod.IAMSMART, "v1.x.y")
someone_else = SignIn("CA182361(1)", SignInMethod.SMS_OTP, "v1.x.y")


def test_every_instruction_type_has_a_bilingual_reason() -> None:
    assert set(REQUIREMENTS) == set(TYPES) == set(catalogue.INSTRUCTION_TYPES)
    for need in REQUIREMENTS.values():
        assert need.reason_zh and need.reason_en and need.reason_zh != need.reason_en


@pytest.mark.parametrize("type_code", MONEY_AND_CONTACT)
def test_money_and_contact_changes_need_a_sign_in_of_that_member(type_code: str) -> None:
    assert required_level(type_code).level is Assurance.SIGNED_IN
    for who, sign_in in ((typed, None), (card, None), (staff_checked, None), (typed, someone_else), (None, by_sms)):
        refusal = check_assurance(type_code, who, sign_in)
        assert refusal is not None and refusal.code == "SIGN_IN_REQUIRED", (who, sign_in)
        assert "登入" in refusal.message_zh and "sign in" in refusal.message_en
    assert check_assurance(type_code, typed, by_sms) is None
    assert check_assurance(type_code, card, by_iamsmart) is None
    assert check_assurance(type_code, iamsmart) is None


def test_registration_needs_iamsmart_or_staff_and_an_sms_code_is_not_enough() -> None:
    assert check_assurance("MEMBER_REGISTRATION", iamsmart) is None
    assert check_assurance("MEMBER_REGISTRATION", staff_checked) is None
    assert check_assurance("MEMBER_REGISTRATION", typed, by_iamsmart) is None
    for who, sign_in in ((typed, None), (card, None), (typed, by_sms)):
        refusal = check_assurance("MEMBER_REGISTRATION", who, sign_in)
        assert refusal is not None and refusal.code == "REG_IDENTITY_UNVERIFIED"


@pytest.mark.parametrize("type_code", ["VOLUNTARY_CONTRIBUTION", "EMPLOYEE_ENROLMENT", "TERMINATION",
                                       "CONTRIBUTION_DATA"])
def test_identified_is_enough_where_no_money_leaves(type_code: str) -> None:
    assert required_level(type_code).level is Assurance.IDENTIFIED
    assert check_assurance(type_code, typed) is None
    assert check_assurance(type_code, None) is not None  # nobody identified at all


def test_unknown_types_fail_closed_and_sign_ins_stay_quiet() -> None:
    assert check_assurance("NEW_KIND", typed) is not None
    assert achieved(typed, someone_else) == {Assurance.IDENTIFIED}
    assert achieved(staff_checked, by_sms) == {Assurance.IDENTIFIED, Assurance.SIGNED_IN, Assurance.STAFF_VERIFIED}
    assert "A123456" not in repr(by_sms) and "v1.x.y" not in repr(by_sms)


def test_the_platform_enforces_the_same_table() -> None:
    needs_sign_in = {code for code, need in REQUIREMENTS.items()
                     if need.level is Assurance.SIGNED_IN and not need.iamsmart_only}
    assert needs_sign_in == SIGNED_IN_TYPES  # registration: platform_sim/validation.py's own check


def test_docs_show_the_table_as_the_code_has_it() -> None:
    doc = (REPO / "docs" / "sign-in.md").read_text("utf-8")
    assert markdown_table() in doc, "docs/sign-in.md: paste kiosk.domain.assurance.markdown_table() again"


def run_validate(capsys: pytest.CaptureFixture[str], tmp_path: Path, doc: dict[str, object]) -> tuple[int, str]:
    f = tmp_path / "doc.json"
    f.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    code = cli.main(["validate", str(f)])
    return code, capsys.readouterr().out


@pytest.mark.parametrize("source", ["typed", "card"])
def test_validate_refuses_a_withdrawal_from_a_member_only_identified(
        source: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    member = {"hkid": "A123456(3)", "date_of_birth": "1960-01-01", "source": source}
    doc = {"type": "WITHDRAWAL_CLAIM", "member": member, "values": example("WITHDRAWAL_CLAIM")}
    code, out = run_validate(capsys, tmp_path, doc)
    assert code == 1
    (line,) = out.strip().splitlines()
    assert line.startswith("SIGN_IN_REQUIRED\t-\t") and "登入" in line and "sign in" in line
    for signed in ({"signed_in_by": "sms_otp"}, {"source": "iamsmart"}):
        code, out = run_validate(capsys, tmp_path, {**doc, "member": {**member, **signed}})
        assert code == 0 and out.strip().splitlines()[-1] == "ok" and "SIGN_IN" not in out, signed
