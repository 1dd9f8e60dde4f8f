"""The form: one step (a group of questions) at a time, each field checked as it is typed, the
whole checked again before review."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any

from kiosk.core.catalogue import Surroundings, active_steps, explain, get_type, prune, validate
from kiosk.core.effects import Transition
from kiosk.core.flows.common import quiet
from kiosk.core.state import REGISTRATION, Screen, SessionState
from kiosk.domain.errors import Notice, ValidationError
from kiosk.domain.identity import IdentitySource

if TYPE_CHECKING:
    from kiosk.domain.fields import FieldSpec
    from kiosk.domain.model import Step

# Identity sources whose copied form fields review marks (a card read is marked by its verdict already).
PREFILL_SOURCES = {IdentitySource.IAMSMART: "iamsmart"}
REGISTRATION_SOURCE = {IdentitySource.IAMSMART: "IAMSMART"}  # MEMBER_REGISTRATION.identity_source


def open_form(state: SessionState, type_code: str) -> SessionState:
    """The form of `type_code` on screen; a different form than before starts empty, with what the
    identity document already says filled in (it can be corrected)."""
    itype = get_type(type_code)
    s = state
    if s.instruction_type != type_code:
        raw: dict[str, Any] = {}
        prefilled: dict[str, str] = {}
        source = s.identity.source if s.identity else None
        for spec in itype.fields:
            known = getattr(s.identity, spec.prefill, "") if spec.prefill and s.identity else ""
            if known and isinstance(known, str):
                raw[spec.name] = known
                prefilled[spec.name] = known
        s = replace(s, form_raw=raw, form_values={}, prefilled=prefilled,
                    prefill_source=PREFILL_SOURCES.get(source, "") if source else "")
        s = with_registration_source(s, itype.code)
    return replace(s, instruction_type=type_code, form_step=None, errors=[], screen=Screen.FORM)


def with_registration_source(state: SessionState, type_code: str) -> SessionState:
    """A registration says how the identity was checked (not asked: the flow knows it); an identity
    checked neither way says nothing (the domain rule refuses it)."""
    if type_code != REGISTRATION:
        return state
    raw = {k: v for k, v in state.form_raw.items() if k != "identity_source"}
    identity = state.identity
    if identity is not None and identity.verified_by_staff:
        raw["identity_source"] = "CARD_STAFF_CHECKED"
    elif identity is not None and identity.source in REGISTRATION_SOURCE:
        raw["identity_source"] = REGISTRATION_SOURCE[identity.source]
    return replace(state, form_raw=raw)


def prefilled_from(state: SessionState, name: str) -> str:
    """Where a form field's value came from ("iamsmart") while it is still the value copied from
    the identity; "" when the member typed or changed it."""
    copied = state.prefilled.get(name)
    if copied is None or not state.prefill_source:
        return ""
    current = state.form_values.get(name, state.form_raw.get(name))
    return state.prefill_source if current is not None and str(current) == copied else ""


def field_spec(state: SessionState, env: Surroundings, name: str) -> FieldSpec:
    """The form field `name` as this member is asked it: a signed-in member picks their own account
    from a list, and the fund switch lists what that account holds (kiosk/domain/own_accounts.py);
    an employer's authorised person picks the employer's own companies and schemes."""
    from kiosk.domain.forms.contribution_company import as_pick_list
    from kiosk.domain.own_accounts import offered

    assert state.instruction_type is not None
    spec = get_type(state.instruction_type).field(name)
    ctx = env.form_context(state)
    # An employer's statement: its paying company, scheme and account number from its own data.
    return as_pick_list(offered(spec, ctx, state.form_raw), ctx)


def form_steps(state: SessionState, env: Surroundings) -> list[Step]:
    """The steps asked, given the answers so far (a later answer may add or drop steps)."""
    if state.instruction_type is None:
        return []
    return active_steps(get_type(state.instruction_type), state.form_raw, env.form_context(state))


def current_step(state: SessionState, env: Surroundings) -> Step | None:
    """The step on screen: the one named in state.form_step, or the next one asked after it when an
    earlier answer means it is no longer asked."""
    steps = form_steps(state, env)
    if not steps or state.instruction_type is None:
        return None
    if state.form_step is None:
        return steps[0]
    plan = [st.name for st in get_type(state.instruction_type).plan()]
    here = plan.index(state.form_step) if state.form_step in plan else 0
    return next((st for st in steps if plan.index(st.name) >= here), steps[-1])


def form_position(state: SessionState, env: Surroundings) -> tuple[int, int]:
    """(question n, of m) within the form, for "問題 2 / 5"."""
    steps = form_steps(state, env)
    current = current_step(state, env)
    if current is None:
        return 0, 0
    return [st.name for st in steps].index(current.name) + 1, len(steps)


def set_field(state: SessionState, env: Surroundings, name: str, raw: Any) -> Transition:
    """Keep what was typed and check that one field as it is typed (answer: its error or None).
    Not drawn again: the field already shows what was typed."""
    assert state.instruction_type is not None
    spec = get_type(state.instruction_type).field(name)
    errors = [e for e in state.errors if e.field and e.field != name and not e.field.startswith(name + "[")]
    s = replace(state, form_raw={**state.form_raw, name: raw}, errors=errors)
    step = current_step(s, env)
    from kiosk.domain.fields import check_field

    try:
        # A field on a step the member chose (e.g. "change my mobile") is required there.
        check_field(spec, raw, required=spec.required or bool(step and step.required and name in step.fields))
    except ValidationError as e:
        return Transition(s, notify=False, answer=e)
    return Transition(s, notify=False, answer=None)


def next_step(state: SessionState, env: Surroundings) -> Transition:
    """Check the step on screen (and the rules it completes); then the next step, or review.
    Answer: the errors found (empty when the member moves on). A Next that arrives after the form
    has gone (a second tap while the review opens, a tap queued behind an idle wipe) changes nothing."""
    if state.screen is not Screen.FORM or state.instruction_type is None:
        return Transition(state, notify=False, answer=[])
    current = current_step(state, env)
    if current is None or state.instruction_type is None:
        return submit(state, env)
    itype = get_type(state.instruction_type)
    ctx = env.form_context(state)
    _, errors = validate(itype, prune(itype, state.form_raw, ctx), ctx, upto=current.name)
    if errors:
        return Transition(replace(state, errors=errors, form_step=current.name), answer=errors)
    steps = [st.name for st in form_steps(state, env)]
    at = steps.index(current.name)
    if at + 1 < len(steps):
        return Transition(replace(state, errors=[], form_step=steps[at + 1]), answer=[])
    return submit(replace(state, errors=[]), env)


def submit(state: SessionState, env: Surroundings) -> Transition:
    """Check the whole form: on to review, or back to the first step holding an error."""
    assert state.instruction_type is not None
    itype = get_type(state.instruction_type)
    ctx = env.form_context(state)
    values, errors = validate(itype, prune(itype, state.form_raw, ctx), ctx)
    if errors:
        failing = {e.field.split("[")[0] for e in errors if e.field}
        step = next((st for st in active_steps(itype, state.form_raw, ctx) if failing & set(st.fields)), None)
        s = replace(state, errors=errors, form_step=step.name if step is not None else state.form_step)
        return Transition(s, answer=errors)
    s = replace(state, errors=[], form_values={k: v for k, v in values.items() if v is not None},
                screen=Screen.REVIEW)
    return Transition(s, answer=errors)


def goto_step(state: SessionState, name: str) -> Transition | None:
    """Back to a step from review ("change this"), keeping everything typed; None: not possible
    (a signed prepared instruction cannot be changed here)."""
    if state.instruction_type is None or state.prepared is not None:
        return None
    get_type(state.instruction_type).step(name)  # an unknown step raises
    return Transition(quiet(state, form_step=name, screen=Screen.FORM))


def notes(state: SessionState, env: Surroundings) -> list[Notice]:
    """What the member must see before confirming: computed amounts, cut-off, cap left."""
    if state.instruction_type is None:
        return []
    return explain(get_type(state.instruction_type), state.form_values, env.form_context(state))


def back(state: SessionState, env: Surroundings) -> SessionState | None:
    """Back within a form: the previous step; from review, the last step. None: not the form's Back."""
    if state.screen is Screen.FORM:
        steps = [st.name for st in form_steps(state, env)]
        current = current_step(state, env)
        if current is None or steps.index(current.name) == 0:
            return None
        return replace(state, form_step=steps[steps.index(current.name) - 1])
    if state.screen is Screen.REVIEW and state.instruction_type is not None:
        asked = form_steps(state, env)
        return replace(state, form_step=asked[-1].name if asked else None, screen=Screen.FORM)
    return None

