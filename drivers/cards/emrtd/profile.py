"""The ICAO 9303 eMRTD profile: ePassports and ICAO-compliant ID cards (e.g. HKSAR passports).

SELECT the LDS application in plain; without a key, stop there and ask for one (the chip says
nothing more without it). With the MRZ key: BAC, then over secure messaging EF.COM, DG1 (the MRZ),
optionally DG2 (the face), and EF.SOD; then passive authentication against the CSCA trust store.

Access protocols are a list: BAC today. PACE (EF.CardAccess, then PACE before BAC) slots in as
another `AccessProtocol` returning a `SecureChannel` with AES secure messaging; nothing after
the channel changes.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Callable, Sequence
from typing import Protocol

from kiosk.domain import Identity, IdentitySource, ValidationError
from kiosk.domain import hkid as hkid_rules
from kiosk.domain.identity import DocumentCheck, TravelDocument
from kiosk.domain.mrz import MrzData, MrzKey

from ...pcsc.apdu import Transport, command, transmit
from ...pcsc.errors import StatusWordError
from ..profile import NOT_THIS_CARD_SW, Card, CardDataError, NotThisCard
from . import lds, passive_auth, sod
from .bac import Bac
from .der import DerError
from .errors import AccessKeyRequired, DocumentForged
from .sm import SecureChannel
from .trust_store import CscaTrustStore

log = logging.getLogger(__name__)

# HKSAR passports are issued under the state code CHN and carry the holder's HKID number in the
# MRZ's personal number field. Only documents from these states have that field read as an HKID.
HKID_STATES = frozenset({"CHN"})


class AccessProtocol(Protocol):
    @property
    def name(self) -> str: ...

    def establish(self, card: Transport, key: MrzKey) -> SecureChannel:
        """Authenticate with `key`; raise WrongAccessKey when the chip refuses it."""


class TrustSource(Protocol):
    def current(self) -> CscaTrustStore: ...


class FixedTrust:
    """A trust store that does not change (tests, or a store loaded once)."""

    def __init__(self, store: CscaTrustStore) -> None:
        self._store = store

    def current(self) -> CscaTrustStore:
        return self._store


def select_application() -> bytes:
    """SELECT the LDS application by AID, no answer data (P2 0C) as ICAO 9303-10 specifies."""
    return command(0x00, 0xA4, 0x04, 0x0C, lds.AID)


class EmrtdProfile:
    """`KeyedCardProfile` for ICAO 9303 chips."""

    name = "icao-emrtd"

    def __init__(
        self,
        trust: TrustSource,
        *,
        access: Sequence[AccessProtocol] | None = None,
        read_face: bool = False,
        hkid_states: frozenset[str] = HKID_STATES,
        now: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
    ) -> None:
        self.trust = trust
        self.access = list(access) if access is not None else [Bac()]
        self.read_face = read_face
        self.hkid_states = hkid_states
        self._now = now

    def matches(self, atr: bytes) -> bool:
        # A contactless reader builds the ATR from the chip's ATS: nothing reliable to filter on.
        return True

    def read(self, card: Card) -> Identity:
        return self.read_with_key(card, None)

    def read_with_key(self, card: Card, key: MrzKey | None) -> Identity:
        response = transmit(card, select_application())
        if response.sw in NOT_THIS_CARD_SW:
            raise NotThisCard(f"SELECT eMRTD AID: SW {response.sw:04X}")
        if not response.ok:
            raise StatusWordError("SELECT eMRTD AID", response.sw)
        if key is None:
            raise AccessKeyRequired("eMRTD chip: the MRZ key is needed")
        channel = self._open(card, key)
        lds.parse_com(lds.read_file(channel, lds.EF_COM))  # checks the chip is sane; groups come from SOD
        raw_dg1 = lds.read_file(channel, lds.DG_FILES[1])
        mrz = lds.parse_dg1(raw_dg1)
        groups = {1: raw_dg1}
        if self.read_face:
            try:
                groups[2] = lds.read_file(channel, lds.DG_FILES[2])
            except lds.FileNotOnChip:
                log.info("%s: no DG2 on this chip", card.reader)
        verdict = self._passive_authentication(channel, groups)
        if verdict.check is DocumentCheck.FORGED:
            raise DocumentForged(verdict.reason, f"signer country {verdict.country or '?'}")
        log.info("%s: eMRTD read, passive authentication %s (%s, %s)",
                 card.reader, verdict.check.value, verdict.reason, verdict.country or "?")
        return self._identity(card.reader, mrz, verdict)

    def _open(self, card: Card, key: MrzKey) -> SecureChannel:
        last: Exception | None = None
        for protocol in self.access:
            try:
                return protocol.establish(card, key)
            except StatusWordError as exc:  # this protocol is not offered; try the next
                last = exc
                log.info("%s: %s not available (%s)", card.reader, protocol.name, exc)
        raise last if last is not None else CardDataError("no access protocol configured")

    def _passive_authentication(self, channel: SecureChannel, groups: dict[int, bytes]) -> passive_auth.Verdict:
        try:
            raw = lds.read_file(channel, lds.EF_SOD)
        except lds.FileNotOnChip:
            return passive_auth.Verdict(DocumentCheck.NOT_VERIFIABLE, passive_auth.NO_SECURITY_OBJECT)
        try:
            security_object = sod.parse(raw)
        except DerError as exc:
            raise CardDataError(f"EF.SOD: {exc}") from exc
        return passive_auth.verify(security_object, groups, self.trust.current(), self._now())

    def _identity(self, reader: str, mrz: MrzData, verdict: passive_auth.Verdict) -> Identity:
        today = self._now().date()
        document = TravelDocument(
            kind=mrz.document_code,
            number=mrz.document_number,
            issuing_state=mrz.issuing_state,
            nationality=mrz.nationality,
            sex=mrz.sex,
            date_of_expiry=mrz.iso_expiry(today),
            check=verdict.check,
            check_reason=verdict.reason,
        )
        return Identity(
            hkid=self._hkid(mrz),
            name_en=mrz.name,
            date_of_birth=mrz.iso_birth(today),
            source=IdentitySource.CARD,
            reader=reader,
            document=document,
        )

    def _hkid(self, mrz: MrzData) -> str:
        """The HKID from the personal number field of documents that carry it; "" otherwise
        (the session then asks the member to type it)."""
        if mrz.issuing_state not in self.hkid_states or not mrz.optional_data:
            return ""
        try:
            return hkid_rules.normalise(mrz.optional_data)
        except ValidationError:
            return ""
