"""A kiosk window on real parts for the account and receipt-check tests: the simulator over HTTP
(--require-sign-in), this kiosk's real SQLite outbox and sync engine, and the member platform
client signed with the same device credentials (a sign-in is bound to the kiosk that delivers)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from devtools.fakes import FakeServices
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Instruction
from kiosk.ports import Receipt
from offline_cache.sign_in_client import MemberPlatformClient
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_MOBILE, last_code
from tests.support.sync import KioskParts


@dataclass
class RealPartsServices(FakeServices):
    """FakeServices whose queue is this kiosk's real outbox and whose platform is the simulator."""

    parts: KioskParts | None = None
    member: MemberPlatformClient | None = None

    @property
    def outbox(self) -> Any:
        assert self.parts is not None
        return self.parts.outbox

    def enqueue(self, instruction: Instruction) -> Receipt:
        assert self.parts is not None
        receipt: Receipt = self.parts.outbox.enqueue(instruction)
        self.enqueued.append(instruction)
        return receipt


def kiosk_on(sim: SimProcess, data: Path) -> tuple[KioskParts, MemberPlatformClient]:
    parts = KioskParts(data, sim.url)
    parts.enrol(sim)
    member = MemberPlatformClient(sim.url, parts.keystore.device_credentials, timeout_s=5)
    return parts, member


def sign_in_by_sms(session: Session, sim: SimProcess, wait: Callable[[Callable[[], bool]], None],
                   mobile: str = DEMO_MOBILE) -> None:
    """From the menu: "Sign in", a code to the mobile, the code read off the simulated phone."""
    session.sign_in_requested()
    assert session.state.screen is Screen.SIGN_IN
    session.code_requested()
    wait(lambda: session.state.signing_in is not None and session.state.signing_in.phase.value == "code")
    session.code_typed(last_code(sim, mobile))
    session.code_submitted()
    wait(lambda: session.state.screen is Screen.ACCOUNT and session.state.account is not None)
