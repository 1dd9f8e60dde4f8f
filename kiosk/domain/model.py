"""What a form is made of: steps (one question a screen), rules over several fields, notices,
and the context the rules read (today, the member, the scheme's funds, holidays)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from kiosk.languages import choose

from .clock import hong_kong_now
from .errors import Notice, ValidationError
from .fields import FieldSpec
from .funds import DEFAULT_FUNDS, Fund

if TYPE_CHECKING:
    from .account import SchemeAccount
    from .assurance import SignIn
from .identity import Identity

if TYPE_CHECKING:
    from .employer import Employer


@dataclass(frozen=True)
class FormContext:
    """Everything outside the form that its rules may read. Tests and `kiosk validate --today`
    fix the date; the kiosk builds a fresh one for each check."""

    now: dt.datetime = field(default_factory=hong_kong_now)
    member: Identity | None = None
    funds: tuple[Fund, ...] = DEFAULT_FUNDS
    holidays: frozenset[dt.date] = frozenset()
    # The employer a statement is for (kiosk/domain/employer.py): its companies, schemes, employees
    # and agreed VC plans, from the platform after an employer's sign-in; None when not known.
    employer: Employer | None = None
    # The signed-in member's own scheme accounts, from the platform (kiosk/domain/own_accounts.py);
    # empty when not signed in or not fetched.
    accounts: tuple[SchemeAccount, ...] = ()

    @property
    def today(self) -> dt.date:
        return self.now.date()

    def fund(self, code: str) -> Fund | None:
        return next((f for f in self.funds if f.code == code), None)

    @classmethod
    def on(cls, day: dt.date | str, hour: int = 10, **kw: Any) -> FormContext:
        d = dt.date.fromisoformat(day) if isinstance(day, str) else day
        return cls(now=dt.datetime.combine(d, dt.time(hour, 0)), **kw)


Values = Mapping[str, Any]


# ---------------------------------------------------------------- conditions (when a step is asked)


class Condition:
    """A predicate over the clean values so far; `doc` says it in words for docs/forms.md."""

    doc = ""

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        raise NotImplementedError


@dataclass(frozen=True)
class Is(Condition):
    """`field` holds one of `values`."""

    field: str
    values: tuple[Any, ...]

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        return values.get(self.field) in self.values

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"{self.field} is {' or '.join(str(v) for v in self.values)}"


def is_(name: str, *values: Any) -> Is:
    return Is(name, values)


@dataclass(frozen=True)
class Has(Condition):
    """A multi-choice `field` includes `value`."""

    field: str
    value: str

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        return self.value in (values.get(self.field) or ())

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"{self.field} includes {self.value}"


def has(name: str, value: str) -> Has:
    return Has(name, value)


@dataclass(frozen=True)
class MemberLacks(Condition):
    """The identified member's record has no `attr` (e.g. a typed HKID carries no birth date)."""

    attr: str

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        return ctx.member is None or not getattr(ctx.member, self.attr, "")

    @property
    def doc(self) -> str:  # type: ignore[override]
        return f"the member's identity has no {self.attr}"


@dataclass(frozen=True)
class All(Condition):
    parts: tuple[Condition, ...]

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        return all(p(values, ctx) for p in self.parts)

    @property
    def doc(self) -> str:  # type: ignore[override]
        return " and ".join(p.doc for p in self.parts)


@dataclass(frozen=True)
class Test(Condition):
    """Anything else, with its description."""

    fn: Callable[[Values, FormContext], bool]
    text: str

    def __call__(self, values: Values, ctx: FormContext) -> bool:
        return self.fn(values, ctx)

    @property
    def doc(self) -> str:  # type: ignore[override]
        return self.text


# ---------------------------------------------------------------- steps, rules, notes


@dataclass(frozen=True)
class Step:
    """One screen: one question (a decision, or one thing to type), asked only `when` it applies.

    `required`: the fields here must be filled in when the step is asked, even if the field is
    optional elsewhere (a member who ticked "change my mobile number" must give one)."""

    name: str
    title_zh: str
    title_en: str
    fields: tuple[str, ...]
    when: Condition | None = None
    required: bool = False
    help_zh: str = ""
    help_en: str = ""

    def title(self, lang: str) -> str:
        return choose(self.title_zh, self.title_en, lang)

    def help(self, lang: str) -> str:
        return choose(self.help_zh, self.help_en, lang)

    def asked(self, values: Values, ctx: FormContext) -> bool:
        return self.when is None or self.when(values, ctx)


RuleCheck = Callable[[Values, FormContext], list[ValidationError]]
NoteMaker = Callable[[Values, FormContext], list[Notice]]


@dataclass(frozen=True)
class Rule:
    """A check across fields. It runs when every field it reads has been reached and none of
    them has an error of its own, so a member sees it on the step that completes it."""

    codes: tuple[str, ...]
    fields: tuple[str, ...]
    check: RuleCheck
    doc: str = ""


@dataclass(frozen=True)
class Note:
    """Information computed from the values (not an error), shown before confirming."""

    codes: tuple[str, ...]
    fields: tuple[str, ...]
    make: NoteMaker
    doc: str = ""


@dataclass(frozen=True)
class InstructionType:
    code: str
    title_zh: str
    title_en: str
    fields: tuple[FieldSpec, ...]
    rules: tuple[Rule, ...] = ()
    by_employer: bool = False
    steps: tuple[Step, ...] = ()  # empty: one step per field, in order
    notes: tuple[Note, ...] = ()
    # Fills in values a headless caller may leave out but the steps depend on (e.g. which items
    # a change of particulars changes, inferred from the items given).
    derive: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    summary_zh: str = ""  # one line under the menu button
    summary_en: str = ""

    def title(self, lang: str) -> str:
        return choose(self.title_zh, self.title_en, lang)

    def summary(self, lang: str) -> str:
        return choose(self.summary_zh, self.summary_en, lang)

    def field(self, name: str) -> FieldSpec:
        for spec in self.fields:
            if spec.name == name:
                return spec
        raise KeyError(name)

    def plan(self) -> tuple[Step, ...]:
        """Every step, asked or not, in order."""
        if self.steps:
            return self.steps
        return tuple(Step(f.name, f.label_zh, f.label_en, (f.name,)) for f in self.fields)

    def step(self, name: str) -> Step:
        for s in self.plan():
            if s.name == name:
                return s
        raise KeyError(name)


@dataclass(frozen=True)
class Instruction:
    """A validated instruction, ready to be queued. `values` holds clean values only."""

    type: str
    member: Identity
    values: Mapping[str, Any] = field(default_factory=dict)
    # The member's sign-in (docs/sign-in.md): its assertion travels with the instruction, and the
    # platform checks it at delivery. None for instructions that need none, or were not signed in.
    sign_in: SignIn | None = field(default=None, repr=False)

    def __repr__(self) -> str:
        return f"Instruction({self.type}, member={self.member!r})"
