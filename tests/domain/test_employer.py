"""The employer's data as the kiosk believes it (kiosk/domain/employer.py employer_from_doc): a
document that does not hold together is refused, never half-used."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from kiosk.domain.employer import Employee, employer_from_doc, normalise_br
from platform_sim.employers import employer_document

Doc = dict[str, Any]


def _set(path: str, value: Any) -> Callable[[Doc], None]:
    def change(doc: Doc) -> None:
        *head, last = path.split(".")
        target: Any = doc
        for part in head:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (_set("companies", []), "at least one company"),
        (_set("companies.0.br_no", "1234567"), "br_no must be 8 digits"),
        (_set("companies.1.br_no", "31234567000"), "same br_no"),
        (_set("employees.0.scheme_registration_no", "MT99999"), "not one of the employer's"),
        (_set("employees.0.plan", "NO-SUCH-PLAN"), "not one of the employer's plans"),
        (_set("employees.0.hkid", "A123456(4)"), "not a valid HKID"),
        (_set("plans.0.basis", "OTHER"), "unknown basis"),
        (_set("plans", {"code": "X"}), "plans must be a list"),
        (_set("name_en", 7), "name_en must be text"),
        (_set("employees.0.service_from", "2015-02-30"), "day is out of range"),
    ],
)
def test_a_document_that_does_not_hold_together_is_refused(change: Callable[[Doc], None], words: str) -> None:
    doc = copy.deepcopy(employer_document("EMP-0001"))
    change(doc)
    with pytest.raises(ValueError, match=words):
        employer_from_doc(doc)


def test_the_simulators_employers_are_read_whole() -> None:
    group = employer_from_doc(employer_document("EMP-0001"))
    assert group.company("31234568000") is not None and group.company("31234569-000") is None
    assert group.employee("MT24680", {"hkid": "CA182361(1)"}) == group.employee("MT24680",
                                                                               {"member_account_no": "ACC-0101"})
    assert group.employee("MT13579", {"member_account_no": "ACC-0101"}) is None  # another scheme


@pytest.mark.parametrize(
    ("since", "on", "years"),
    [("2015-03-01", "2026-02-28", 10), ("2015-03-01", "2026-03-01", 11), ("2026-12-01", "2026-11-30", 0)],
)
def test_years_of_service_are_completed_years(since: str, on: str, years: int) -> None:
    e = Employee("MT24680", "MB-1", "", "X", "SERVICE", service_from=dt.date.fromisoformat(since))
    assert e.years_of_service(dt.date.fromisoformat(on)) == years


@pytest.mark.parametrize(("text", "br"), [("12345678", "12345678-000"), ("12345678001", "12345678-001"),
                                         ("1234 5678-002", "12345678-002"), ("1234567", ""), ("abc", "")])
def test_br_numbers_are_normalised(text: str, br: str) -> None:
    assert normalise_br(text) == br
