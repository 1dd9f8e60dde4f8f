"""Scanned codes: what they mean and whether to believe them (no Qt, no hardware).

payloads.QrInterpreter is the entry point; prepared.py is the signed prepared-instruction format
(docs/qr-format.md), keys.py the trusted keys, nonces.py the record of codes already used.
"""

from .keys import KeyRing, TrustedKey
from .nonces import MemoryNonceStore, NonceStore, SqliteNonceStore
from .payloads import PaymentReference, PlainCode, QrInterpreter, QrPayload, parse_payment_reference
from .prepared import PreparedInstruction, sign_prepared, verify_prepared
from .refusals import QrRefusal, refusal

__all__ = [
    "KeyRing",
    "MemoryNonceStore",
    "NonceStore",
    "PaymentReference",
    "PlainCode",
    "PreparedInstruction",
    "QrInterpreter",
    "QrPayload",
    "QrRefusal",
    "SqliteNonceStore",
    "TrustedKey",
    "parse_payment_reference",
    "refusal",
    "sign_prepared",
    "verify_prepared",
]
