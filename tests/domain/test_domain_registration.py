"""Member registration's identity rule (REG_IDENTITY_UNVERIFIED), table-driven: registration needs
an iAM Smart identity, or a card a member of shop staff confirmed; a typed or merely read HKID
number is refused, whatever the form claims. Also `kiosk validate` on such a file."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk import cli
from kiosk.domain import FormContext, Identity, IdentitySource, build, get_type, validate
from kiosk.domain.examples import example
from kiosk.domain.messages import MESSAGES

TODAY = dt.date(2026, 11, 26)
REG = "MEMBER_REGISTRATION"
HKID = "A123456(3)"  # fictional
IAMSMART = Identity(HKID, source=IdentitySource.IAMSMART)
TYPED = Identity(HKID, source=IdentitySource.TYPED)
CARD = Identity(HKID, source=IdentitySource.CARD, reader="Reader 0")
TYPED_CHECKED = Identity(HKID, source=IdentitySource.TYPED, verified_by_staff="S001")
CARD_CHECKED = Identity(HKID, source=IdentitySource.CARD, verified_by_staff="S001")
NOBODY = None  # `kiosk validate` of a file without a member block: only the value counts


def codes(identity_source: Any, member: Identity | None) -> list[str]:
    values = example(REG, TODAY)
    values.pop("identity_source")
    if identity_source is not None:
        values["identity_source"] = identity_source
    _, errors = validate(get_type(REG), values, FormContext.on(TODAY, member=member))
    return [e.code for e in errors]


@pytest.mark.parametrize(
    ("identity_source", "member", "expected"),
    [
        # The two legitimate ways, with a member who bears them out.
        ("IAMSMART", IAMSMART, []),
        ("CARD_STAFF_CHECKED", TYPED_CHECKED, []),
        ("CARD_STAFF_CHECKED", CARD_CHECKED, []),
        ("IAMSMART", NOBODY, []),
        ("CARD_STAFF_CHECKED", NOBODY, []),
        # No source at all: a typed, read or even iAM Smart member registering through a form that
        # does not say how the identity was checked.
        (None, TYPED, ["REG_IDENTITY_UNVERIFIED"]),
        (None, CARD, ["REG_IDENTITY_UNVERIFIED"]),
        (None, IAMSMART, ["REG_IDENTITY_UNVERIFIED"]),
        (None, NOBODY, ["REG_IDENTITY_UNVERIFIED"]),
        ("", TYPED, ["REG_IDENTITY_UNVERIFIED"]),
        # A claim the member's identity does not bear out.
        ("IAMSMART", TYPED, ["REG_IDENTITY_UNVERIFIED"]),
        ("IAMSMART", CARD, ["REG_IDENTITY_UNVERIFIED"]),
        ("IAMSMART", TYPED_CHECKED, ["REG_IDENTITY_UNVERIFIED"]),
        ("CARD_STAFF_CHECKED", TYPED, ["REG_IDENTITY_UNVERIFIED"]),
        ("CARD_STAFF_CHECKED", CARD, ["REG_IDENTITY_UNVERIFIED"]),
        ("CARD_STAFF_CHECKED", IAMSMART, ["REG_IDENTITY_UNVERIFIED"]),
        # A value that is not one of the choices is refused on the field itself.
        ("TYPED", TYPED, ["CHOICE_INVALID"]),
        ("iamsmart", IAMSMART, ["CHOICE_INVALID"]),
    ],
)
def test_identity_source_must_be_iamsmart_or_staff_checked(identity_source: Any, member: Identity | None,
                                                          expected: list[str]) -> None:
    assert codes(identity_source, member) == expected


def test_the_refusal_is_bilingual_and_says_what_to_do() -> None:
    zh, en = MESSAGES["REG_IDENTITY_UNVERIFIED"]
    assert "智方便" in zh and "香港身份證" in zh and "店員" in zh
    assert "iAM Smart" in en and "staff" in en and "HKID card" in en
    with pytest.raises(Exception) as refused:
        build(REG, TYPED, {k: v for k, v in example(REG, TODAY).items() if k != "identity_source"},
              FormContext.on(TODAY, member=TYPED))
    assert getattr(refused.value, "code", None) == "REG_IDENTITY_UNVERIFIED"
    assert build(REG, IAMSMART, example(REG, TODAY), FormContext.on(TODAY, member=IAMSMART)).values[
        "identity_source"] == "IAMSMART"


def test_validating_a_registration_before_its_last_step_waits_for_the_identity_rule() -> None:
    """The member never sees this rule on a step (identity_source is not asked): it runs on the
    whole form, so a walk that got in by mistake is stopped before review, not half-way."""
    values = {"name_en": "CHAN TAI MAN"}
    _, errors = validate(get_type(REG), values, FormContext.on(TODAY, member=TYPED), upto="name_en")
    assert errors == []


def run_validate(tmp_path: Path, doc: dict[str, Any], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    path = tmp_path / "reg.json"
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    rc = cli.main(["validate", str(path), "--today", TODAY.isoformat()])
    return rc, capsys.readouterr().out


def test_kiosk_validate_refuses_a_registration_without_identity_source(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = {k: v for k, v in example(REG, TODAY).items() if k != "identity_source"}
    rc, out = run_validate(tmp_path, {"type": REG, "values": values}, capsys)
    assert rc == 1
    assert out.startswith("REG_IDENTITY_UNVERIFIED\t-\t")
    assert "登記須經「智方便」" in out and "Registration needs iAM Smart" in out


def test_kiosk_validate_example_stays_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["validate", "--example", REG]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["values"]["identity_source"] == "IAMSMART"
    assert run_validate(tmp_path, doc, capsys) == (0, "ok\n")


@pytest.mark.parametrize(
    ("member", "rc"),
    [
        ({"hkid": HKID, "source": "iamsmart"}, 0),
        ({"hkid": HKID, "source": "typed"}, 1),
        ({"hkid": HKID}, 1),  # a member block without a source is a typed number
    ],
)
def test_kiosk_validate_reads_the_member_source(member: dict[str, str], rc: int, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    got, out = run_validate(tmp_path, {"type": REG, "member": member, "values": example(REG, TODAY)}, capsys)
    assert got == rc, out
    assert ("REG_IDENTITY_UNVERIFIED" in out) == (rc == 1)


def test_kiosk_validate_reads_verified_by_staff(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    values = {**example(REG, TODAY), "identity_source": "CARD_STAFF_CHECKED"}
    checked = {"hkid": HKID, "source": "typed", "verified_by_staff": "S001"}
    assert run_validate(tmp_path, {"type": REG, "member": checked, "values": values}, capsys) == (0, "ok\n")
    rc, out = run_validate(tmp_path, {"type": REG, "member": {"hkid": HKID, "source": "card"}, "values": values},
                           capsys)
    assert rc == 1 and "REG_IDENTITY_UNVERIFIED" in out
