"""The form catalogue (kiosk.domain.instructions), loaded when a member first chooses a form,
not when the attract screen starts: these forward to it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import datetime as dt
    from collections.abc import Callable

    from kiosk.core.state import SessionState
    from kiosk.domain.errors import Notice, ValidationError
    from kiosk.domain.funds import Fund
    from kiosk.domain.model import FormContext, InstructionType, Step


def get_type(code: str) -> InstructionType:
    from kiosk.domain.instructions import get_type as catalogue_get_type

    return catalogue_get_type(code)


def active_steps(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> list[Step]:
    from kiosk.domain.instructions import active_steps as catalogue_active_steps

    return catalogue_active_steps(itype, raw, context)


def prune(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> dict[str, Any]:
    from kiosk.domain.instructions import prune as catalogue_prune

    return catalogue_prune(itype, raw, context)


def validate(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None, *,
             upto: str | None = None) -> tuple[dict[str, Any], list[ValidationError]]:
    from kiosk.domain.instructions import validate as catalogue_validate

    return catalogue_validate(itype, raw, context, upto=upto)


def explain(itype: InstructionType, values: Mapping[str, Any], context: FormContext | None = None) -> list[Notice]:
    from kiosk.domain.instructions import explain as catalogue_explain

    return catalogue_explain(itype, values, context)


@dataclass(frozen=True)
class Surroundings:
    """What the flows may read besides the state: the kiosk's default language, the scheme's funds
    (from the platform's configuration when the UI has it), public holidays, the Hong Kong clock,
    and the session's monotonic clock reading for this step."""

    default_lang: str
    funds: tuple[Fund, ...]
    holidays: frozenset[Any]
    now: Callable[[], dt.datetime]
    monotonic: float

    def form_context(self, state: SessionState) -> FormContext:
        from kiosk.domain.funds import with_facts
        from kiosk.domain.model import FormContext

        # The signed-in member's accounts: their own account numbers are picked, not typed; an
        # employer's data, for its statement.
        accounts = state.account.schemes if state.signed_in and state.account is not None else ()
        # Their account's figures for each fund they hold (risk class, fees) complete the scheme's list.
        funds = with_facts(self.funds, [h for a in accounts for h in a.funds]) if accounts else self.funds
        return FormContext(now=self.now(), member=state.identity, funds=funds, holidays=self.holidays,
                           accounts=accounts, employer=state.employer)
