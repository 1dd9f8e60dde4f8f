"""What a scanned code is: the one entry point from raw bytes to something the session can use.

`QrInterpreter.interpret(raw)` never raises. It returns one of
- PreparedInstruction: verified signature, time and nonce; values checked by the domain rules;
- PaymentReference: an employer payment reference (RSD or BLD and 16 digits);
- PlainCode: short printable text a form field may accept (the form's own rules decide);
- QrRefusal: why not, in both languages ("this code is not for this kiosk" for anything unknown).
The size limit is applied to the raw bytes before anything else looks at them.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from kiosk.domain import text_policy

from .keys import KeyRing
from .nonces import NonceStore
from .prepared import MAX_TEXT_CHARS, VERSION_PREFIX, PreparedInstruction, verify_prepared
from .refusals import QrRefusal, refusal

log = logging.getLogger(__name__)

MAX_PAYLOAD_BYTES = MAX_TEXT_CHARS + 16  # room for a scanner's prefix/suffix characters
MAX_PLAIN_CHARS = 120  # the longest form field a plain code can fill
RECEIPT_PREFIX = "EMPFK:"  # the kiosk's own receipt code (ui/qr.py)

# RSD/BLD and 16 digits; printed references are often grouped with spaces or hyphens.
_PAYMENT = re.compile(r"^(RSD|BLD)[ -]?((?:[0-9][ -]?){15}[0-9])$")
_PAYMENT_LIKE = re.compile(r"^(RSD|BLD)[ -]?[0-9]", re.IGNORECASE)
_RECEIPT_REF = re.compile(r"^[A-Z0-9-]{4,40}$")
# Codes people will hold up that are certainly not ours; named in the log to help support staff.
_FOREIGN = (
    (re.compile(r"^[a-z][a-z0-9+.-]*://", re.IGNORECASE), "url"),
    (re.compile(r"^000201"), "emvco-payment"),  # FPS and card-scheme payment codes
    (re.compile(r"^WIFI:", re.IGNORECASE), "wifi"),
    (re.compile(r"^BEGIN:VCARD", re.IGNORECASE), "vcard"),
)
IAMSMART_PREFIX = "IAMSMART-SIM:"  # the simulator's iAM Smart login code (platform_sim/iamsmart.py)


@dataclass(frozen=True)
class PaymentReference:
    prefix: str  # "RSD" or "BLD"
    digits: str  # 16 digits

    @property
    def text(self) -> str:
        return self.prefix + self.digits


@dataclass(frozen=True)
class PlainCode:
    text: str = field(repr=False)  # might be anything a member carries: not printed


QrPayload = PreparedInstruction | PaymentReference | PlainCode


def parse_payment_reference(text: str) -> PaymentReference | None:
    """The reference in `text`, or None. ASCII is required before upper-casing: "rſd" (U+017F)
    upper-cases to "RSD" and must not read as a genuine reference."""
    text = text.strip()
    if not text.isascii():
        return None
    m = _PAYMENT.match(text.upper())
    if not m:
        return None
    return PaymentReference(m.group(1), re.sub(r"[ -]", "", m.group(2)))


class QrInterpreter:
    def __init__(self, keys: Callable[[], KeyRing], nonces: NonceStore,
                 clock: Callable[[], float] = time.time) -> None:
        self._keys = keys  # a callable: the ring is swapped when the platform publishes new keys
        self._nonces = nonces
        self._clock = clock

    def interpret(self, raw: bytes) -> QrPayload | QrRefusal:
        try:
            result = self._interpret(raw)
        except Exception as e:  # a parser bug must cost one code, never the kiosk
            log.exception("QR interpretation failed")
            return refusal("NOT_FOR_KIOSK", f"internal {type(e).__name__}")
        if isinstance(result, QrRefusal):
            log.info("QR code refused: %s (%s)", result.code, result.detail)
        return result

    def _interpret(self, raw: bytes) -> QrPayload | QrRefusal:
        if len(raw) > MAX_PAYLOAD_BYTES:
            return refusal("TOO_LARGE", f"{len(raw)} bytes")
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            return refusal("NOT_FOR_KIOSK", "binary")
        text = text.strip()
        if not text:
            return refusal("NOT_FOR_KIOSK", "empty")
        try:  # the text policy (kiosk/domain/text_policy.py): NFC, no control or format characters
            text = text_policy.clean_text(text)
        except text_policy.TextPolicyError as e:
            return refusal("NOT_FOR_KIOSK", f"text policy {e.detail}")
        if text.startswith(VERSION_PREFIX):
            return verify_prepared(text, self._keys(), self._nonces, self._clock())
        if text.startswith(RECEIPT_PREFIX):
            ref = text[len(RECEIPT_PREFIX):]
            return refusal("RECEIPT_CODE" if _RECEIPT_REF.match(ref) else "NOT_FOR_KIOSK", "receipt")
        if text.startswith(IAMSMART_PREFIX):
            return refusal("IAMSMART_CODE", "iamsmart")
        payment = parse_payment_reference(text)
        if payment is not None:
            return payment
        if _PAYMENT_LIKE.match(text):  # IGNORECASE also takes "ſ" for "s": a look-alike is refused here
            return refusal("PAYMENT_REF_FORMAT", "payment-like")
        for pattern, name in _FOREIGN:
            if pattern.match(text):
                return refusal("NOT_FOR_KIOSK", name)
        if len(text) > MAX_PLAIN_CHARS:
            return refusal("NOT_FOR_KIOSK", "plain text unusable")
        return PlainCode(text)
