"""Sign-in and account fetch against the platform simulator, beside a raw round trip.

    .venv/bin/python bench/sign_in.py               # 30 rounds
    .venv/bin/python bench/sign_in.py --rounds 100

What a member waits for between their last tap (the 6th digit of the SMS code) and the account
screen's data: the kiosk's real client (offline_cache/sign_in_client.py, signed requests over one
keep-alive session) verifying the code (`sign_in_ms`), then fetching the account (`account_ms`),
against the real simulator as a subprocess on 127.0.0.1 with --require-sign-in. Asking for the code
and reading it off the simulated phone are not timed (the member is reading their phone then).
The baseline is a raw `requests` GET /health on its own keep-alive session to the same simulator
in the same run: what any round trip costs on this machine. Medians (and p95) of each.
The last line is JSON: sign_in_ms, account_ms, raw_ms, ratio = (sign_in_ms + account_ms) / raw_ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

# Python puts this script's folder first on the path, where bench/queue.py would shadow the standard
# library's queue module (urllib3 imports it): keep bench/ off the path, the repository on it.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != Path(__file__).resolve().parent]
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.support.platform import SimProcess, loopback_session  # noqa: E402
from tests.support.sign_in import DEMO_HKID, DEMO_MOBILE, kiosk_client, last_code  # noqa: E402


def _ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered) * 1000, ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--rounds", type=int, default=30, help="sign-ins measured (default 30)")
    args = p.parse_args()
    rounds = max(1, min(args.rounds, 10_000))
    with tempfile.TemporaryDirectory(prefix="bench-sign-in-") as tmp, \
            SimProcess(Path(tmp) / "sim", enrolment_codes=["BENCH"], extra_args=["--require-sign-in"]) as sim:
        client = kiosk_client(sim, "BENCH")
        raw = loopback_session()
        sign_in_s: list[float] = []
        account_s: list[float] = []
        raw_s: list[float] = []
        try:
            raw.get(f"{sim.url}/health", timeout=5).raise_for_status()  # warm both connections
            client.config()
            for _ in range(rounds):
                challenge = client.sms_start(DEMO_HKID)
                code = last_code(sim, DEMO_MOBILE)
                started = time.perf_counter()
                sign_in = client.sms_verify(challenge.challenge_id, code, DEMO_HKID)
                signed_in = time.perf_counter()
                account = client.account(sign_in)
                done = time.perf_counter()
                assert account.registered and account.schemes, "the account came back empty"
                sign_in_s.append(signed_in - started)
                account_s.append(done - signed_in)
                started = time.perf_counter()
                raw.get(f"{sim.url}/health", timeout=5).raise_for_status()
                raw_s.append(time.perf_counter() - started)
        finally:
            client.close()
            raw.close()
    (sign_in_ms, sign_in_p95), (account_ms, account_p95), (raw_ms, raw_p95) = (
        _ms(sign_in_s), _ms(account_s), _ms(raw_s))
    print(f"rounds: {rounds}")
    print(f"SMS code check (signed POST, HMAC, assertion):  median {sign_in_ms:7.2f} ms  p95 {sign_in_p95:7.2f} ms")
    print(f"account fetch (signed POST, assertion check):   median {account_ms:7.2f} ms  p95 {account_p95:7.2f} ms")
    print(f"raw requests GET /health (baseline):             median {raw_ms:7.2f} ms  p95 {raw_p95:7.2f} ms")
    ratio = (sign_in_ms + account_ms) / raw_ms if raw_ms > 0 else float("inf")
    print(f"last tap to account data: {sign_in_ms + account_ms:.2f} ms = {ratio:.1f} x a raw round trip")
    print(json.dumps({"rounds": rounds, "sign_in_ms": round(sign_in_ms, 3), "account_ms": round(account_ms, 3),
                      "raw_ms": round(raw_ms, 3), "ratio": round(ratio, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
