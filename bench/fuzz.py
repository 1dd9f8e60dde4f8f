"""Fuzz the kiosk's QR intake and the platform simulator's API with hostile input; count what happens.

  python bench/fuzz.py [--qr N] [--api N] [--seed S]

QR intake (kiosk/qr, in process): N payloads from a seeded generator: random bytes, random text
with control/format/look-alike characters, payment references with look-alike letters, mutated
(bit-flipped, truncated) genuine prepared codes, and prepared codes *signed with the trusted key*
whose values are hostile (control characters, look-alikes, registration identity claims). Each
goes through QrInterpreter.interpret; a prepared instruction it accepts then goes through
review.for_session for a member who typed their number, and recheck_for_confirm after expiry.
Counted: accepted, refused, crashes (an exception escaping, or an internal error the interpreter
caught: must be 0).

Simulator API (a real subprocess on 127.0.0.1): N requests with hostile bodies to every route
that takes one (signed where the route needs it): deep nesting, lone surrogates, invalid UTF-8,
NaN/1e400, over-size bodies, odd UUID spellings, text outside the policy, random JSON. Counted by
status class; 5xx must be 0; `/admin/instructions` must still answer 200 at the end.

The last line is JSON: {"qr_examples", "qr_refused", "qr_accepted", "qr_crashes", "api_examples",
"api_4xx", "api_2xx", "api_5xx", "api_errors", "seconds"}.
"""

from __future__ import annotations

import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))
sys.path[:] = [p for p in sys.path if os.path.abspath(p or ".") != _HERE]

import argparse  # noqa: E402
import json  # noqa: E402
import logging  # noqa: E402
import random  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
import uuid  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kiosk.domain.identity import Identity  # noqa: E402
from kiosk.domain.model import FormContext  # noqa: E402
from kiosk.domain.text_policy import first_refused  # noqa: E402
from kiosk.qr import (  # noqa: E402
    MemoryNonceStore,
    PaymentReference,
    PlainCode,
    PreparedInstruction,
    QrInterpreter,
    QrRefusal,
)
from kiosk.qr.review import for_session, recheck_for_confirm  # noqa: E402
from tests.support.platform import SimProcess, loopback_session, signed_headers  # noqa: E402
from tests.support.qr import MEMBER, Signer  # noqa: E402

HOSTILE_CHARS = ["\x00", "\x1b", "\u202e", "\u200b", "\u200d", "\u2028", "\u2029", "\ufeff", "\u00ad", "\ue000",
                 "\U000e0001", "\u017f", "\u0131", "\u212a", "Ｓ", "１", "\u0301", "\uf900", "\ud800", "\t", "\n"]
PLAIN = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789 -()@.陳大文"
TYPES = ["CHANGE_PARTICULARS", "MEMBER_REGISTRATION", "FUND_SWITCH", "NOPE"]


def hostile_text(rng: random.Random, length: int = 12) -> str:
    return "".join(rng.choice(HOSTILE_CHARS) if rng.random() < 0.3 else rng.choice(PLAIN) for _ in range(length))


def hostile_values(rng: random.Random) -> dict[str, Any]:
    pick = rng.random()
    if pick < 0.3:
        return {"mobile": "9123" + hostile_text(rng, 4), "language": "en"}
    if pick < 0.5:
        return {"email": hostile_text(rng, 6) + "@example.com", "language": "en"}
    if pick < 0.8:
        return {"name_en": "CHAN " + hostile_text(rng, 6), "date_of_birth": "1970-01-31", "mobile": "91234567",
                "language": "en", "identity_source": rng.choice(["IAMSMART", "CARD_STAFF_CHECKED", "OTHER"])}
    return {"allocation": {hostile_text(rng, 3): 100}}


def qr_example(rng: random.Random, signer: Signer, now: int) -> bytes:
    kind = rng.randrange(6)
    if kind == 0:
        return rng.randbytes(rng.randrange(1, 300))
    if kind == 1:
        return hostile_text(rng, rng.randrange(1, 60)).encode("utf-8", "surrogatepass")
    if kind == 2:
        ref = list("RSD2026112600000042")
        ref[rng.randrange(len(ref))] = rng.choice(HOSTILE_CHARS)
        return "".join(ref).encode("utf-8", "surrogatepass")
    code = signer.code(issued_at=now, lifetime_s=600)
    if kind == 3:  # mutated genuine code
        data = bytearray(code.encode())
        for _ in range(rng.randrange(1, 4)):
            data[rng.randrange(len(data))] = rng.randrange(256)
        return bytes(data)
    if kind == 4:
        return code[: rng.randrange(len(code))].encode()
    type_code = rng.choice(TYPES)
    try:  # signed with the trusted key: only the values are hostile
        return signer.code(type_code, values=hostile_values(rng), issued_at=now, lifetime_s=600).encode()
    except (ValueError, UnicodeEncodeError):  # a lone surrogate cannot even be signed
        return code.encode()


def fuzz_qr(count: int, rng: random.Random) -> Counter[str]:
    signer = Signer()
    now = int(time.time())
    ring = signer.ring()
    nonces = MemoryNonceStore()
    qi = QrInterpreter(lambda: ring, nonces, lambda: float(now))
    typed = Identity(MEMBER)
    counts: Counter[str] = Counter()
    for _ in range(count):
        raw = qr_example(rng, signer, now)
        counts["examples"] += 1
        try:
            result = qi.interpret(raw)
            if isinstance(result, QrRefusal):
                counts["crashes" if result.detail.startswith("internal") else "refused"] += 1
                continue
            if isinstance(result, PreparedInstruction):
                checked = for_session(result, typed, FormContext(member=typed))
                if isinstance(checked, QrRefusal):
                    counts["refused"] += 1
                    continue
                if recheck_for_confirm(checked, float(checked.expires_at), nonces) is None:
                    counts["crashes"] += 1  # an expired code passing the confirm check is a defect too
                    continue
                result = checked
            if _leaks(result):
                counts["crashes"] += 1  # accepted, but holding what the policy refuses: a defect
            counts["accepted"] += 1
            counts[f"accepted_{type(result).__name__}"] += 1
        except Exception:
            counts["crashes"] += 1
    return counts


def _leaks(result: object) -> bool:
    """An accepted result that still holds a refused character, a non-ASCII reference, or an
    identity claim taken from the code."""
    if isinstance(result, PaymentReference):
        return not result.text.isascii()
    if isinstance(result, PlainCode):
        return first_refused(result.text) is not None
    if isinstance(result, PreparedInstruction):
        text = json.dumps(result.values, ensure_ascii=False)
        return first_refused(text) is not None or "identity_source" in result.values
    return True


def api_body(rng: random.Random) -> bytes:
    kind = rng.randrange(10)
    if kind == 0:
        return rng.choice([b"[", b"{\"a\":"]) * rng.randrange(33, 100_000)
    if kind == 1:
        return b'{"code": "\\ud' + rng.choice([b"800", b"c00", b"fff"]) + b'", "device_name": "x"}'
    if kind == 2:
        return rng.randbytes(rng.randrange(1, 2000))
    if kind == 3:
        return b'{"items": [' + rng.choice([b"1e400", b"NaN", b"-Infinity", b"9" * 5000]) + b"]}"
    if kind == 4:
        return b'{"code": "' + b"x" * (1024 * 1024 + rng.randrange(1, 1000)) + b'"}'
    key = uuid.uuid4()
    item: dict[str, Any] = {
        "idempotency_key": rng.choice([str(key), str(key).upper(), "{" + str(key) + "}", "urn:uuid:" + str(key),
                                       key.hex, hostile_text(rng, 36)]),
        "kiosk_ref": rng.choice(["K-1", hostile_text(rng, 8)]), "type": rng.choice(TYPES),
        "member_key": "mk-1", "queued_at": "2026-03-02T10:15:00+08:00",
        "payload": {"member": {"hkid": rng.choice(["A123456(3)", "\u017f123456(7)", hostile_text(rng, 10)]),
                               "name_en": hostile_text(rng, 10), "source": rng.choice(["card", "typed", {}, 1])},
                    "values": hostile_values(rng)},
    }
    text = json.dumps({"items": [item]}, ensure_ascii=rng.random() < 0.5)
    return text.encode("utf-8", "surrogatepass")


def fuzz_api(count: int, rng: random.Random) -> Counter[str]:
    counts: Counter[str] = Counter()
    routes = [("POST", "/v1/devices/enrol"), ("POST", "/v1/instructions/batch"), ("POST", "/v1/iamsmart/sessions"),
              ("POST", "/admin/enrolment-codes"), ("POST", "/admin/iamsmart/scan"),
              ("POST", "/admin/prepared-instructions"), ("POST", "/admin/iamsmart")]
    with tempfile.TemporaryDirectory() as tmp, SimProcess(Path(tmp) / "sim", enrolment_codes=["FUZZ"]) as sim, \
            loopback_session() as http:
        device_id, secret = sim.enrol("FUZZ")
        for _ in range(count):
            method, path = rng.choice(routes)
            body = api_body(rng)
            headers = {"Content-Type": "application/json"}
            if path.startswith("/v1/") and path != "/v1/devices/enrol":
                headers.update(signed_headers(device_id, secret, method, path, body))
            counts["examples"] += 1
            try:
                status = http.request(method, f"{sim.url}{path}", data=body, headers=headers, timeout=10).status_code
            except Exception:
                counts["errors"] += 1
                continue
            counts[f"{status // 100}xx"] += 1
        final = http.get(f"{sim.url}/admin/instructions", timeout=10).status_code
        if final != 200:
            counts["5xx" if final >= 500 else "errors"] += 1
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--qr", type=int, default=5000, help="QR payloads to try (default 5000)")
    parser.add_argument("--api", type=int, default=1000, help="simulator requests to send (default 1000)")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()
    logging.disable(logging.CRITICAL)  # refusals are logged one line each; the counts are the report
    rng = random.Random(args.seed)
    start = time.perf_counter()
    qr = fuzz_qr(args.qr, rng)
    qr_s = time.perf_counter() - start
    print(f"QR intake: {qr['examples']} payloads in {qr_s:.1f} s: {qr['accepted']} accepted, {qr['refused']} refused, "
          f"{qr['crashes']} crashes (accepted: {qr['accepted_PlainCode']} plain text, "
          f"{qr['accepted_PaymentReference']} payment references, {qr['accepted_PreparedInstruction']} prepared)")
    api = fuzz_api(args.api, rng)
    print(f"simulator API: {api['examples']} requests: {api['2xx']} 2xx, {api['4xx']} 4xx, {api['5xx']} 5xx, "
          f"{api['errors']} connection errors")
    print(json.dumps({"qr_examples": qr["examples"], "qr_refused": qr["refused"], "qr_accepted": qr["accepted"],
                      "qr_crashes": qr["crashes"], "api_examples": api["examples"], "api_4xx": api["4xx"],
                      "api_2xx": api["2xx"], "api_5xx": api["5xx"], "api_errors": api["errors"],
                      "seconds": round(time.perf_counter() - start, 1)}))
    return 0 if qr["crashes"] == 0 and api["5xx"] == 0 and api["errors"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
