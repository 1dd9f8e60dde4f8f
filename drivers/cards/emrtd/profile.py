"""The ICAO 9303 eMRTD profile: ePassports and ICAO-compliant ID cards (e.g. HKSAR passports).

SELECT the LDS application in plain; without a key, stop there and ask for one (the chip says
nothing more without it). With the MRZ key: PACE where EF.CardAccess offers it, else (or when PACE
fails) BAC; then over secure messaging EF.COM, DG14 and Chip Authentication where the chip offers
it, DG1 (the MRZ), optionally DG2 (the face), EF.SOD and DG15; passive authentication against the
CSCA trust store; Active Authentication when CA did not already prove the chip. `chip_check`
combines both into the verdict.
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
from . import aa, ca, lds, passive_auth, security_infos, sod
from .bac import Bac
from .chip_check import CHIP_AUTH_DATA_MISSING, CHIP_NOT_GENUINE, ChipCheck, ChipVerdict, combine
from .der import DerError
from .errors import AccessKeyRequired, DocumentForged, WrongAccessKey
from .pace import Pace, PaceFailed, PaceNotOffered
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
        self.access: list[AccessProtocol] = list(access) if access is not None else [Pace(), Bac()]
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
        com = lds.parse_com(lds.read_file(channel, lds.EF_COM))
        groups: dict[int, bytes] = {}
        chip = ChipVerdict(ChipCheck.NOT_OFFERED)
        if 14 in com.data_groups:  # CA first, so the rest is read under the chip's own keys
            chip = self._chip_authentication(channel, groups, card.reader)
        raw_dg1 = lds.read_file(channel, lds.DG_FILES[1])
        mrz = lds.parse_dg1(raw_dg1)
        groups[1] = raw_dg1
        if self.read_face:
            try:
                groups[2] = lds.read_file(channel, lds.DG_FILES[2])
            except lds.FileNotOnChip:
                log.info("%s: no DG2 on this chip", card.reader)
        security_object = self._security_object(channel)
        listed = set(security_object.data_group_hashes) if security_object is not None else set()
        for number in sorted({14, 15} & listed - set(groups)):  # EF.COM need not be honest; EF.SOD is signed
            try:
                groups[number] = lds.read_file(channel, lds.DG_FILES[number])
            except lds.FileNotOnChip as exc:
                raise DocumentForged(CHIP_AUTH_DATA_MISSING, f"DG{number} listed in EF.SOD") from exc
        if 14 in groups and 14 not in com.data_groups:  # DG14 that EF.COM did not announce
            chip = self._chip_authentication(channel, groups, card.reader)
        verdict = self._passive_authentication(security_object, groups)
        if verdict.check is not DocumentCheck.FORGED and not chip.proven and 15 in groups:
            chip = self._active_authentication(channel, groups, card.reader)
        verdict = combine(verdict, chip)
        if verdict.check is DocumentCheck.FORGED:
            raise DocumentForged(verdict.reason, f"signer country {verdict.country or '?'}")
        log.info("%s: eMRTD read, document %s (%s, %s), chip %s",
                 card.reader, verdict.check.value, verdict.reason, verdict.country or "?", chip.check.value)
        return self._identity(card.reader, mrz, verdict)

    def _open(self, card: Card, key: MrzKey) -> SecureChannel:
        """The first access protocol that works. PACE not offered or failed: BAC, as ICAO 9303-11
        4.2 allows; a wrong key stays a wrong key unless another protocol opens the chip."""
        failures: list[Exception] = []
        for number, protocol in enumerate(self.access):
            if number:  # the previous protocol may have left the master file or a half session
                transmit(card, select_application())
            try:
                return protocol.establish(card, key)
            except (StatusWordError, PaceNotOffered, PaceFailed, WrongAccessKey) as exc:
                failures.append(exc)
                log.info("%s: %s did not open the chip (%s)", card.reader, protocol.name, exc)
        wrong = [exc for exc in failures if isinstance(exc, WrongAccessKey)]
        if wrong:
            raise wrong[-1]
        raise failures[-1] if failures else CardDataError("no access protocol configured")

    def _security_infos(self, groups: dict[int, bytes]) -> security_infos.SecurityInfos | None:
        if 14 not in groups:
            return None
        try:
            return security_infos.parse_dg14(groups[14])
        except DerError as exc:  # passive authentication decides whether DG14 was tampered with
            log.warning("DG14 unreadable (%s)", exc)
            return None

    def _chip_authentication(self, channel: SecureChannel, groups: dict[int, bytes], reader: str) -> ChipVerdict:
        if 14 not in groups:
            try:
                groups[14] = lds.read_file(channel, lds.DG_FILES[14])
            except lds.FileNotOnChip:
                return ChipVerdict(ChipCheck.NOT_OFFERED)
        infos = self._security_infos(groups)
        pair = infos.chip_authentication_pair() if infos is not None else None
        if pair is None:
            return ChipVerdict(ChipCheck.NOT_OFFERED)
        outcome = ca.authenticate(channel, *pair)
        log.info("%s: chip authentication %s (%s)", reader, outcome.result.value, outcome.reason)
        if outcome.result is not ca.CaResult.PASSED:
            # The session keys are gone; this chip is not the one whose key DG14 holds.
            raise DocumentForged(CHIP_NOT_GENUINE, f"chip authentication {outcome.reason}")
        return ChipVerdict(ChipCheck.CHIP_AUTHENTICATION, "ok")

    def _active_authentication(self, channel: SecureChannel, groups: dict[int, bytes], reader: str) -> ChipVerdict:
        infos = self._security_infos(groups)
        algorithm = infos.active_authentication_signature if infos is not None else None
        outcome = aa.authenticate(channel, groups[15], algorithm)
        log.info("%s: active authentication %s (%s)", reader, outcome.result.value, outcome.reason)
        if outcome.result is aa.AaResult.PASSED:
            return ChipVerdict(ChipCheck.ACTIVE_AUTHENTICATION, "ok")
        if outcome.result is aa.AaResult.FAILED:
            return ChipVerdict(ChipCheck.FAILED, CHIP_NOT_GENUINE)
        return ChipVerdict(ChipCheck.NOT_OFFERED)

    def _security_object(self, channel: SecureChannel) -> sod.SecurityObject | None:
        try:
            raw = lds.read_file(channel, lds.EF_SOD)
        except lds.FileNotOnChip:
            return None
        try:
            return sod.parse(raw)
        except DerError as exc:
            raise CardDataError(f"EF.SOD: {exc}") from exc

    def _passive_authentication(self, security_object: sod.SecurityObject | None,
                                groups: dict[int, bytes]) -> passive_auth.Verdict:
        if security_object is None:
            return passive_auth.Verdict(DocumentCheck.NOT_VERIFIABLE, passive_auth.NO_SECURITY_OBJECT)
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
