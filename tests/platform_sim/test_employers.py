"""The employer's data over real HTTP (POST /v1/employers/account) and the simulator's own check of
contribution statements against it at delivery; the simulator's arithmetic agrees with the kiosk's."""

from __future__ import annotations

import base64
import datetime as dt
import json
import uuid
from typing import Any

import pytest

from kiosk.domain import FormContext, get_type, validate
from kiosk.domain.employer import employer_from_doc
from kiosk.domain.forms.contribution_vc import recomputed
from kiosk.domain.vc_plans import Expected, Missing
from kiosk.ports import ItemStatus, OutboxItem
from kiosk.ports.member import SignInRefused
from offline_cache.employer_client import EmployerPlatformClient
from offline_cache.outbox_rows import new_kiosk_ref
from platform_sim.contribution_rules import expected_vc as sim_expected_vc
from platform_sim.employers import EMPLOYERS, employer_document
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_HKID, OTHER_HKID, OTHER_MOBILE, sign_in_by_sms

TIERED = [
    {"member_account_no": "ACC-0101", "relevant_income": "20000.00", "employer_mandatory": "1000.00",
     "employee_mandatory": "1000.00", "employer_voluntary": "2000.00"},
    {"member_account_no": "ACC-0001", "relevant_income": "30000.00", "employer_mandatory": "1500.00",
     "employee_mandatory": "1500.00", "basic_salary": "24000.00", "employer_voluntary": "2400.00"},
]
STATEMENT: dict[str, Any] = {
    "scheme_registration_no": "MT24680", "employer_account_no": "ER-2001", "paying_company_br": "31234567-000",
    "wage_period": "MONTHLY", "period_start": "2026-10-01", "period_end": "2026-10-31", "members": TIERED,
    "er_vc_period_start": "2026-10-01", "er_vc_period_end": "2026-10-31"}


def employer_client(sim: SimProcess, code: str) -> EmployerPlatformClient:
    device_id, secret = sim.enrol(code, device_name=f"kiosk-{code}")
    client = EmployerPlatformClient(sim.url, lambda: (device_id, base64.b64decode(secret)), timeout_s=5)
    return client


def statement_item(values: dict[str, Any]) -> OutboxItem:
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
    payload = {"member": {"hkid": DEMO_HKID, "source": "typed"}, "values": values}
    return OutboxItem(row_id=1, kiosk_ref=new_kiosk_ref(now.date()), idempotency_key=str(uuid.uuid4()),
                      type="CONTRIBUTION_DATA", member_key="e" * 32, payload=payload, queued_at=now.isoformat())


def test_an_authorised_person_gets_the_employers_data(platform_sim: SimProcess) -> None:
    kiosk = employer_client(platform_sim, "TEST-CODE-1")
    employer = kiosk.employer_account(sign_in_by_sms(kiosk, platform_sim), "EMP-0001")
    assert [c.br_no for c in employer.companies] == ["31234567-000", "31234568-000"]
    assert {s.participation_no for s in employer.schemes} == {"ER-2001", "ER-2002"}
    assert employer.plans["SERVICE"].basis == "TIERED_SERVICE"
    assert employer.employee("MT24680", {"member_account_no": "ACC-0101"}) is not None


def test_the_single_company_employer_is_its_own_authorised_persons(platform_sim: SimProcess) -> None:
    kiosk = employer_client(platform_sim, "TEST-CODE-1")
    signed_in = sign_in_by_sms(kiosk, platform_sim, OTHER_HKID, OTHER_MOBILE)
    assert len(kiosk.employer_account(signed_in, "EMP-0002").companies) == 1
    with pytest.raises(SignInRefused) as refused:
        kiosk.employer_account(signed_in, "EMP-0001")
    assert refused.value.code == "EMPLOYER_NOT_AUTHORISED" and "獲授權" in refused.value.message_zh


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"employer_id": "EMP-0002"}, 403, "EMPLOYER_NOT_AUTHORISED"),  # signed in, not theirs
        ({"employer_id": "EMP-9999"}, 403, "EMPLOYER_NOT_AUTHORISED"),  # the same answer: ids are not disclosed
        ({"employer_id": "EMP-0001", "sign_in": "v1.forged.mac"}, 403, "SIGN_IN_INVALID"),
        ({"employer_id": "EMP-0001", "sign_in": None}, 403, "SIGN_IN_REQUIRED"),
        ({"employer_id": ["EMP-0001"]}, 400, "BAD_REQUEST"),
        ({"employer_id": "emp 0001"}, 400, "BAD_REQUEST"),
        ("not an object", 400, "BAD_REQUEST"),
    ],
)
def test_anyone_else_is_refused_in_both_languages(platform_sim: SimProcess, body: Any, status: int,
                                                  code: str) -> None:
    kiosk = employer_client(platform_sim, "TEST-CODE-1")
    assertion = sign_in_by_sms(kiosk, platform_sim).assertion
    if isinstance(body, dict) and "sign_in" not in body:
        body = {**body, "sign_in": assertion}
    resp = kiosk._request("POST", "/v1/employers/account", body)
    assert resp.status_code == status
    error = resp.json()["error"]
    assert error["code"] == code and error["message_zh"] and error["message_en"]


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({}, None),
        ({"paying_company_br": "31234568000"}, None),
        ({"paying_company_br": None}, "PAYING_COMPANY_REQUIRED"),
        ({"paying_company_br": "41234567-000"}, "PAYING_COMPANY_NOT_EMPLOYERS"),
        ({"members": [{**TIERED[0], "employer_voluntary": "1000.00"}]}, "VC_MISMATCH"),
        ({"members": [{**TIERED[0], "employer_voluntary": "1000.00", "difference_reason": "PLAN_CHANGE"}]}, None),
        ({"members": [{**TIERED[1], "basic_salary": None}]}, "VC_INPUT_REQUIRED"),
        ({"members": [{**TIERED[0], "member_account_no": "MB-9999"}]}, "MEMBER_NOT_EMPLOYEE"),
        ({"members": [{**TIERED[0], "member_account_no": "MB-2005"}]}, "VC_NO_PLAN"),
    ],
)
def test_the_simulator_checks_statements_against_the_employer_at_delivery(
        platform_sim: SimProcess, changes: dict[str, Any], reason: str | None) -> None:
    values = {**STATEMENT, **changes}
    values["members"] = [{k: v for k, v in r.items() if v is not None} for r in values["members"]]
    values = {k: v for k, v in values.items() if v is not None}
    kiosk = employer_client(platform_sim, "TEST-CODE-1")
    (result,) = kiosk.submit([statement_item(values)])
    if reason is None:
        assert result.status is ItemStatus.ACCEPTED
    else:
        assert (result.status, result.reason_code) == (ItemStatus.REJECTED, reason)


# ---------------------------------------------------------------- the two implementations agree


ROWS = [
    {"relevant_income": "20000", "employer_mandatory": "1000", "basic_salary": "18000", "employee_voluntary": "600"},
    {"relevant_income": "45000", "employer_mandatory": "1500", "basic_salary": "40000", "employee_voluntary": "1600"},
    {"relevant_income": "7000", "employer_mandatory": "350", "basic_salary": "7000", "years_of_service": "1"},
    {"relevant_income": "30000.01", "employer_mandatory": "1500", "basic_salary": "12345.67", "grade": "B",
     "years_of_service": "2"},
]


@pytest.mark.parametrize("employer_id", sorted(EMPLOYERS))
def test_the_simulator_recomputes_every_plan_as_the_kiosk_does(employer_id: str) -> None:
    doc = employer_document(employer_id)
    employer = employer_from_doc(json.loads(json.dumps(doc)))
    checked = 0
    for employee_doc, employee in zip(doc["employees"], employer.employees, strict=True):
        if not employee.plan:
            continue
        for extra in ROWS:
            row = {"member_account_no": employee.member_account_no, **extra}
            values = {**STATEMENT, "scheme_registration_no": employee.scheme_registration_no}
            ours = recomputed(row, values, FormContext.on("2026-11-05", employer=employer), "er")
            theirs = sim_expected_vc(next(p for p in doc["plans"] if p["code"] == employee.plan), row, employee_doc,
                                     values)
            if isinstance(ours, Missing):
                assert theirs == ours.input
            else:
                assert isinstance(ours, Expected) and theirs == ours.amount, (employee.plan, row)
            checked += 1
    assert checked >= 8


def test_the_kiosk_accepts_the_statement_the_simulator_accepts() -> None:
    employer = employer_from_doc(employer_document("EMP-0001"))
    _, errors = validate(get_type("CONTRIBUTION_DATA"), STATEMENT, FormContext.on("2026-11-05", employer=employer))
    assert errors == []
