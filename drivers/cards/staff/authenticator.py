"""Staff sign-in with the staff card: the `StaffAuthenticator` (kiosk.ports.staff) for SignInMethod.CARD.

1. The card in the named reader is opened exclusively and its certificate read.
2. The certificate must chain to the operator's staff CA (a folder of CA certificates), be valid
   today, and name a staff number, a role (staff, technician) and a shop.
3. The PIN is verified by the card itself, which counts wrong tries (63Cx) and blocks at its limit.
4. The card signs a fresh random challenge; the signature must verify with the certificate's key.
   A card that merely carries a copied certificate fails here.

A wrong PIN is a guess: the refusal `counts`, so the kiosk's own lockout (StaffDesk: after 5 wrong,
a doubling wait) applies on top of the card's counter. The principal carries the reader, so pulling
the card ends the staff session (StaffDesk.card_removed).
"""

from __future__ import annotations

import datetime
import logging
import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from typing import Protocol, TypeVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from kiosk.ports.staff import (
    CardHolder,
    Principal,
    Refused,
    Role,
    SignInAttempt,
    SignInMethod,
    SignInRefused,
    normalise_staff_id,
)

from ...pcsc import tlv
from ...pcsc.channel import CardChannel
from ...pcsc.errors import CardIOError, CardRemovedError, NoCardError, ReaderBusyError
from ..emrtd.trust_store import CscaTrustStore
from ..profile import Card, CardDataError, NotThisCard
from . import card as staff_card
from . import layout

log = logging.getLogger(__name__)


class CaSource(Protocol):
    def current(self) -> CscaTrustStore: ...


OpenCard = Callable[[str], AbstractContextManager[Card]]
_T = TypeVar("_T")


def _open(reader: str) -> AbstractContextManager[Card]:
    return CardChannel.open(reader)


def _refused(code: str, zh: str, en: str, *, counts: bool) -> SignInRefused:
    return SignInRefused(code, zh, en, counts=counts)


NO_CARD = ("STAFF_CARD_MISSING", "請把職員咭插入讀卡器。", "Please insert your staff card into the reader.")
NOT_STAFF_CARD = ("STAFF_CARD_UNKNOWN", "這不是本機的職員咭。", "This is not a staff card for this kiosk.")
UNREADABLE = ("STAFF_CARD_UNREADABLE", "未能讀取職員咭，請重新插入。",
              "The staff card could not be read. Please insert it again.")
UNTRUSTED = ("STAFF_CARD_UNTRUSTED", "此職員咭的證書不獲本機信任，請聯絡營運商。",
             "This staff card's certificate is not trusted here. Please contact the operator.")
EXPIRED = ("STAFF_CARD_EXPIRED", "此職員咭已過期，請聯絡營運商。",
           "This staff card has expired. Please contact the operator.")
BUSY = ("STAFF_CARD_BUSY", "讀卡器忙碌中，請稍候再試。", "The card reader is busy. Please try again.")
BLOCKED = ("STAFF_CARD_BLOCKED", "此職員咭的密碼已被鎖上，請聯絡營運商重設。",
           "This staff card's PIN is blocked. Please ask the operator to reset it.")
PIN_FORMAT = ("STAFF_CARD_PIN_FORMAT", "密碼須為 6 至 12 位數字。", "The PIN must be 6 to 12 digits.")
OTHER_SHOP = ("STAFF_CARD_OTHER_SHOP", "此職員咭屬於另一間分店。", "This staff card belongs to another shop.")
NO_CA = ("STAFF_CARD_NO_CA", "本機未安裝職員咭的核證機構證書，請聯絡技術人員。",
         "No staff card CA is installed on this kiosk. Please call a technician.")


def wrong_pin(tries_left: int) -> SignInRefused:
    if tries_left <= 0:
        return _refused(*BLOCKED, counts=True)
    return _refused("STAFF_CARD_PIN_WRONG", f"密碼不正確。此咭尚餘 {tries_left} 次機會。",
                    f"Wrong PIN. The card allows {tries_left} more tries.", counts=True)


class StaffCardAuthenticator:
    """`StaffAuthenticator` for the staff card. `ca` holds the operator's staff CA certificates
    (e.g. `FolderTrustStore(data_dir / "staff-ca")`); `kiosk_shop` (when set) is the shop this kiosk
    belongs to: staff cards of other shops are refused there, technicians' cards are not."""

    def __init__(
        self,
        ca: CaSource,
        *,
        kiosk_shop: Callable[[], str] = lambda: "",
        open_card: OpenCard = _open,
        random: Callable[[int], bytes] = os.urandom,
        now: Callable[[], datetime.datetime] = lambda: datetime.datetime.now(datetime.UTC),
    ) -> None:
        self.ca = ca
        self._kiosk_shop = kiosk_shop
        self._open = open_card
        self._random = random
        self._now = now

    def methods(self) -> Sequence[SignInMethod]:
        """Offered once the operator's staff CA is installed; until then PIN sign-in stays alone."""
        return (SignInMethod.CARD,) if self.ca.current().all() else ()

    def authenticate(self, attempt: SignInAttempt) -> Principal:
        if attempt.method is not SignInMethod.CARD:
            raise _refused("SIGN_IN_METHOD", "此方法在本機不可用。", "That sign-in method is not available here.",
                           counts=False)
        if not attempt.reader:
            raise _refused(*NO_CARD, counts=False)
        pin = attempt.secret
        if not pin.isdigit() or not 6 <= len(pin) <= 12:
            raise _refused(*PIN_FORMAT, counts=False)  # never sent to the card: not a guess
        return self._with_card(attempt.reader, lambda card: self._authenticate(card, attempt.reader, pin))

    def card_holder(self, reader: str) -> CardHolder:
        """Whose card is in `reader`: its certificate read and checked against the staff CA (valid
        today, role and shop named), no PIN asked and nothing sent that the card counts. The PIN
        pad shows it; signing in still proves the card holds the key and the person its PIN."""
        if not reader:
            raise _refused(*NO_CARD, counts=False)

        def read(card: Card) -> CardHolder:
            staff_card.select(card)
            staff_id, role, shop = _subject(self._trusted_certificate(staff_card.read_certificate(card)))
            kiosk_shop = self._kiosk_shop()
            if role is Role.STAFF and kiosk_shop and shop != kiosk_shop:
                raise _refused(*OTHER_SHOP, counts=False)  # said now, before the PIN is typed in vain
            return CardHolder(staff_id=staff_id, role=role, shop=shop, reader=reader)
        return self._with_card(reader, read)

    def _with_card(self, reader: str, use: Callable[[Card], _T]) -> _T:
        """Open the card in `reader` exclusively for `use`; card and reader trouble become bilingual
        refusals that do not count as guesses."""
        try:
            with self._open(reader) as card:
                return use(card)
        except Refused:
            raise
        except (NoCardError, CardRemovedError):
            raise _refused(*NO_CARD, counts=False) from None
        except ReaderBusyError:
            raise _refused(*BUSY, counts=False) from None
        except NotThisCard:
            raise _refused(*NOT_STAFF_CARD, counts=False) from None
        except (CardIOError, CardDataError, tlv.TlvError) as exc:
            log.info("staff card on %s unreadable: %s", reader, exc)
            raise _refused(*UNREADABLE, counts=False) from None

    def _authenticate(self, card: Card, reader: str, pin: str) -> Principal:
        staff_card.select(card)
        certificate = self._trusted_certificate(staff_card.read_certificate(card))
        staff_id, role, shop = _subject(certificate)
        kiosk_shop = self._kiosk_shop()
        if role is Role.STAFF and kiosk_shop and shop != kiosk_shop:
            raise _refused(*OTHER_SHOP, counts=False)
        try:
            staff_card.verify_pin(card, pin)
        except staff_card.WrongPin as wrong:
            log.info("staff card %s on %s: wrong PIN, %d tries left", staff_id, reader, wrong.tries_left)
            raise wrong_pin(wrong.tries_left) from None
        except staff_card.PinBlocked:
            raise _refused(*BLOCKED, counts=False) from None
        challenge = self._random(layout.CHALLENGE_BYTES)
        signature = staff_card.sign_challenge(card, challenge)
        if not _signature_ok(certificate, signature, layout.signed_message(challenge)):
            log.warning("staff card %s on %s: challenge signature does not verify (copied certificate?)",
                        staff_id, reader)
            raise _refused(*UNTRUSTED, counts=True)
        log.info("staff card %s (%s, shop %s) signed in on %s", staff_id, role.value, shop, reader)
        return Principal(staff_id=staff_id, role=role, shop=shop, method=SignInMethod.CARD, card_reader=reader)

    def _trusted_certificate(self, raw: bytes) -> x509.Certificate:
        try:
            certificate = x509.load_der_x509_certificate(raw)
        except ValueError:
            raise CardDataError("staff certificate is not DER X.509") from None
        store = self.ca.current()
        authorities = store.all()
        if not authorities:
            raise _refused(*NO_CA, counts=False)
        issuer = next((ca for ca in authorities if _issued_by(certificate, ca)), None)
        if issuer is None:
            raise _refused(*UNTRUSTED, counts=True)
        now = self._now()
        for cert in (certificate, issuer):
            if not cert.not_valid_before_utc <= now <= cert.not_valid_after_utc:
                raise _refused(*EXPIRED, counts=False)
        try:
            usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
            if not usage.digital_signature:
                raise _refused(*UNTRUSTED, counts=True)
        except x509.ExtensionNotFound:
            pass
        return certificate


def _issued_by(cert: x509.Certificate, ca: x509.Certificate) -> bool:
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        return False
    return True


def _one(cert: x509.Certificate, oid: x509.ObjectIdentifier) -> str:
    values = cert.subject.get_attributes_for_oid(oid)
    return str(values[0].value).strip() if len(values) == 1 else ""


def _subject(cert: x509.Certificate) -> tuple[str, Role, str]:
    """(staff id, role, shop) from a trusted certificate; refused when any is missing or unknown."""
    try:
        staff_id = normalise_staff_id(_one(cert, layout.STAFF_ID_ATTRIBUTE))
        role = Role(_one(cert, layout.ROLE_ATTRIBUTE).lower())
    except (Refused, ValueError):
        raise _refused(*UNTRUSTED, counts=False) from None
    shop = _one(cert, layout.SHOP_ATTRIBUTE)
    if not shop:
        raise _refused(*UNTRUSTED, counts=False)
    return staff_id, role, shop


def _signature_ok(cert: x509.Certificate, signature: bytes, message: bytes) -> bool:
    key = cert.public_key()
    try:
        if isinstance(key, ec.EllipticCurvePublicKey):
            key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
        elif isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
        else:
            return False
    except InvalidSignature:
        return False
    return True
