"""QR payloads: the signed prepared-instruction format, plain codes, refusals, nonces, keys.

Property-based tests (hypothesis) and a seeded fuzz run of QR_FUZZ_COUNT (default 10,000) generated
payloads: the interpreter never raises, and every refusal carries a code and both messages.
"""

from __future__ import annotations

import base64
import json
import os
import random
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.qr import (
    KeyRing,
    MemoryNonceStore,
    PaymentReference,
    PlainCode,
    PreparedInstruction,
    QrInterpreter,
    QrRefusal,
    SqliteNonceStore,
    TrustedKey,
    base45,
    canonical,
)
from kiosk.qr.keys import KeyRingError, load_cached, save_cached
from kiosk.qr.payloads import MAX_PAYLOAD_BYTES
from kiosk.qr.prepared import PREFIX, SIGNING_CONTEXT, subject_for
from kiosk.qr.refusals import CODES
from kiosk.qr.service import QrService
from tests.support.qr import MEMBER, OTHER_MEMBER, Signer, interpreter

FUZZ_COUNT = int(os.environ.get("QR_FUZZ_COUNT", "10000"))


@pytest.fixture(scope="module")
def signer() -> Signer:
    return Signer()


def refused(result: object, code: str) -> QrRefusal:
    assert isinstance(result, QrRefusal), result
    assert result.code == code, (result.code, result.detail)
    assert result.message_zh and result.message_en
    return result


def signed_body(signer: Signer, doc: dict[str, Any], raw: bytes | None = None) -> str:
    """A code whose body is `doc` (or the exact `raw` bytes), correctly signed by `signer`."""
    body = raw if raw is not None else canonical.dumps(doc)
    return PREFIX + base45.encode(body + signer.key.sign(SIGNING_CONTEXT + body))


def good_doc(signer: Signer, **changes: Any) -> dict[str, Any]:
    now = int(time.time())
    nonce = base64.urlsafe_b64encode(os.urandom(16)).decode().rstrip("=")
    doc: dict[str, Any] = {"v": 1, "kid": signer.kid, "typ": "CHANGE_PARTICULARS", "sub": subject_for(nonce, MEMBER),
                           "iat": now, "exp": now + 600, "n": nonce, "val": {"mobile": "91234567"}}
    doc.update(changes)
    return doc


# ---------------------------------------------------------------- base45 and canonical JSON


@pytest.mark.parametrize(("raw", "text"), [(b"AB", "BB8"), (b"Hello!!", "%69 VD92EX0"), (b"base-45", "UJCLQE7W581"),
                                           (b"ietf!", "QED8WEX0"), (b"", "")])
def test_base45_rfc9285_vectors(raw: bytes, text: str) -> None:
    assert base45.encode(raw) == text
    assert base45.decode(text) == raw


@pytest.mark.parametrize("text", ["GGW", "ZZZZ", "a", "A", "AB~", "::::::"])
def test_base45_refuses_invalid_text(text: str) -> None:
    with pytest.raises(base45.Base45Error):
        base45.decode(text)


@given(st.binary(max_size=300))
def test_base45_round_trip(raw: bytes) -> None:
    assert base45.decode(base45.encode(raw)) == raw


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53) + 1, 2**53 - 1) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20)


@given(json_values)
def test_canonical_round_trip(value: Any) -> None:
    assert canonical.loads(canonical.dumps(value)) == value


@pytest.mark.parametrize("raw", [
    b'{"b":1,"a":2}',  # key order
    b'{"a": 1}',  # whitespace
    b'{"a":1,"a":1}',  # duplicate key
    b'{"a":1.5}', b'{"a":1e3}', b'{"a":NaN}', b'{"a":Infinity}',
    b'{"a":"\\u0041"}',  # an escape where the character itself is canonical
    b'[' * 50 + b']' * 50,
    b'\xff', b'', b'{"a":9007199254740993}',
])
def test_canonical_refuses_other_encodings(raw: bytes) -> None:
    with pytest.raises(canonical.CanonicalError):
        canonical.loads(raw)


def test_canonical_brackets_inside_strings_do_not_count_as_nesting() -> None:
    doc = {"address": "[[[[[[[[[[[[{{{{{{{{{{ FLAT A"}
    assert canonical.loads(canonical.dumps(doc)) == doc


# ---------------------------------------------------------------- prepared instructions


def test_prepared_round_trip_and_member_binding(signer: Signer) -> None:
    values = {"mobile": "9123 4567", "address": "九龍彌敦道 1 號 A 室", "language": "zh"}
    qi, _ = interpreter(signer)
    result = qi.interpret(signer.code(values=values).encode())
    assert isinstance(result, PreparedInstruction)
    assert result.type == "CHANGE_PARTICULARS" and result.kid == signer.kid
    assert dict(result.values) == {"mobile": "91234567", "address": "九龍彌敦道 1 號 A 室", "language": "zh"}
    assert result.for_member(MEMBER) and result.for_member("a123456 3")
    assert not result.for_member(OTHER_MEMBER)
    assert not result.for_member("") and not result.for_member("K1234567")  # no HKID number: no match
    assert "9123" not in repr(result)  # values never printed


def test_prepared_code_is_compact_alphanumeric(signer: Signer) -> None:
    text = signer.code()
    assert set(text) <= set(base45.ALPHABET)  # QR alphanumeric mode end to end
    assert len(text) < 400


def test_fund_switch_allocation_survives(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    code = signer.code("FUND_SWITCH", {"scheme_account": "SCH-001234", "allocation": {"CAF": 60, "BOND": "40"}})
    result = qi.interpret(code.encode())
    assert isinstance(result, PreparedInstruction)
    assert result.values["allocation"] == {"CAF": 60, "BOND": 40}


def test_trailing_scanner_newline_is_ignored(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    assert isinstance(qi.interpret(signer.code().encode() + b"\r\n"), PreparedInstruction)


def test_expired_not_yet_valid_and_lifetime(signer: Signer) -> None:
    now = int(time.time())
    qi, _ = interpreter(signer, now=now)
    refused(qi.interpret(signer.code(issued_at=now - 7200, lifetime_s=3600).encode()), "PREPARED_EXPIRED")
    refused(qi.interpret(signer.code(issued_at=now + 3600).encode()), "PREPARED_NOT_YET_VALID")
    # A phone clock a few minutes fast is tolerated.
    assert isinstance(qi.interpret(signer.code(issued_at=now + 120).encode()), PreparedInstruction)
    refused(qi.interpret(signer.code(lifetime_s=8 * 24 * 3600).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, good_doc(signer, exp=now - 1, iat=now)).encode()), "PREPARED_MALFORMED")


def test_unknown_key_wrong_key_and_key_window(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    stranger = Signer("other-9")
    refused(qi.interpret(stranger.code().encode()), "PREPARED_KEY_UNKNOWN")
    impostor = Signer(signer.kid)  # same key id, different key
    refused(qi.interpret(impostor.code().encode()), "PREPARED_SIGNATURE")
    retired = KeyRing([signer.trusted(not_after=time.time() - 86400)])
    qi2 = QrInterpreter(lambda: retired, MemoryNonceStore())
    refused(qi2.interpret(signer.code().encode()), "PREPARED_KEY_UNKNOWN")


@given(st.data())
@settings(max_examples=150, deadline=None)
def test_any_single_character_change_is_refused(data: st.DataObject) -> None:
    signer = Signer()
    qi, _ = interpreter(signer)
    text = signer.code()
    i = data.draw(st.integers(len(PREFIX), len(text) - 1))
    ch = data.draw(st.sampled_from(base45.ALPHABET).filter(lambda c: c != text[i]))
    result = qi.interpret((text[:i] + ch + text[i + 1:]).encode())
    assert isinstance(result, QrRefusal)
    assert result.code in {"PREPARED_SIGNATURE", "PREPARED_MALFORMED", "PREPARED_KEY_UNKNOWN", "PREPARED_VERSION"}


def test_version_and_shape(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    refused(qi.interpret(b"EMPF:P2:ABCDEF"), "PREPARED_VERSION")
    refused(qi.interpret(signed_body(signer, good_doc(signer, v=2)).encode()), "PREPARED_VERSION")
    refused(qi.interpret(b"EMPF:P1:abc"), "PREPARED_MALFORMED")  # lower case is not base45
    refused(qi.interpret(b"EMPF:P1:" + base45.encode(b"x" * 30).encode()), "PREPARED_MALFORMED")
    doc = good_doc(signer)
    spaced = json.dumps(doc, sort_keys=True).encode()  # signed, but not canonical
    refused(qi.interpret(signed_body(signer, doc, raw=spaced).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, {**doc, "extra": 1}).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, {**doc, "val": {"mobile": [[["9"]]]}}).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, {**doc, "val": {"mobile": None}}).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, {**doc, "n": "short"}).encode()), "PREPARED_MALFORMED")
    refused(qi.interpret(signed_body(signer, {**doc, "iat": True}).encode()), "PREPARED_MALFORMED")


def test_content_checked_by_domain_rules(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    refused(qi.interpret(signer.code("NO_SUCH_TYPE").encode()), "PREPARED_TYPE_UNKNOWN")
    bad = refused(qi.interpret(signer.code(values={"mobile": "12345"}).encode()), "PREPARED_INVALID")
    assert "手提電話" in bad.message_zh and "mobile" in bad.message_en  # the field's own message follows
    refused(qi.interpret(signer.code(values={"mobile": "91234567", "favourite": "x"}).encode()), "PREPARED_INVALID")
    refused(qi.interpret(signer.code(values={}).encode()), "PREPARED_INVALID")  # nothing to change


def test_nonce_used_once(signer: Signer, tmp_path: Path) -> None:
    nonces = SqliteNonceStore(tmp_path / "n.sqlite")
    service = QrService(nonces, keys=signer.ring())
    code = signer.code().encode()
    first = service.interpret(code)
    assert isinstance(first, PreparedInstruction)
    assert service.claim(first) is None
    refused(service.interpret(code), "PREPARED_USED")
    refused(service.claim(first), "PREPARED_USED")
    service.release(first)  # queueing failed: usable again
    assert isinstance(service.interpret(code), PreparedInstruction)
    assert service.claim(first) is None
    nonces.close()
    reopened = SqliteNonceStore(tmp_path / "n.sqlite")  # durable across a restart
    assert reopened.used(first.kid, first.nonce)
    reopened.close()


def test_nonce_purge_keeps_recent(tmp_path: Path) -> None:
    now = [1_000_000.0]
    store = SqliteNonceStore(tmp_path / "n.sqlite", clock=lambda: now[0])
    assert store.claim("k", "a" * 22, expires_at=now[0] + 60)
    assert store.claim("k", "b" * 22, expires_at=now[0] - 3 * 86400)
    assert store.purge() == 1
    assert store.used("k", "a" * 22) and not store.used("k", "b" * 22)
    store.close()
    mem = MemoryNonceStore(clock=lambda: now[0])
    assert mem.claim("k", "n", now[0] - 3 * 86400) and not mem.claim("k", "n", 0)
    assert mem.purge() == 1 and not mem.used("k", "n")


def test_key_ring_json_and_cache(signer: Signer, tmp_path: Path) -> None:
    ring = KeyRing([signer.trusted(not_before=5.0)])
    again = KeyRing.from_json(json.loads(json.dumps(ring.to_json())))
    assert again.kids == [signer.kid] and again.get(signer.kid) == signer.trusted(not_before=5.0)
    save_cached(tmp_path / "keys.json", ring)
    assert load_cached(tmp_path / "keys.json").kids == [signer.kid]
    (tmp_path / "bad.json").write_text("{not json")
    assert len(load_cached(tmp_path / "bad.json")) == 0 and len(load_cached(tmp_path / "none.json")) == 0
    for doc in ({"keys": [{"kid": "x", "public_key": "AAAA"}]}, {"keys": [{"kid": "x", "alg": "RSA"}]}, {"keys": 3},
                {"keys": [{"kid": "", "public_key": base64.b64encode(signer.public).decode()}]}):
        with pytest.raises(KeyRingError):
            KeyRing.from_json(doc)


def test_unknown_key_id_refreshes_keys_once(signer: Signer) -> None:
    fetched: list[int] = []

    def fetch() -> dict[str, Any]:
        fetched.append(1)
        return KeyRing([signer.trusted()]).to_json()

    service = QrService(MemoryNonceStore(), fetch_keys=fetch, keys=KeyRing())
    assert isinstance(service.interpret(signer.code().encode()), PreparedInstruction)  # learned on the miss
    stranger = Signer("unknown-7")
    refused(service.interpret(stranger.code().encode()), "PREPARED_KEY_UNKNOWN")
    assert len(fetched) == 1  # the second miss came within a minute: no second fetch


# ---------------------------------------------------------------- other codes


@pytest.mark.parametrize(("raw", "prefix", "digits"), [
    (b"RSD1234567890123456", "RSD", "1234567890123456"),
    (b"BLD 1234 5678 9012 3456", "BLD", "1234567890123456"),
    (b"rsd-1234-5678-9012-3456\r", "RSD", "1234567890123456"),
])
def test_payment_references(signer: Signer, raw: bytes, prefix: str, digits: str) -> None:
    qi, _ = interpreter(signer)
    assert qi.interpret(raw) == PaymentReference(prefix, digits)


@pytest.mark.parametrize("raw", [b"RSD123456789012345", b"BLD12345678901234567", b"RSD1234567890I23456", b"BLD 12"])
def test_payment_reference_lookalikes_are_explained(signer: Signer, raw: bytes) -> None:
    qi, _ = interpreter(signer)
    refused(qi.interpret(raw), "PAYMENT_REF_FORMAT")


@pytest.mark.parametrize("raw", [
    b"https://example.com/pay?x=1", b"000201010211...", b"WIFI:S:shop;T:WPA;P:secret;;", b"BEGIN:VCARD\nEND:VCARD",
    b"\xff\xfe\x00binary", b"", b"   \r\n", b"tab\there", b"x" * 121,
])
def test_not_for_this_kiosk(signer: Signer, raw: bytes) -> None:
    qi, _ = interpreter(signer)
    refused(qi.interpret(raw), "NOT_FOR_KIOSK")


def test_own_receipt_and_iamsmart_codes_are_named(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    refused(qi.interpret(b"EMPFK:K7-2611-0001"), "RECEIPT_CODE")
    refused(qi.interpret(b"IAMSMART-SIM:0123ABCD"), "IAMSMART_CODE")


def test_plain_codes_are_handed_to_forms(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    assert qi.interpret(b"SCH-001234\r\n") == PlainCode("SCH-001234")
    assert qi.interpret("陳大文".encode()) == PlainCode("陳大文")


def test_size_limit_applies_before_parsing(signer: Signer) -> None:
    qi, _ = interpreter(signer)
    big = (PREFIX + "0" * (MAX_PAYLOAD_BYTES * 4)).encode()
    started = time.perf_counter()
    refused(qi.interpret(big), "TOO_LARGE")
    refused(qi.interpret(b"\x00" * 10_000_000), "TOO_LARGE")  # 10 MB of anything: one length check
    assert time.perf_counter() - started < 5  # generous: the point is that nothing walks the bytes
    # The longest body the format allows still fits under the limit.
    values = {"address": "A" * 200, "email": "chan.tai.man.a.very.long.name@example.com", "mobile": "91234567"}
    assert isinstance(qi.interpret(signer.code(values=values).encode()), PreparedInstruction)


# ---------------------------------------------------------------- properties and fuzzing


def check_answer(result: object) -> None:
    assert isinstance(result, PreparedInstruction | PaymentReference | PlainCode | QrRefusal)
    if isinstance(result, QrRefusal):
        assert result.code in CODES, result.code
        assert result.message_zh.strip() and result.message_en.strip()
        assert not result.detail.startswith("internal"), result.detail  # no parser bug was swallowed


@given(st.binary(max_size=2000))
@settings(max_examples=300, deadline=None)
def test_any_bytes_get_an_answer(raw: bytes) -> None:
    qi, _ = interpreter(_SIGNER)
    check_answer(qi.interpret(raw))


@given(st.text(alphabet=base45.ALPHABET, max_size=1500))
@settings(max_examples=300, deadline=None)
def test_any_prepared_looking_text_gets_an_answer(tail: str) -> None:
    qi, _ = interpreter(_SIGNER)
    check_answer(qi.interpret((PREFIX + tail).encode()))


@given(json_values)
@settings(max_examples=300, deadline=None)
def test_signed_garbage_gets_an_answer(doc: Any) -> None:
    # Correctly signed by a trusted key, but any JSON at all: the signature is not a licence to crash.
    qi, _ = interpreter(_SIGNER)
    body = canonical.dumps(doc)
    if len(body) <= 900:
        check_answer(qi.interpret(signed_body(_SIGNER, {}, raw=body).encode()))


_SIGNER = Signer("fuzz-1")


def _fuzz_payload(rng: random.Random, valid: list[str]) -> bytes:
    kind = rng.randrange(9)
    if kind == 0:
        return rng.randbytes(rng.randrange(0, 1800))
    if kind == 1:  # a valid code with bytes flipped, cut or repeated
        raw = bytearray(rng.choice(valid).encode())
        for _ in range(rng.randrange(1, 4)):
            raw[rng.randrange(len(raw))] = rng.randrange(256)
        return bytes(raw)
    if kind == 2:
        text = rng.choice(valid)
        return text[: rng.randrange(len(text))].encode()
    if kind == 3:
        return (PREFIX + "".join(rng.choice(base45.ALPHABET) for _ in range(rng.randrange(0, 1500)))).encode()
    if kind == 4:  # signed JSON with random shapes and types
        doc = good_doc(_SIGNER)
        key = rng.choice([*doc, "x"])
        doc[key] = rng.choice([None, True, -1, 0, 2**60, "", "A" * 40, [], {}, {"a": [1]}, "CHANGE_PARTICULARS"])
        try:
            return signed_body(_SIGNER, doc).encode()
        except canonical.CanonicalError:
            return b""
    if kind == 5:  # signed, with random field values
        values = {rng.choice(["mobile", "email", "address", "language", "allocation", "zzz"]):
                  rng.choice(["", "9" * rng.randrange(12), "x@y.z", "中" * rng.randrange(300), {"CAF": 100}, 7])}
        try:
            return _SIGNER.code(values=values, issued_at=int(time.time()) - rng.randrange(-9000, 9000)).encode()
        except ValueError:
            return b"too big to sign"
    if kind == 6:
        return (rng.choice(["RSD", "BLD", "rsd", "EMPFK:", "IAMSMART-SIM:", "EMPF:P", "https://", "000201"])
                + "".join(rng.choice("0123456789 -ABC") for _ in range(rng.randrange(0, 30)))).encode()
    if kind == 7:
        return "".join(chr(rng.randrange(0, 0x3000)) for _ in range(rng.randrange(0, 200))).encode("utf-8", "replace")
    return rng.choice(valid).encode()


def test_fuzz_interpreter() -> None:
    rng = random.Random(20261126)
    valid = [_SIGNER.code(values={"mobile": f"9{n:07d}"}) for n in range(20)]
    qi, _ = interpreter(_SIGNER)
    outcomes: Counter[str] = Counter()
    for _ in range(FUZZ_COUNT):
        result = qi.interpret(_fuzz_payload(rng, valid))
        check_answer(result)
        outcomes[result.code if isinstance(result, QrRefusal) else type(result).__name__] += 1
    assert sum(outcomes.values()) == FUZZ_COUNT >= 10_000 or "QR_FUZZ_COUNT" in os.environ
    # The run reached deep into the parser, not just the first check.
    for code in ("PreparedInstruction", "PREPARED_SIGNATURE", "PREPARED_MALFORMED", "PREPARED_INVALID", "TOO_LARGE",
                 "NOT_FOR_KIOSK", "PAYMENT_REF_FORMAT"):
        assert outcomes[code] > 0, (code, outcomes)
    print(dict(outcomes))


def test_trusted_key_refuses_garbage_signatures(signer: Signer) -> None:
    key = TrustedKey(signer.kid, signer.public)
    assert not key.verify(b"\x00" * 64, b"msg")
    assert not key.verify(b"short", b"msg")
    assert key.verify(signer.key.sign(b"msg"), b"msg")
