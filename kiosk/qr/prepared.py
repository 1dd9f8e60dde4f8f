"""Prepared instructions: a signed, versioned, compact payload a helper's app puts in a QR code.

Text in the code:  EMPF:P1:<base45(body || signature)>

body is canonical JSON (kiosk/qr/canonical.py) of exactly these members:
  v    1                                   format version (also in the prefix, but signed here)
  kid  key id, <= 32 characters            which platform key signed it
  typ  instruction type code               e.g. CHANGE_PARTICULARS
  sub  member binding (22 characters)      base64url(SHA-256(SUB_CONTEXT || nonce || HKID)[:16])
  iat  issued at, unix seconds
  exp  expires at, unix seconds            at most MAX_LIFETIME_S after iat
  n    nonce (22 characters)               base64url of 16 random bytes
  val  object                              the instruction's field values, as a member would type them
                                           (text, integers, true/false, lists/objects two levels deep)
signature is Ed25519 (64 bytes) over SIGNING_CONTEXT || body.

The kiosk believes nothing in it until the signature is verified, then checks time and nonce, then
runs the values through the same domain rules as a typed form. docs/qr-format.md is the full story.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.domain import ValidationError, get_type, validate
from kiosk.domain import hkid as hkid_rules
from kiosk.domain.model import InstructionType

from . import base45, canonical
from .keys import KeyRing
from .nonces import NonceStore
from .refusals import QrRefusal, refusal

PREFIX = "EMPF:P1:"
VERSION_PREFIX = "EMPF:P"  # any version: a newer one gets "version not supported", not "not for this kiosk"
VERSION = 1
SIGNING_CONTEXT = b"EMPF-PREPARED-INSTRUCTION/1\x00"
SUB_CONTEXT = b"EMPF-PREPARED-SUBJECT/1\x00"
SIGNATURE_BYTES = 64
MAX_BODY_BYTES = 900
MAX_TEXT_CHARS = len(PREFIX) + (MAX_BODY_BYTES + SIGNATURE_BYTES) * 3 // 2 + 2
MAX_LIFETIME_S = 7 * 24 * 3600
CLOCK_SKEW_S = 300  # a phone or kiosk clock a few minutes off must not refuse a fresh code
_MEMBERS = frozenset({"v", "kid", "typ", "sub", "iat", "exp", "n", "val"})


@dataclass(frozen=True)
class PreparedInstruction:
    """A verified prepared instruction; `values` are clean (domain-validated) values."""

    kid: str
    type: str
    values: Mapping[str, Any] = field(repr=False)
    issued_at: int
    expires_at: int
    nonce: str
    subject: str = field(repr=False)

    def for_member(self, hkid: str) -> bool:
        """Was this prepared for the member with this HKID number? False for anything that is not
        one (a member identified by a passport without an HKID number cannot match)."""
        try:
            mine = subject_for(self.nonce, hkid)
        except ValidationError:
            return False
        return hmac.compare_digest(mine, self.subject)


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _unb64url(text: str) -> bytes:
    if len(text) != 22 or not text.isascii():
        raise ValueError("expected 22 base64url characters")
    try:
        return base64.urlsafe_b64decode(text + "==")
    except (binascii.Error, ValueError):
        raise ValueError("not base64url") from None


def subject_for(nonce: str, hkid: str) -> str:
    """The member binding: ties a code to one member without writing their HKID number in it."""
    canonical_hkid = hkid_rules.normalise(hkid)
    digest = hashlib.sha256(SUB_CONTEXT + nonce.encode("ascii") + canonical_hkid.encode("ascii")).digest()
    return _b64url(digest[:16])


def sign_prepared(
    instruction_type: str,
    values: Mapping[str, Any],
    hkid: str,
    key: Ed25519PrivateKey,
    kid: str,
    issued_at: int,
    lifetime_s: int = 24 * 3600,
    nonce: str | None = None,
) -> str:
    """The QR text for a prepared instruction (what the platform's helper tools do; the kiosk only
    verifies). Raises ValueError when the body would exceed MAX_BODY_BYTES."""
    n = nonce if nonce is not None else _b64url(secrets.token_bytes(16))
    body = canonical.dumps({
        "v": VERSION, "kid": kid, "typ": instruction_type, "sub": subject_for(n, hkid),
        "iat": issued_at, "exp": issued_at + lifetime_s, "n": n, "val": dict(values),
    })
    if len(body) > MAX_BODY_BYTES:
        raise ValueError(f"prepared instruction body is {len(body)} bytes; the limit is {MAX_BODY_BYTES}")
    return PREFIX + base45.encode(body + key.sign(SIGNING_CONTEXT + body))


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _shape_problem(doc: Any) -> str | None:
    """What is wrong with the body's shape, or None. Names members, never their content."""
    if not isinstance(doc, dict):
        return "body is not an object"
    if set(doc) != _MEMBERS:
        return "members missing or unexpected"
    # Key ids and type codes are compared as they are: ASCII only, so no look-alike can match one.
    if not (isinstance(doc["kid"], str) and 0 < len(doc["kid"]) <= 32 and doc["kid"].isascii()):
        return "kid"
    if not (isinstance(doc["typ"], str) and 0 < len(doc["typ"]) <= 40 and doc["typ"].isascii()):
        return "typ"
    for name in ("sub", "n"):
        try:
            _unb64url(doc[name]) if isinstance(doc[name], str) else _unb64url("")
        except ValueError:
            return name
    if not (_is_int(doc["iat"]) and _is_int(doc["exp"]) and doc["iat"] > 0):
        return "iat/exp"
    if not isinstance(doc["val"], dict) or not all(_plain_value(v) for v in doc["val"].values()):
        return "val"
    return None


def _plain_value(value: Any, depth: int = 0) -> bool:
    """Field values are text (as typed), whole numbers, yes/no, or lists and objects of those at
    most two levels deep (choices ticked, a fund allocation, rows of a table). The domain rules
    check what they mean; this only keeps odd shapes out."""
    if isinstance(value, str | bool) or _is_int(value):
        return True
    if depth >= 2:
        return False
    if isinstance(value, list):
        return all(_plain_value(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_plain_value(v, depth + 1) for v in value.values())
    return False


def verify_prepared(text: str, keys: KeyRing, nonces: NonceStore, now: float) -> PreparedInstruction | QrRefusal:
    """Check a code's text from the prefix on; never raises for any input string."""
    if not text.startswith(PREFIX):
        return refusal("PREPARED_VERSION" if text.startswith(VERSION_PREFIX) else "NOT_FOR_KIOSK", "prefix")
    if len(text) > MAX_TEXT_CHARS:
        return refusal("TOO_LARGE", f"{len(text)} characters")
    try:
        blob = base45.decode(text[len(PREFIX):])
    except base45.Base45Error:
        return refusal("PREPARED_MALFORMED", "base45")
    if len(blob) <= SIGNATURE_BYTES or len(blob) - SIGNATURE_BYTES > MAX_BODY_BYTES:
        return refusal("PREPARED_MALFORMED", "length")
    body, signature = blob[:-SIGNATURE_BYTES], blob[-SIGNATURE_BYTES:]
    try:
        doc = canonical.loads(body)
    except canonical.CanonicalError as e:
        return refusal("PREPARED_MALFORMED", f"body: {e}")
    if isinstance(doc, dict) and doc.get("v") != VERSION:
        return refusal("PREPARED_VERSION", "v")
    problem = _shape_problem(doc)
    if problem is not None:
        return refusal("PREPARED_MALFORMED", problem)
    key = keys.get(doc["kid"])
    if key is None:
        return refusal("PREPARED_KEY_UNKNOWN", f"kid {doc['kid']!r}")
    # Nothing below is believed before this line: the signature covers every byte of the body.
    if not key.verify(signature, SIGNING_CONTEXT + body):
        return refusal("PREPARED_SIGNATURE", f"kid {doc['kid']!r}")
    issued, expires = doc["iat"], doc["exp"]
    if not key.covers(issued):
        return refusal("PREPARED_KEY_UNKNOWN", f"kid {doc['kid']!r} not valid at iat")
    if expires <= issued or expires - issued > MAX_LIFETIME_S:
        return refusal("PREPARED_MALFORMED", "lifetime")
    if now + CLOCK_SKEW_S < issued:
        return refusal("PREPARED_NOT_YET_VALID", f"iat {issued - now:.0f} s ahead")
    if now >= expires:
        return refusal("PREPARED_EXPIRED", f"{now - expires:.0f} s ago")
    if nonces.used(doc["kid"], doc["n"]):
        return refusal("PREPARED_USED", "nonce")
    try:
        itype = get_type(doc["typ"])
    except ValidationError:
        return refusal("PREPARED_TYPE_UNKNOWN", "typ")
    unknown = set(doc["val"]) - {spec.name for spec in itype.fields}
    if unknown:
        return refusal("PREPARED_INVALID", "unknown fields",
                       ("內容包含本自助服務站不認識的項目。", "it holds items this kiosk does not know."))
    # What the kiosk's own flow sets (how the identity was checked) is never taken from a code,
    # signed or not; rules that read it wait for the member (kiosk/qr/member_check.py).
    flow = flow_fields(itype)
    values = {k: v for k, v in doc["val"].items() if k not in flow}
    clean, errors = validate(itype, values)
    errors = [e for e in errors if not _waits_for_member(itype, e.code, flow)]
    if errors:
        first = errors[0]
        return refusal("PREPARED_INVALID", f"{first.code} {first.field}", (first.message_zh, first.message_en))
    return PreparedInstruction(
        kid=doc["kid"], type=itype.code,
        values={k: v for k, v in clean.items() if v is not None and k not in flow},
        issued_at=issued, expires_at=expires, nonce=doc["n"], subject=doc["sub"])


def flow_fields(itype: InstructionType) -> frozenset[str]:
    """Fields on none of the type's steps: the kiosk's flow sets them (a registration's
    `identity_source` and `iamsmart_ref`, from how the member identified), never a code."""
    asked = {name for step in itype.plan() for name in step.fields}
    return frozenset(spec.name for spec in itype.fields if spec.name not in asked)


def _waits_for_member(itype: InstructionType, code: str, flow: frozenset[str]) -> bool:
    """An error of a rule that reads a flow field: judged once the member is known, not before."""
    return any(code in rule.codes and flow & set(rule.fields) for rule in itype.rules)
