"""Who pays a contribution statement, and for which scheme: checked against the employer's data.

The paying company is required from the start. With the employer's data (FormContext.employer)
it must be one of the employer's companies, named by its business registration number; an
employer with one company pays through it without being asked (the step is skipped and
`paying_company_for` names it). The scheme must be one the employer joins, with the employer's
own participation number in it. Without the employer's data the BR number is still required and
checked for its form; the platform matches it to the employer at delivery.
"""

from __future__ import annotations

from dataclasses import replace

from ..employer import Company, normalise_br
from ..errors import Notice, ValidationError
from ..fields import Choice, FieldSpec, Kind
from ..messages import error, notice
from ..model import FormContext, Values


def asks_paying_company(values: Values, ctx: FormContext) -> bool:
    """Asked unless the employer's data shows a single company (then it is that one)."""
    return ctx.employer is None or len(ctx.employer.companies) > 1


def paying_company_choices(ctx: FormContext) -> tuple[Choice, ...]:
    """The pick list for the paying company: the employer's own companies, by BR number (value) with
    their names (labels). Empty without the employer's data (then the number is typed)."""
    if ctx.employer is None:
        return ()
    return tuple(Choice(c.br_no, f"{c.name_zh}（{c.br_no}）", f"{c.name_en} ({c.br_no})")
                 for c in ctx.employer.companies)


def as_pick_list(spec: FieldSpec, ctx: FormContext) -> FieldSpec:
    """With the employer's data, what an employer must never type becomes a choice of its own: the
    paying company, the scheme and the employer's account (participation) number in it. The values
    stay the same strings, so the field's own rules still check them. Without the data: as it is."""
    employer = ctx.employer
    if employer is None:
        return spec
    if spec.name == "paying_company_br":
        choices = paying_company_choices(ctx)
    elif spec.name == "scheme_registration_no":
        choices = tuple(Choice(s.registration_no, f"{s.name_zh}（{s.registration_no}）",
                               f"{s.name_en} ({s.registration_no})") for s in employer.schemes)
    elif spec.name == "employer_account_no":
        choices = tuple(Choice(s.participation_no, f"{s.name_zh}：{s.participation_no}",
                               f"{s.name_en}: {s.participation_no}") for s in employer.schemes)
    else:
        return spec
    return replace(spec, kind=Kind.CHOICE, choices=choices) if choices else spec


def paying_company_for(values: Values, ctx: FormContext) -> Company | None:
    """The company that pays: the one named (when it is the employer's), or the only one."""
    if ctx.employer is None:
        return None
    if values.get("paying_company_br"):
        return ctx.employer.company(values["paying_company_br"])
    return ctx.employer.companies[0] if len(ctx.employer.companies) == 1 else None


def check_paying_company(values: Values, ctx: FormContext) -> list[ValidationError]:
    employer = ctx.employer
    br = values.get("paying_company_br")
    if employer is None:
        return []  # REQUIRED and BR_FORMAT are the field's own checks
    if not br:
        return []  # asked and required with several companies; the only one otherwise
    if employer.company(br) is None:
        return [error("PAYING_COMPANY_NOT_EMPLOYERS", "paying_company_br", br=normalise_br(str(br)) or str(br),
                      employer=(employer.name_zh, employer.name_en))]
    return []


def check_scheme(values: Values, ctx: FormContext) -> list[ValidationError]:
    employer = ctx.employer
    if employer is None:
        return []
    scheme = employer.scheme(values.get("scheme_registration_no"))
    if scheme is None:
        return [error("SCHEME_NOT_EMPLOYERS", "scheme_registration_no",
                      schemes=", ".join(s.registration_no for s in employer.schemes))]
    if values.get("employer_account_no") != scheme.participation_no:
        return [error("PARTICIPATION_MISMATCH", "employer_account_no", scheme=scheme.registration_no)]
    return []


def company_notes(values: Values, ctx: FormContext) -> list[Notice]:
    company = paying_company_for(values, ctx)
    if company is None:
        return []
    return [notice("NOTE_PAYING_COMPANY", name=(company.name_zh, company.name_en), br=company.br_no)]
