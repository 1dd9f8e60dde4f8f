"""Helpers for the member sign-in tests and bench/sign_in.py: a kiosk client on a running simulator,
the simulated phone's SMS inbox, and an instruction as the outbox would hand it to the sync engine."""

from __future__ import annotations

import base64
import datetime as dt
import re
import uuid
from typing import Any

from kiosk.domain.assurance import SignIn
from kiosk.domain.examples import example
from kiosk.ports import OutboxItem
from offline_cache.outbox_rows import new_kiosk_ref
from offline_cache.sign_in_client import MemberPlatformClient
from tests.support.platform import SimProcess, loopback_session

DEMO_HKID = "A123456(3)"  # CHAN TAI MAN, mobile 91234567 in platform_sim/accounts.py
DEMO_MOBILE = "91234567"
OTHER_HKID = "CA182361(1)"  # WONG MEI LING, mobile 61234567
OTHER_MOBILE = "61234567"
NO_ACCOUNT_HKID = "Z683365(A)"

_CODE = re.compile(r"(?<![0-9])([0-9]{6})(?![0-9])")


def kiosk_client(sim: SimProcess, code: str) -> MemberPlatformClient:
    """A kiosk enrolled with `code`, talking to `sim` (loopback only, proxies ignored)."""
    device_id, secret = sim.enrol(code, device_name=f"kiosk-{code}")
    client = MemberPlatformClient(sim.url, lambda: (device_id, base64.b64decode(secret)), timeout_s=5)
    return client


def sms_inbox(sim: SimProcess, mobile: str) -> list[dict[str, Any]]:
    with loopback_session() as s:
        r = s.get(f"{sim.url}/admin/sms", timeout=5)  # no ?to=: the access log would show the number
    r.raise_for_status()
    return [m for m in r.json()["messages"] if m["to"] == f"+852{mobile}"]


def last_code(sim: SimProcess, mobile: str) -> str:
    """The one-time code in the latest SMS to `mobile`, as the member reads it on their phone."""
    messages = sms_inbox(sim, mobile)
    assert messages, f"no SMS to {mobile}"
    match = _CODE.search(messages[-1]["text"])
    assert match is not None, "the SMS holds no 6-digit code"
    return match.group(1)


def sign_in_by_sms(client: MemberPlatformClient, sim: SimProcess, hkid: str = DEMO_HKID,
                   mobile: str = DEMO_MOBILE) -> SignIn:
    challenge = client.sms_start(hkid)
    return client.sms_verify(challenge.challenge_id, last_code(sim, mobile), hkid)


def instruction(type_code: str, hkid: str = DEMO_HKID, sign_in: SignIn | None = None, *,
                source: str = "typed") -> OutboxItem:
    """An instruction of `type_code` for `hkid`, carrying `sign_in`'s assertion when given."""
    values = example(type_code)
    payload: dict[str, Any] = {
        "member": {"hkid": hkid, "name_en": "CHAN TAI MAN", "name_zh": "陳大文", "date_of_birth": "1960-01-01",
                   "source": source},
        "values": values,
    }
    if sign_in is not None:
        payload["sign_in"] = sign_in.assertion
    now = dt.datetime.now(dt.timezone(dt.timedelta(hours=8)))
    return OutboxItem(row_id=1, kiosk_ref=new_kiosk_ref(now.date()), idempotency_key=str(uuid.uuid4()),
                      type=type_code, member_key="m" * 32, payload=payload, queued_at=now.isoformat())


def sign_in_on_kiosk(window: Any, qtbot: Any, sim: SimProcess, mobile: str = DEMO_MOBILE,
                     code: str | None = None) -> None:
    """On the kiosk's sign-in screen (an instruction that needs it was chosen): "Get a one-time
    code", read it from the simulated phone, type it on the number pad, check it. `code` types a
    given code instead (a wrong one); then the caller checks what the screen says."""
    from kiosk.core.state import Screen, SignInPhase

    assert window.session.state.screen is Screen.SIGN_IN
    page = window.page(Screen.SIGN_IN)
    before = len(sms_inbox(sim, mobile))
    if window.session.state.signing_in.phase is not SignInPhase.CODE:
        page.code_button.click()
    qtbot.waitUntil(lambda: window.session.state.signing_in is not None
                    and window.session.state.signing_in.phase is SignInPhase.CODE, timeout=10_000)
    if code is None:
        qtbot.waitUntil(lambda: len(sms_inbox(sim, mobile)) > before, timeout=10_000)
    page.entry.clear()
    page.pad.press(code or last_code(sim, mobile))
    page.check_button.click()
    if code is None:
        qtbot.waitUntil(lambda: window.session.state.signed_in, timeout=10_000)
    else:
        qtbot.waitUntil(lambda: window.session.state.signing_in is None
                        or window.session.state.signing_in.phase is not SignInPhase.CHECKING, timeout=10_000)
