"""Beginning and ending a member's session."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from kiosk.core.effects import Transition
from kiosk.core.state import SPEECH_VOLUME_STEPS, Screen, SessionState


def wiped(state: SessionState, default_lang: str) -> SessionState:
    """Everything about the member forgotten, back on attract (language and display reset too).
    The card-read token carries on, so a read started before the wipe is dropped when it ends."""
    return SessionState(lang=default_lang, read_token=state.read_token, visit=state.visit + 1)


def wipe(state: SessionState, default_lang: str) -> Transition:
    return Transition(wiped(state, default_lang))


def start(state: SessionState, by_card: bool = False) -> Transition:
    """A new member session; the language and accessibility chosen on the attract screen carry into
    it. `by_card`: a card inserted on the attract screen started it (it may turn out to be a staff
    card). A fresh state (everything from before forgotten, as a wipe does), announced once: an
    attract screen drawn in between would restyle the whole kiosk twice for a large-text member."""
    return Transition(SessionState(lang=state.lang, large_text=state.large_text, high_contrast=state.high_contrast,
                                   speech=state.speech, speech_volume=state.speech_volume,
                                   screen=Screen.IDENTIFY, started_by_card=by_card,
                                   read_token=state.read_token, visit=state.visit + 1))


def set_language(state: SessionState, lang: str) -> Transition:
    return Transition(replace(state, lang=lang))


def set_accessibility(state: SessionState, *, large_text: bool | None = None, high_contrast: bool | None = None,
                      speech: bool | None = None, speech_volume: int | None = None) -> Transition:
    """Large text (200%), high contrast, spoken guidance and its volume: for this member, until the wipe."""
    volume = state.speech_volume if speech_volume is None else max(0, min(speech_volume, SPEECH_VOLUME_STEPS - 1))
    return Transition(replace(
        state,
        large_text=state.large_text if large_text is None else large_text,
        high_contrast=state.high_contrast if high_contrast is None else high_contrast,
        speech=state.speech if speech is None else speech,
        speech_volume=volume))


def iamsmart_opened(state: SessionState, **changes: Any) -> Transition:
    """The iAM Smart screen with a fresh code to come (effect StartIamSmart): for registration's
    identity ("register") or to sign in ("login")."""
    from kiosk.core.effects import StartIamSmart
    from kiosk.core.state import IamSmartView

    s = quiet(state, iamsmart=IamSmartView(), screen=Screen.IAMSMART, **changes)
    return Transition(s, (StartIamSmart("register" if s.registration_pending else "login"),))


def quiet(state: SessionState, **changes: Any) -> SessionState:
    """The state with the member's messages cleared (and `changes` made)."""
    return replace(state, errors=[], notice=None, **changes)
