"""The member's session: the one object the UI talks to.

attract -> identify -> menu -> form -> review -> receipt -> attract. Each method is an event: it
runs one flow (kiosk/core/flows/), keeps the new state, restarts the idle timer when the member did
something, tells the listeners to draw again, and hands the flow's effects (read a card, queue the
instruction) to the effect handlers: the UI runs them off its thread and answers with the next
event (`card_read_finished`, `confirm_finished`). Any screen but attract times out: first a warning
with a countdown, then a wipe of everything the member entered.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from kiosk.core.catalogue import Surroundings, get_type
from kiosk.core.effects import Effect, EndIamSmart, LogEvent, Transition
from kiosk.core.flows import (
    common,
    employer,
    form,
    iamsmart,
    identify,
    mrz,
    navigation,
    qr,
    registration,
    review,
    sign_in,
    staff_call,
)
from kiosk.core.flows.identified import identified as identified_flow
from kiosk.core.member_events import MemberEvents
from kiosk.core.state import REGISTRATION, IdlePhase, Screen, SessionState
from kiosk.core.texts import SAVE_FAILED
from kiosk.domain.clock import hong_kong_now
from kiosk.domain.funds import DEFAULT_FUNDS, Fund
from kiosk.ports import CardReadResult, IamSmartPoll, IamSmartTicket, Receipt

if TYPE_CHECKING:
    from kiosk.core.confirm import ConfirmResult
    from kiosk.core.state import Assistance
    from kiosk.domain import mrz as mrz_rules
    from kiosk.domain.errors import Notice, ValidationError
    from kiosk.domain.fields import FieldSpec
    from kiosk.domain.identity import Identity
    from kiosk.domain.model import FormContext, Instruction, Step
    from kiosk.qr import QrPayload, QrRefusal

log = logging.getLogger(__name__)


class Session(MemberEvents):
    def __init__(self, idle_timeout_s: float = 120.0, idle_warning_s: float = 30.0,
                 monotonic: Callable[[], float] = time.monotonic, default_lang: str = "zh_HK") -> None:
        self.idle_timeout_s = idle_timeout_s
        self.idle_warning_s = idle_warning_s
        self._monotonic = monotonic
        self._default_lang = default_lang
        self.state = SessionState(lang=default_lang)
        self._last_activity = monotonic()
        self._listeners: list[Callable[[], None]] = []
        self._effect_handlers: list[Callable[[Effect], None]] = []
        # What the form rules may read besides the form: the scheme's funds (from the platform's
        # configuration when the UI has it), public holidays, and the Hong Kong clock.
        self.funds: tuple[Fund, ...] = DEFAULT_FUNDS
        self.holidays: frozenset[Any] = frozenset()
        self.now = hong_kong_now

    # ------------------------------------------------------------ plumbing
    def subscribe(self, listener: Callable[[], None]) -> None:
        """Called after every change worth drawing."""
        self._listeners.append(listener)

    def on_effect(self, handler: Callable[[Effect], None]) -> None:
        """Runs the effects the flows return (ui/effects.py in the kiosk; a test may run its own)."""
        self._effect_handlers.append(handler)

    def _env(self) -> Surroundings:
        return Surroundings(self._default_lang, self.funds, self.holidays, self.now, self._monotonic())

    def _apply(self, t: Transition) -> Any:
        old, self.state = self.state, t.state
        if t.activity:
            self.touch()
        if old.screen is not t.state.screen:
            log.info("screen %s -> %s", old.screen.value, t.state.screen.value)
        if t.notify:
            for listener in list(self._listeners):
                listener()
        effects = t.effects
        if old.screen is Screen.IAMSMART and t.state.screen is not Screen.IAMSMART:
            effects = (EndIamSmart(), *effects)  # however the member left it, its session ends
        for effect in effects:
            if isinstance(effect, LogEvent):
                log.log(effect.level, effect.message)
                continue
            for handler in list(self._effect_handlers):
                handler(effect)
        return t.answer

    def touch(self) -> None:
        """Any member activity: resets the idle timer."""
        self._last_activity = self._monotonic()

    # ------------------------------------------------------------ idle
    def idle_phase(self) -> tuple[IdlePhase, float]:
        """(phase, seconds left before the wipe)."""
        if self.state.screen is Screen.ATTRACT:
            return IdlePhase.ACTIVE, self.idle_timeout_s
        left = self.idle_timeout_s - (self._monotonic() - self._last_activity)
        if left <= 0:
            return IdlePhase.EXPIRED, 0.0
        if left <= self.idle_warning_s:
            return IdlePhase.WARNING, left
        return IdlePhase.ACTIVE, left

    def tick(self) -> IdlePhase:
        """Called about once a second by the UI; wipes the session when it has expired (never while
        an instruction is being saved)."""
        phase, _ = self.idle_phase()
        if phase is IdlePhase.EXPIRED and not self.state.saving:
            self.wipe()
        return phase

    def wipe(self) -> None:
        """Forget everything about the member and go back to attract (language resets too)."""
        self._apply(common.wipe(self.state, self._default_lang))

    # ------------------------------------------------------------ navigation
    def set_language(self, lang: str) -> None:
        self._apply(common.set_language(self.state, lang))

    def set_accessibility(self, *, large_text: bool | None = None, high_contrast: bool | None = None,
                          speech: bool | None = None, speech_volume: int | None = None) -> None:
        self._apply(common.set_accessibility(self.state, large_text=large_text, high_contrast=high_contrast,
                                             speech=speech, speech_volume=speech_volume))

    def start(self, by_card: bool = False) -> None:
        self._apply(common.start(self.state, by_card))

    def step(self) -> tuple[int, int]:
        return navigation.step(self.state)

    def back(self) -> None:
        self._apply(navigation.back(self.state, self._env()))

    # ------------------------------------------------------------ identify
    def identify_typed(self, text: str) -> bool:
        return bool(self._apply(identify.typed(self.state, self._env(), text)))

    def identified(self, identity: Identity) -> None:
        """The member is identified by a route the session does not run itself (tests, tools)."""
        self._apply(Transition(identified_flow(self.state, identity, self._env())))

    def staff_check_confirmed(self, verified: Identity) -> None:
        self._apply(identify.staff_check_confirmed(self.state, self._env(), verified))

    def staff_check_declined(self) -> None:
        self._apply(identify.staff_check_declined(self.state))

    def staff_card_presented(self, token: int | None = None) -> bool:
        return bool(self._apply(identify.staff_card_presented(self.state, self._default_lang, token)))

    @property
    def read_token(self) -> int:
        """Pass it back to `card_read_finished`: a read the member has since abandoned is ignored."""
        return self.state.read_token

    def card_inserted(self, reader: str) -> None:
        """A card was put on `reader` while the member's screens are up (effects: ReadCard, or
        OfferStaffSignIn when a member is past identifying)."""
        self._apply(identify.card_inserted(self.state, reader))

    def card_read_started(self, reader: str = "") -> None:
        """A read the caller runs itself (no ReadCard effect): `card_read_finished` with read_token."""
        t = identify.read_started(self.state, reader)
        self._apply(Transition(t.state))

    def card_read_finished(self, result: CardReadResult, reader: str = "", token: int | None = None) -> None:
        if token is not None and token != self.state.read_token:
            return  # started before the member went back from the MRZ step
        if self.state.screen is Screen.MRZ:
            self._apply(mrz.read_finished(self.state, self._env(), result))
        else:
            self._apply(identify.read_finished(self.state, self._env(), result, reader, token))

    # ------------------------------------------------------------ the MRZ step (ePassports)
    def mrz_typed(self, name: str, text: str) -> None:
        self._apply(mrz.typed(self.state, name, text))

    def mrz_submitted(self) -> mrz_rules.MrzKey | None:
        """Check the typed key; the key the chip is read with (effect ReadCard), or None (errors in
        state.errors)."""
        key: mrz_rules.MrzKey | None = self._apply(mrz.submitted(self.state))
        return key

    def mrz_card_inserted(self, reader: str) -> None:
        self._apply(identify.mrz_card_inserted(self.state, reader))

    # ------------------------------------------------------------ form
    def choose(self, type_code: str) -> None:
        get_type(type_code)  # unknown codes raise ValidationError
        s = self.state
        if type_code == REGISTRATION and not registration.may_register(s.identity):
            self._apply(Transition(registration.choice(s)))  # not a form they could not finish
        elif sign_in.needs_sign_in(s, type_code):
            self._apply(sign_in.requested(s, type_code))  # not a form they could not send
        elif employer.needs_employer(s, type_code):
            self._apply(employer.requested(s, type_code))  # the employer's data first
        else:
            self._apply(Transition(form.open_form(s, type_code)))

    def registration_iamsmart(self) -> None:
        self._apply(registration.use_iamsmart(self.state))

    def registration_ask_staff(self) -> None:
        self._apply(registration.ask_staff(self.state))

    def prefilled_from(self, name: str) -> str:
        return form.prefilled_from(self.state, name)

    def form_context(self) -> FormContext:
        return self._env().form_context(self.state)

    def field_spec(self, name: str) -> FieldSpec:
        """A field of the open form as this member is asked it (their own accounts to pick from)."""
        return form.field_spec(self.state, self._env(), name)

    def form_steps(self) -> list[Step]:
        return form.form_steps(self.state, self._env())

    def current_step(self) -> Step | None:
        return form.current_step(self.state, self._env())

    def form_position(self) -> tuple[int, int]:
        return form.form_position(self.state, self._env())

    def next_step(self) -> list[ValidationError]:
        errors: list[ValidationError] = self._apply(form.next_step(self.state, self._env()))
        return errors

    def goto_step(self, name: str) -> None:
        t = form.goto_step(self.state, name)
        if t is not None:
            self._apply(t)

    def notes(self) -> list[Notice]:
        return form.notes(self.state, self._env())

    def set_field(self, name: str, raw: Any) -> ValidationError | None:
        error: ValidationError | None = self._apply(form.set_field(self.state, self._env(), name, raw))
        return error

    def submit_form(self) -> list[ValidationError]:
        errors: list[ValidationError] = self._apply(form.submit(self.state, self._env()))
        return errors

    # ------------------------------------------------------------ confirm
    def instruction(self) -> Instruction:
        return review.instruction(self.state)

    def confirm_started(self) -> Instruction | None:
        """The member pressed Confirm (effect SaveInstruction); the instruction, or None when there
        is nothing to confirm or it is being saved already."""
        item: Instruction | None = self._apply(review.confirm_started(self.state))
        return item

    def confirm_finished(self, result: ConfirmResult) -> None:
        self._apply(review.confirm_finished(self.state, result))

    def confirmed(self, receipt: Receipt) -> None:
        self._apply(review.confirmed(self.state, receipt))

    def confirm_failed(self, message: tuple[str, str] = SAVE_FAILED) -> None:
        self._apply(review.confirm_failed(self.state, message))

    # ------------------------------------------------------------ staff assist
    def mark_assisted(self, staff_id: str, role: str, shop: str) -> bool:
        return bool(self._apply(review.mark_assisted(self.state, staff_id, role, shop)))

    def start_amendment(self, type_code: str, form_raw: dict[str, Any], assistance: Assistance) -> None:
        self._apply(review.start_amendment(self.state, self._default_lang, type_code, form_raw, assistance))

    # ------------------------------------------------------------ calling staff
    def call_staff(self) -> bool:
        """The member pressed "call staff": waiting for staff from now (the first call's time is
        kept). Answer: whether a member's session is under way to wait in (not on attract)."""
        return bool(self._apply(staff_call.call(self.state, self._monotonic())))

    def staff_answered(self) -> None:
        """Staff came to the member: no longer waiting."""
        self._apply(staff_call.answered(self.state))

    def staff_waiting_s(self) -> float | None:
        """How long the member has waited for staff, None when not waiting."""
        return staff_call.waited_s(self.state, self._monotonic())

    # ------------------------------------------------------------ QR codes (kiosk.qr, drivers/qr)
    def scan_requested(self) -> None:
        self._apply(qr.scan_requested(self.state))

    def qr_received(self, result: QrPayload | QrRefusal, field_name: str | None = None) -> str:
        return str(self._apply(qr.received(self.state, self._env(), result, field_name)))

    # ------------------------------------------------------------ iAM Smart (kiosk.iamsmart)
    def iamsmart_requested(self) -> None:
        self._apply(iamsmart.requested(self.state))

    def iamsmart_retry(self) -> None:
        self._apply(iamsmart.retry(self.state))

    def iamsmart_ticket(self, ticket: IamSmartTicket) -> None:
        self._apply(iamsmart.ticket(self.state, ticket, self._monotonic()))

    def iamsmart_progress(self, poll: IamSmartPoll) -> None:
        self._apply(iamsmart.progress(self.state, self._env(), poll))

    def iamsmart_start_again(self) -> None:
        self._apply(iamsmart.start_again(self.state))

    def iamsmart_ask_staff(self) -> None:
        self._apply(iamsmart.ask_staff(self.state))

    def iamsmart_failed(self) -> None:
        self._apply(iamsmart.failed(self.state))

    def iamsmart_seconds_left(self) -> float:
        return iamsmart.seconds_left(self.state, self._monotonic())
