"""Employee enrolment (登記僱員), by the employer.

Employees aged 18 to 64 must be enrolled within 60 days of employment; the employer pays from the
first day, the employee after the contribution holiday. The extra fields each employee type needs
(EMPLOYEE_TYPES) are the kiosk's reading, not confirmed against the platform's specification.
"""

from __future__ import annotations

import datetime as dt

from .. import dates, mpf
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, InstructionType, Note, Rule, Step, Values, is_
from ..rules import as_date, at_most_days_ahead, birth_date, date_order, funds_known

EMPLOYEE_TYPES: dict[str, tuple[str, str, tuple[str, ...]]] = {
    # code: (label zh, label en, fields it needs)
    "NEW": ("新僱員", "New employee", ()),
    "EXEMPT": ("獲豁免人士", "Exempt person", ("exemption_reason",)),
    "INTRA_GROUP": ("集團內調職", "Intra-group transfer", ("previous_account_no",)),
    "EXPATRIATE": ("外地僱員", "Expatriate", ()),
}
COVERED_TYPES = ("NEW", "INTRA_GROUP", "EXPATRIATE")  # the age rule applies; exempt persons are reported only
ID_TYPES = (Choice("HKID", "香港身份證", "Hong Kong identity card"), Choice("PASSPORT", "護照", "Passport"))
GENDERS = (Choice("M", "男", "Male"), Choice("F", "女", "Female"))
EXEMPTIONS = (Choice("ORSO", "職業退休計劃（獲豁免）成員", "Member of an exempted ORSO scheme"),
              Choice("OVERSEAS", "海外退休計劃成員", "Member of an overseas retirement scheme"),
              Choice("OTHER", "其他法定豁免", "Other statutory exemption"))
EMPLOYMENT_DAYS_AHEAD = 90  # the kiosk's own limit on enrolling someone not yet employed


def _age_covered(values: Values, ctx: FormContext) -> list[ValidationError]:
    born, start = as_date(values.get("date_of_birth")), as_date(values.get("employment_date"))
    if born is None or start is None or values.get("employee_type") not in COVERED_TYPES:
        return []
    age = dates.age_on(born, start)
    lo, hi = mpf.MEMBER_AGE
    if not lo <= age <= hi:
        return [error("AGE_NOT_COVERED", "date_of_birth", age=age)]
    return []


def _join_within_60(values: Values, ctx: FormContext) -> list[ValidationError]:
    start, join = as_date(values.get("employment_date")), as_date(values.get("scheme_join_date"))
    if start is None or join is None or join < start:
        return []
    limit = start + dt.timedelta(days=mpf.ENROL_WITHIN_DAYS)
    if join > limit:
        return [error("JOIN_AFTER_60_DAYS", "scheme_join_date", limit=limit.isoformat())]
    return []


def _type_needs(values: Values, ctx: FormContext) -> list[ValidationError]:
    entry = EMPLOYEE_TYPES.get(str(values.get("employee_type")))
    if entry is None:
        return []
    zh, en, needs = entry
    missing = [n for n in needs if not values.get(n)]
    if not missing:
        return []
    names = {"exemption_reason": ("豁免原因", "the reason for the exemption"),
             "previous_account_no": ("原有帳戶號碼", "the previous account number")}
    return [error("EMPLOYEE_TYPE_NEEDS", missing[0], type=(zh, en),
                  what=("、".join(names[m][0] for m in missing), ", ".join(names[m][1] for m in missing)))]


def _late(values: Values, ctx: FormContext) -> list[Notice]:
    start = as_date(values.get("employment_date"))
    if start is None:
        return []
    limit = start + dt.timedelta(days=mpf.ENROL_WITHIN_DAYS)
    return [notice("NOTE_LATE_ENROLMENT", "employment_date", limit=limit.isoformat())] if ctx.today > limit else []


EMPLOYEE_ENROLMENT = InstructionType(
    "EMPLOYEE_ENROLMENT", "登記僱員參加計劃", "Employee enrolment",
    (
        FieldSpec("employer_account_no", "僱主帳戶號碼", "Employer account number", Kind.ACCOUNT_NO),
        FieldSpec("name_en", "僱員英文姓名", "Employee's name in English", Kind.NAME_EN, personal=True),
        FieldSpec("name_zh", "僱員中文姓名", "Employee's name in Chinese", Kind.NAME_ZH, required=False,
                  personal=True),
        FieldSpec("id_type", "身份證明文件", "Identity document", Kind.CHOICE, choices=ID_TYPES),
        FieldSpec("hkid", "香港身份證號碼", "HKID number", Kind.HKID, required=False, personal=True),
        FieldSpec("passport_no", "護照號碼", "Passport number", Kind.PASSPORT, required=False, personal=True),
        FieldSpec("passport_country", "簽發國家（三字母代碼）", "Issuing country (3-letter code)", Kind.COUNTRY,
                  required=False),
        FieldSpec("date_of_birth", "出生日期", "Date of birth", Kind.DATE, personal=True),
        FieldSpec("gender", "性別", "Gender", Kind.CHOICE, choices=GENDERS),
        FieldSpec("employment_date", "受僱日期", "Employment date", Kind.DATE),
        FieldSpec("scheme_join_date", "參加計劃日期", "Scheme-joining date", Kind.DATE),
        FieldSpec("employee_type", "僱員類別", "Employee type", Kind.CHOICE,
                  choices=tuple(Choice(c, zh, en) for c, (zh, en, _) in EMPLOYEE_TYPES.items())),
        FieldSpec("exemption_reason", "豁免原因", "Reason for the exemption", Kind.CHOICE, required=False,
                  choices=EXEMPTIONS),
        FieldSpec("previous_account_no", "原有帳戶號碼", "Previous account number", Kind.ACCOUNT_NO, required=False),
        FieldSpec("mobile", "僱員手提電話", "Employee's mobile number", Kind.MOBILE, required=False, personal=True),
        FieldSpec("email", "僱員電郵地址", "Employee's email address", Kind.EMAIL, required=False, personal=True),
        FieldSpec("allocation", "基金選擇 (%)", "Fund choice (%)", Kind.ALLOCATION, required=False,
                  help_zh="不選擇則按預設投資策略投資。",
                  help_en="Without a choice, the Default Investment Strategy applies."),
    ),
    rules=(
        birth_date("date_of_birth", card_check=False),
        Rule(("AGE_NOT_COVERED",), ("date_of_birth", "employment_date", "employee_type"), _age_covered,
             "aged 18 to 64 on the employment date (not for exempt persons)"),
        at_most_days_ahead("employment_date", EMPLOYMENT_DAYS_AHEAD),
        date_order("employment_date", "scheme_join_date", "JOIN_BEFORE_EMPLOYMENT"),
        Rule(("JOIN_AFTER_60_DAYS",), ("employment_date", "scheme_join_date"), _join_within_60,
             "joins within 60 days of employment"),
        Rule(("EMPLOYEE_TYPE_NEEDS",), ("employee_type", "exemption_reason", "previous_account_no"), _type_needs,
             "the fields the employee type needs (EMPLOYEE_TYPES)"),
        funds_known("allocation"),
    ),
    steps=(
        Step("employer_account_no", "僱主帳戶號碼是？", "What is the employer account number?",
             ("employer_account_no",)),
        Step("name_en", "僱員的英文姓名是？", "What is the employee's name in English?", ("name_en",)),
        Step("name_zh", "僱員的中文姓名是？", "What is the employee's name in Chinese?", ("name_zh",)),
        Step("id_type", "僱員用哪種身份證明文件？", "Which identity document does the employee have?", ("id_type",)),
        Step("hkid", "僱員的香港身份證號碼是？", "What is the employee's HKID number?", ("hkid",),
             when=is_("id_type", "HKID"), required=True),
        Step("passport", "僱員的護照號碼及簽發國家是？", "What are the passport number and issuing country?",
             ("passport_no", "passport_country"), when=is_("id_type", "PASSPORT"), required=True),
        Step("date_of_birth", "僱員的出生日期是？", "What is the employee's date of birth?", ("date_of_birth",)),
        Step("gender", "僱員的性別是？", "What is the employee's gender?", ("gender",)),
        Step("employment_date", "僱員哪天開始受僱？", "When did the employment start?", ("employment_date",)),
        Step("scheme_join_date", "僱員哪天參加計劃？", "When does the employee join the scheme?", ("scheme_join_date",),
             help_zh="受僱日期起計 60 日內。", help_en="Within 60 days of the employment date."),
        Step("employee_type", "僱員屬哪一類？", "Which type of employee?", ("employee_type",)),
        Step("exemption_reason", "豁免的原因是？", "Why is the employee exempt?", ("exemption_reason",),
             when=is_("employee_type", "EXEMPT"), required=True),
        Step("previous_account_no", "僱員在集團內原有的帳戶號碼是？",
             "What is the employee's account number in the group company?", ("previous_account_no",),
             when=is_("employee_type", "INTRA_GROUP"), required=True),
        Step("mobile", "僱員的手提電話號碼是？", "What is the employee's mobile number?", ("mobile",)),
        Step("email", "僱員的電郵地址是？", "What is the employee's email address?", ("email",)),
        Step("allocation", "僱員的基金選擇是？", "How should the employee's contributions be invested?",
             ("allocation",)),
    ),
    notes=(Note(("NOTE_LATE_ENROLMENT",), ("employment_date",), _late, "enrolled more than 60 days after employment"),),
    by_employer=True,
    summary_zh="新僱員參加強積金計劃", summary_en="Enrol a new employee in the scheme",
)
