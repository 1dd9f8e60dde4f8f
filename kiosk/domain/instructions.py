"""The instruction types the platform takes, and checking a form against its fields, steps and rules.

The forms themselves are in kiosk/domain/forms/ (one module each); this module runs them.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import Notice, ValidationError
from .fields import check_field
from .forms import ALL
from .identity import Identity
from .model import FormContext, Instruction, InstructionType, Rule, Step

__all__ = ["TYPES", "Instruction", "InstructionType", "Rule", "Step", "active_steps", "build", "explain",
           "get_type", "prune", "sendable", "validate"]

TYPES: dict[str, InstructionType] = {t.code: t for t in ALL}


def get_type(code: str) -> InstructionType:
    try:
        return TYPES[code]
    except (KeyError, TypeError):
        raise ValidationError("UNKNOWN_INSTRUCTION", "不支援此類指示。",
                              f"This kind of instruction ({code}) is not supported.") from None


def _prepared(itype: InstructionType, raw: Mapping[str, Any]) -> dict[str, Any]:
    values = dict(raw)
    return itype.derive(values) if itype.derive is not None else values


def _clean_lenient(itype: InstructionType, raw: Mapping[str, Any]) -> dict[str, Any]:
    """Clean values where they check out, None elsewhere: enough to decide which steps are asked."""
    out: dict[str, Any] = {}
    for spec in itype.fields:
        try:
            out[spec.name] = check_field(spec, raw.get(spec.name), required=False)
        except ValidationError:
            out[spec.name] = None
    return out


def active_steps(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> list[Step]:
    """The steps asked, given what has been typed so far (a later step may depend on an earlier answer)."""
    ctx = context or FormContext()
    values = _clean_lenient(itype, _prepared(itype, raw))
    return [s for s in itype.plan() if s.asked(values, ctx)]


def prune(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> dict[str, Any]:
    """`raw` without the values of steps no longer asked (the member went back and changed an
    earlier answer): what they cannot see must not be sent, nor fail the form."""
    ctx = context or FormContext()
    asked = {name for s in active_steps(itype, raw, ctx) for name in s.fields}
    on_steps = {name for s in itype.plan() for name in s.fields}
    return {k: v for k, v in raw.items() if k in asked or k not in on_steps}


def validate(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None, *,
             upto: str | None = None) -> tuple[dict[str, Any], list[ValidationError]]:
    """Check every field, then the form's rules. Returns the clean values (transient steering
    fields left out) and every error found.

    Fields on a step that is asked are required when the field or the step says so; fields on a
    step not asked are checked only if they hold something. A rule runs when none of the fields
    it reads has an error. With `upto` (a step name), only the fields of the steps up to that one
    count: later fields are not required, rules that read them wait, and their errors are left out.
    """
    ctx = context or FormContext()
    prepared = _prepared(itype, raw)
    plan = itype.plan()
    reached: set[str] | None = None
    if upto is not None:
        names = [s.name for s in plan]
        last = names.index(upto)
        reached = {f for s in plan[: last + 1] for f in s.fields}
    values: dict[str, Any] = {}
    errors: list[ValidationError] = []
    failed: set[str] = set()

    def check(name: str, required: bool) -> None:
        spec = itype.field(name)
        if lenient.get(name) is not None:
            # Checked already (not blank, no error): `required` changes nothing for such a value, and
            # a 500-member statement is not checked twice.
            values[name] = lenient[name]
            return
        if reached is not None and name not in reached:
            required = False
        try:
            values[name] = check_field(spec, prepared.get(name), required=required)
        except ValidationError as e:
            values[name] = None
            failed.add(name)
            if reached is None or name in reached:
                errors.append(e)

    # Which steps are asked depends on earlier answers; decide it on the values that check out,
    # then check each field once (a field may sit on several steps, e.g. one declaration per ground).
    lenient = _clean_lenient(itype, prepared)
    on_steps = {name for step in plan for name in step.fields}
    required: set[str] = set()
    for step in plan:
        if step.asked(lenient, ctx):
            required.update(n for n in step.fields if step.required or itype.field(n).required)
    for spec in itype.fields:
        # Fields not on any step are set by the flow (e.g. iAM Smart's reference), not asked.
        check(spec.name, spec.name in required if spec.name in on_steps else spec.required)
    for rule in itype.rules:
        if failed & set(rule.fields):
            continue
        if reached is not None and not set(rule.fields) <= reached:
            continue
        errors.extend(rule.check(values, ctx))
    # Transient fields steer the steps (which items a change of particulars changes); callers get
    # the values to send, so what a member reviews is what the platform receives.
    transient = {f.name for f in itype.fields if f.transient}
    return {k: v for k, v in values.items() if k not in transient}, errors


def explain(itype: InstructionType, values: Mapping[str, Any], context: FormContext | None = None) -> list[Notice]:
    """The notices for clean values: computed contributions, cut-off, cap left. Never raises on
    missing values (a note whose fields are absent says nothing)."""
    ctx = context or FormContext()
    out: list[Notice] = []
    for note in itype.notes:
        out.extend(note.make(values, ctx))
    return out


def build(code: str, member: Identity, raw: Mapping[str, Any], context: FormContext | None = None) -> Instruction:
    """Validate and build an Instruction; raises the first ValidationError."""
    itype = get_type(code)
    ctx = context or FormContext(member=member)
    values, errors = validate(itype, prune(itype, raw, ctx), ctx)
    if errors:
        raise errors[0]
    return Instruction(code, member, sendable(itype, values))


def sendable(itype: InstructionType, values: Mapping[str, Any]) -> dict[str, Any]:
    """The values that go into the instruction: set ones, without the transient steering fields."""
    transient = {f.name for f in itype.fields if f.transient}
    return {k: v for k, v in values.items() if v is not None and k not in transient}
