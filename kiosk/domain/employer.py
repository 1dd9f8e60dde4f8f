"""An employer as the platform knows it: its companies (by business registration number), the
schemes it joins (with its participation number in each), its employees on each scheme and the
voluntary-contribution plan agreed for each (kiosk/domain/vc_plans.py).

The kiosk gets this from the platform after an authorised person of the employer signs in
(offline_cache/employer_client.py), or from an `"employer"` block in a `kiosk validate` file; the
contribution statement's rules read it from FormContext.employer. `employer_from_doc` is the one
parser for both: it refuses a document that does not hold together (ValueError).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from . import hkid as hkid_rules
from .vc_plans import VcPlan, plan_from_doc

_BR = re.compile(r"^([0-9]{8})(?:-?([0-9]{3}))?$")


def normalise_br(text: str) -> str:
    """`12345678` or `12345678000` -> `12345678-000` (the head office's branch is 000); else ""."""
    m = _BR.match(text.strip().replace(" ", ""))
    return f"{m[1]}-{m[2] or '000'}" if m else ""


@dataclass(frozen=True)
class Company:
    br_no: str  # normalised: 12345678-000
    name_zh: str
    name_en: str


@dataclass(frozen=True)
class Scheme:
    registration_no: str
    name_zh: str
    name_en: str
    participation_no: str  # the employer's account number in this scheme


@dataclass(frozen=True)
class Employee:
    scheme_registration_no: str
    member_account_no: str
    hkid: str  # canonical A123456(3); "" when the platform gave only the account number
    name_en: str
    plan: str  # code of the agreed VC plan; "" when the employer pays no VC for this employee
    grade: str = ""
    service_from: dt.date | None = None  # for plans tiered by years of service

    def years_of_service(self, on: dt.date) -> int | None:
        if self.service_from is None:
            return None
        years = on.year - self.service_from.year
        if (on.month, on.day) < (self.service_from.month, self.service_from.day):
            years -= 1
        return max(0, years)


@dataclass(frozen=True)
class EmployerSummary:
    """An employer the person signed in acts for, as the platform names it (to pick from a list)."""

    employer_id: str
    name_zh: str
    name_en: str

    def name(self, lang: str) -> str:
        from kiosk.languages import choose

        return choose(self.name_zh, self.name_en, lang)


@dataclass(frozen=True)
class Employer:
    employer_id: str
    name_zh: str
    name_en: str
    companies: tuple[Company, ...]
    schemes: tuple[Scheme, ...]
    employees: tuple[Employee, ...]
    plans: Mapping[str, VcPlan]

    def company(self, br_no: object) -> Company | None:
        key = normalise_br(str(br_no or ""))
        return next((c for c in self.companies if key and c.br_no == key), None)

    def scheme(self, registration_no: object) -> Scheme | None:
        return next((s for s in self.schemes if s.registration_no == registration_no), None)

    @cached_property
    def _index(self) -> dict[tuple[object, str], Employee]:
        """(scheme, member account number or HKID) -> employee: a 500-row statement looks each up once."""
        index: dict[tuple[object, str], Employee] = {}
        for e in reversed(self.employees):  # the first listed wins, as a scan would find it
            index[(e.scheme_registration_no, "acc:" + e.member_account_no)] = e
            if e.hkid:
                index[(e.scheme_registration_no, "id:" + e.hkid)] = e
        return index

    def employee(self, scheme_registration_no: object, row: Mapping[str, Any]) -> Employee | None:
        """The employee a statement row names (by member account number or HKID) on that scheme."""
        account = str(row.get("member_account_no") or "")
        number = str(row.get("hkid") or "")
        found = self._index.get((scheme_registration_no, "acc:" + account)) if account else None
        if found is None and number:
            found = self._index.get((scheme_registration_no, "id:" + number))
        return found


def _text(doc: Mapping[str, Any], name: str, *, required: bool = True) -> str:
    value = doc.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or (required and not value.strip()) or len(value) > 200:
        raise ValueError(f"{name} must be text")
    return value.strip()


def _list(doc: Mapping[str, Any], name: str) -> list[Mapping[str, Any]]:
    value = doc.get(name)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise ValueError(f"{name} must be a list of objects")
    return value


def _employee(doc: Mapping[str, Any], plans: Mapping[str, VcPlan], schemes: set[str]) -> Employee:
    scheme = _text(doc, "scheme_registration_no")
    if scheme not in schemes:
        raise ValueError(f"an employee is on scheme {scheme[:20]}, not one of the employer's")
    number = _text(doc, "hkid", required=False)
    if number:
        if not hkid_rules.is_valid(number):
            raise ValueError("an employee's hkid is not a valid HKID number")
        number = hkid_rules.normalise(number)
    plan = _text(doc, "plan", required=False)
    if plan and plan not in plans:
        raise ValueError(f"an employee's plan {plan[:20]} is not one of the employer's plans")
    since = _text(doc, "service_from", required=False)
    return Employee(scheme, _text(doc, "member_account_no"), number, _text(doc, "name_en", required=False), plan,
                    _text(doc, "grade", required=False).upper(), dt.date.fromisoformat(since) if since else None)


def employer_from_doc(doc: Any) -> Employer:
    """The employer in its JSON form (docs/platform-api.yaml EmployerAccount). Raises ValueError."""
    if not isinstance(doc, dict):
        raise ValueError("the employer must be an object")
    companies = []
    for c in _list(doc, "companies"):
        br = normalise_br(_text(c, "br_no"))
        if not br:
            raise ValueError("a company's br_no must be 8 digits (and a 3-digit branch)")
        companies.append(Company(br, _text(c, "name_zh"), _text(c, "name_en")))
    if not companies:
        raise ValueError("an employer has at least one company")
    if len({c.br_no for c in companies}) != len(companies):
        raise ValueError("two companies have the same br_no")
    schemes = tuple(Scheme(_text(s, "registration_no"), _text(s, "name_zh"), _text(s, "name_en"),
                           _text(s, "participation_no")) for s in _list(doc, "schemes"))
    plans = {p.code: p for p in (plan_from_doc(p) for p in _list(doc, "plans"))}
    scheme_nos = {s.registration_no for s in schemes}
    employees = tuple(_employee(e, plans, scheme_nos) for e in _list(doc, "employees"))
    return Employer(_text(doc, "employer_id"), _text(doc, "name_zh"), _text(doc, "name_en"), tuple(companies),
                    schemes, employees, plans)
