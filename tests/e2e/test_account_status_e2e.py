"""A member at the kiosk, on real parts: Qt widgets offscreen, the simulator over HTTP on
127.0.0.1 with --require-sign-in, this kiosk's SQLite outbox and sync engine.

Signs in by SMS code (read off the simulated phone), sees the account, gives a fund switch, checks
it by its receipt reference at the attract screen (queued here, then delivered), and cancels it
after signing in again; the platform says cancelled."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.core.effects import AuditMember
from kiosk.core.receipt_check import CheckPhase
from kiosk.core.state import Screen
from kiosk.domain.examples import example
from kiosk.ports.audit import AuditEvent
from tests.support.account import (
    RealPartsServices,
    kiosk_on,
    sign_in_by_sms,
)
from tests.support.platform import SimProcess
from tests.support.sign_in import DEMO_HKID
from tests.support.ui import open_window, visible_texts


@pytest.fixture
def sim(tmp_path: Path) -> Iterator[SimProcess]:
    process = SimProcess(tmp_path / "sim", extra_args=["--require-sign-in"])
    process.start()
    try:
        yield process
    finally:
        process.stop()


def test_sign_in_account_status_and_cancel_of_a_fund_switch(qtbot: QtBot, sim: SimProcess, tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    parts, member = kiosk_on(sim, tmp_path / "kiosk")
    services = RealPartsServices(parts=parts, member=member)
    try:
        with open_window(qtbot, services) as w:
            session = w.session
            seen: list[object] = []  # every effect the session asked for (the audit lines among them)
            session.on_effect(seen.append)

            def wait(condition: Callable[[], bool]) -> None:
                qtbot.waitUntil(condition, timeout=10_000)

            # Signed in by a code to the registered mobile: the account, numbers in full.
            session.start()
            assert session.identify_typed(DEMO_HKID)
            assert session.state.screen is Screen.MENU
            sign_in_by_sms(session, sim, wait)
            page = w.page(Screen.ACCOUNT)
            wait(lambda: "ACC-0001" in " ".join(visible_texts(page)))
            texts = " ".join(visible_texts(page))
            assert "陳大文" in texts and "TVC-0003" in texts and "風險級別" in texts

            # A fund switch, from the member's own account list, confirmed into the real outbox.
            session.back()
            session.choose("FUND_SWITCH")
            assert session.state.screen is Screen.FORM
            assert [c.value for c in session.field_spec("scheme_account").choices][:1] == ["ACC-0001"]
            for name, value in example("FUND_SWITCH").items():
                session.set_field(name, value)
            assert session.submit_form() == [] and session.state.screen is Screen.REVIEW
            w.confirm()
            wait(lambda: session.state.screen is Screen.RECEIPT)
            assert session.state.receipt is not None
            ref = session.state.receipt.kiosk_ref
            session.wipe()

            # At the attract screen, nobody identified: queued at this kiosk, unknown to the platform.
            session.receipt_check_requested()
            status_page = w.page(Screen.STATUS)
            session.receipt_ref_typed(ref.replace("-", ""))
            session.receipt_lookup_submitted()
            wait(lambda: session.state.receipt_check is not None
                 and session.state.receipt_check.phase is CheckPhase.SHOWN)
            view = session.state.receipt_check
            assert view.status is None and view.local is not None and view.local.state == "queued"
            wait(lambda: "本服務機：在本服務機排隊等待發送" in visible_texts(status_page))

            # Delivered (the platform checks the sign-in it carries), then checked again.
            assert parts.engine.drain().failed is False
            session.back()
            session.receipt_lookup_submitted()
            wait(lambda: session.state.receipt_check.phase is CheckPhase.SHOWN)
            view = session.state.receipt_check
            assert view.status is not None and view.status.status == "received" and view.status.cancellable
            assert view.local is not None and view.local.state == "accepted"

            # Cancel needs the member: identify, sign in again, on from the account's list.
            session.receipt_cancel_requested()
            assert session.state.screen is Screen.IDENTIFY
            assert session.identify_typed(DEMO_HKID)
            sign_in_by_sms(session, sim, wait)
            account_page = w.page(Screen.ACCOUNT)
            wait(lambda: ref in account_page.instruction_buttons)
            account_page.instruction_buttons[ref].click()
            wait(lambda: session.state.screen is Screen.STATUS
                 and session.state.receipt_check.phase is CheckPhase.SHOWN)
            session.receipt_cancel_requested()
            assert session.state.receipt_check.phase is CheckPhase.CONFIRM_CANCEL
            wait(lambda: "16:00" in " ".join(visible_texts(status_page)))  # the cut-off, said before asking
            status_page.yes_button.click()
            wait(lambda: session.state.receipt_check.phase is CheckPhase.SHOWN)
            assert session.state.receipt_check.status.status == "cancelled"
            assert session.state.notice is not None and "cancelled" in session.state.notice[1]
            audits = [e for e in seen if isinstance(e, AuditMember)
                      and e.event == AuditEvent.MEMBER_CANCELLED.value]
            assert len(audits) == 1 and ref not in repr(audits[0]) and "A123456" not in repr(audits[0])
        assert member.receipt_status(ref).status == "cancelled"  # the platform says so to anyone
    finally:
        member.close()
        parts.close()
