"""Identifying the member: a card in the reader, a typed HKID number (checked by staff in an assisted
session), and the routing of a card put on a reader to whoever expects it."""

from __future__ import annotations

from dataclasses import replace

from kiosk.core.catalogue import Surroundings
from kiosk.core.effects import OfferStaffSignIn, ReadCard, Transition, stay
from kiosk.core.flows import common, registration
from kiosk.core.flows.identified import identified
from kiosk.core.state import MrzView, Screen, SessionState
from kiosk.core.texts import (
    CARD_MESSAGES,
    MRZ_MESSAGES,
    REGISTRATION_STAFF_DECLINED,
    STAFF_CHECK_DECLINED,
    document_check_text,
)
from kiosk.domain import hkid as hkid_rules
from kiosk.domain.errors import ValidationError
from kiosk.domain.identity import DocumentCheck, Identity, IdentitySource
from kiosk.ports import CardErrorCode, CardReadResult


def typed(state: SessionState, env: Surroundings, text: str) -> Transition:
    """A typed HKID number (answer: whether it was one). It identifies; it never authorises."""
    try:
        canonical = hkid_rules.normalise(text)
    except ValidationError as e:
        return Transition(replace(state, errors=[e]), answer=False)
    document = state.pending_document
    if document is not None:
        # The chip vouched for name, birth date and document; the HKID number is the member's.
        identity = Identity(hkid=canonical, name_en=document.name_en, name_zh=document.name_zh,
                            date_of_birth=document.date_of_birth, source=IdentitySource.TYPED,
                            reader=document.reader, document=document.document)
    else:
        identity = Identity(hkid=canonical, source=IdentitySource.TYPED)
    # Used at once, or in an assisted session only once staff confirm they saw the HKID card (the
    # Immigration Department's chip cannot be read here: docs/cards.md).
    if state.assisted is None:
        return Transition(identified(state, identity, env), answer=True)
    return Transition(common.quiet(state, staff_check=identity, screen=Screen.STAFF_CONFIRM), answer=True)


def staff_check_confirmed(state: SessionState, env: Surroundings, verified: Identity) -> Transition:
    """Staff confirmed the card (kiosk.modes.hkid_check made `verified`, audited): identified."""
    pending = state.staff_check
    if state.screen is not Screen.STAFF_CONFIRM or pending is None or verified.hkid != pending.hkid:
        return stay(state)  # the member left, or a different number: nothing to confirm
    return Transition(identified(replace(state, staff_check=None), verified, env))


def staff_check_declined(state: SessionState) -> Transition:
    """Staff did not confirm: the typed number is forgotten and the member identifies again (or,
    identified already, goes back to registration's choice)."""
    if state.screen is not Screen.STAFF_CONFIRM:
        return stay(state)
    s = replace(state, staff_check=None)
    if s.registration_pending and s.identity is not None:
        return Transition(replace(registration.choice(s), notice=REGISTRATION_STAFF_DECLINED))
    return Transition(replace(s, pending_document=None, screen=Screen.IDENTIFY, notice=STAFF_CHECK_DECLINED))


def staff_card_presented(state: SessionState, default_lang: str, token: int | None = None) -> Transition:
    """A staff card was read where a member's card was expected, and staff sign-in opens for it. A
    session the card itself started on the attract screen (nothing done yet) ends; a member's session
    already under way is kept (it becomes assisted once staff sign in). Answer: whether a member
    session is kept; False for a stale read on attract."""
    s = state
    if token is not None and token != s.read_token:
        return stay(s, s.screen is not Screen.ATTRACT)
    s = replace(s, card_reading=False)
    if s.started_by_card and s.screen is Screen.IDENTIFY and s.identity is None and not s.form_raw \
            and s.prepared is None:
        return Transition(common.wiped(s, default_lang), answer=False)
    s = replace(s, notice=None)
    return Transition(s, activity=False, answer=s.screen is not Screen.ATTRACT)


def card_inserted(state: SessionState, reader: str) -> Transition:
    """A card was put on `reader` (staff sign-in not on screen): on attract it starts a session; on
    the MRZ step it is the document put back; on identify it is read; elsewhere it may be a staff
    card come to assist."""
    s = state
    if s.screen is Screen.ATTRACT:
        s = common.start(s, by_card=True).state  # as good as pressing Start (unless it is a staff card)
    if s.screen is Screen.MRZ:
        return mrz_card_inserted(s, reader)
    if s.screen is not Screen.IDENTIFY:
        return Transition(s, (OfferStaffSignIn(reader),), activity=False, notify=s is not state)
    if s.card_reading:
        return Transition(s, activity=False, notify=s is not state)
    return read_started(s, reader)


def read_started(state: SessionState, reader: str) -> Transition:
    """Read the card in `reader`; the result comes back through `read_finished` with this token."""
    s = replace(state, read_token=state.read_token + 1, card_reading=True, notice=None)
    return Transition(s, (ReadCard(reader, s.read_token),))


def mrz_card_inserted(state: SessionState, reader: str) -> Transition:
    """A document was put (back) on a reader while the MRZ step is open."""
    view = state.mrz
    if view is None or state.screen is not Screen.MRZ:
        return stay(state)
    notice = None if state.notice == MRZ_MESSAGES["put_back"] else state.notice
    return Transition(replace(state, mrz=replace(view, reader=reader), notice=notice), activity=False)


def read_finished(state: SessionState, env: Surroundings, result: CardReadResult, reader: str = "",
                  token: int | None = None) -> Transition:
    """A card read on the identify screen came back (one on the MRZ step goes to flows.mrz)."""
    if token is not None and token != state.read_token:
        return stay(state)  # started before the member went back from the MRZ step
    s = replace(state, card_reading=False)
    if s.screen is not Screen.IDENTIFY:
        return Transition(s, activity=False, notify=False)  # the member moved on while the card was read
    if result.identity is not None:
        return Transition(card_identified(s, env, result.identity))
    code = result.error.code if result.error else CardErrorCode.UNREADABLE
    if code is CardErrorCode.KEY_REQUIRED and reader:
        # An ePassport or ICAO ID card: ask for the key printed on its data page.
        return Transition(common.quiet(s, mrz=MrzView(reader=reader), screen=Screen.MRZ))
    return Transition(replace(s, notice=CARD_MESSAGES[code]))


def card_identified(state: SessionState, env: Surroundings, identity: Identity) -> SessionState:
    """A card read gave an identity: a forged document is never used; one without an HKID number (a
    foreign passport) waits for the member to type theirs."""
    if identity.document is not None and identity.document.check is DocumentCheck.FORGED:
        return replace(state, notice=CARD_MESSAGES[CardErrorCode.FORGED])
    if identity.hkid:
        return identified(replace(state, pending_document=None), identity, env)
    check = document_check_text(identity) or ("", "")
    zh, en = MRZ_MESSAGES["type_hkid"]
    return replace(state, pending_document=identity, mrz=None, screen=Screen.IDENTIFY,
                   notice=(zh.format(check=check[0]), en.format(check=check[1])))
