"""The MRZ step: an ePassport or ICAO ID card's chip opens only with the key printed on its data
page (document number, date of birth, date of expiry); three wrong keys and the member is sent back
to the other ways of identifying."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.core.catalogue import Surroundings
from kiosk.core.effects import ReadCard, Transition, stay
from kiosk.core.flows.identify import card_identified
from kiosk.core.state import Screen, SessionState
from kiosk.core.texts import CARD_MESSAGES, MRZ_MESSAGES
from kiosk.domain.errors import ValidationError
from kiosk.ports import CardErrorCode, CardReadResult

if TYPE_CHECKING:
    from kiosk.domain import mrz as mrz_rules


def typed(state: SessionState, name: str, text: str) -> Transition:
    """Keep what was typed in one of document_number, date_of_birth, date_of_expiry."""
    view = state.mrz
    if view is None:
        return Transition(state, notify=False)
    return Transition(replace(state, mrz=replace(view, typed={**view.typed, name: text}),
                              errors=[e for e in state.errors if e.field != name]), notify=False)


def submitted(state: SessionState) -> Transition:
    """Check the typed key and read the chip with it (effect ReadCard); answer: the key, or None
    (the errors are in the state). A whole MRZ typed or scanned into the document number field is
    parsed as such."""
    from kiosk.domain import mrz as mrz_rules

    view = state.mrz
    if view is None or state.card_reading or view.tries_left <= 0:
        return Transition(state, notify=False)
    number = view.typed.get("document_number", "")
    birth, expiry = view.typed.get("date_of_birth", ""), view.typed.get("date_of_expiry", "")
    errors: list[ValidationError] = []
    key: mrz_rules.MrzKey | None = None
    if len("".join(number.split())) >= 60:
        try:
            key = mrz_rules.parse(number).key
        except ValidationError as e:
            errors = [e]
    else:
        errors = mrz_rules.key_errors(number, birth, expiry)
        if not errors:
            key = mrz_rules.MrzKey.typed(number, birth, expiry)
    if key is None:
        return Transition(replace(state, errors=errors, notice=None))
    s = replace(state, mrz=replace(view, key=key), errors=[], notice=None, read_token=state.read_token + 1,
                card_reading=True)
    return Transition(s, (ReadCard(view.reader, s.read_token, key),), answer=key)


def read_finished(state: SessionState, env: Surroundings, result: CardReadResult) -> Transition:
    """The chip read with the typed key came back."""
    view = state.mrz
    s = replace(state, card_reading=False)
    if view is None:
        return Transition(s, notify=False)
    view = replace(view, key=None)
    s = replace(s, mrz=view)
    if result.identity is not None:
        return Transition(card_identified(s, env, result.identity))
    code = result.error.code if result.error else CardErrorCode.UNREADABLE
    if code is CardErrorCode.WRONG_KEY:
        tries = view.tries_left - 1
        if tries > 0:
            zh, en = MRZ_MESSAGES["wrong_key"]
            return Transition(replace(s, mrz=replace(view, tries_left=tries),
                                      notice=(zh.format(n=tries), en.format(n=tries))))
        return Transition(replace(s, mrz=None, screen=Screen.IDENTIFY, notice=MRZ_MESSAGES["no_tries"]))
    if code is CardErrorCode.REMOVED:
        return Transition(replace(s, notice=MRZ_MESSAGES["put_back"]))
    if code in (CardErrorCode.FORGED, CardErrorCode.NO_READER, CardErrorCode.UNKNOWN_CARD):
        return Transition(replace(s, mrz=None, screen=Screen.IDENTIFY, notice=CARD_MESSAGES[code]))
    return Transition(replace(s, notice=CARD_MESSAGES.get(code, CARD_MESSAGES[CardErrorCode.UNREADABLE])))


def back(state: SessionState) -> Transition:
    """Back from the MRZ step: to identify; a chip read under way no longer matters."""
    if state.screen is not Screen.MRZ:
        return stay(state)
    s = replace(state, mrz=None, screen=Screen.IDENTIFY)
    if s.card_reading:
        s = replace(s, read_token=s.read_token + 1, card_reading=False)
    return Transition(s)
