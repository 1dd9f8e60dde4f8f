"""End to end on real parts: a virtual card in the real pcscd, the real UI (offscreen), the real
outbox on disk, the sync worker and the platform simulator over loopback HTTP."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from drivers.virtual.identity_card import UnknownCardApplet
from kiosk import cli
from kiosk.config import KioskConfig
from kiosk.core.state import Screen
from kiosk.services import KioskServices
from tests.support.kiosk import FAST_SYNC, enrolled_services, kiosk_window
from tests.support.sign_in import sign_in_on_kiosk
from tests.support.ui import finish_form, type_into, visible_texts
from ui.main_window import MainWindow

pytestmark = pytest.mark.pcsc


def kiosk_config(data_dir: Path, url: str) -> KioskConfig:
    return KioskConfig(data_dir=data_dir, platform_url=url, sync_interval_s=0.2, backoff_base_s=0.05,
                       backoff_cap_s=0.3, http_timeout_s=3, idle_timeout_s=600)


@pytest.fixture
def services(tmp_path: Path, platform_sim: Any, pcsc_readers: Any) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, **FAST_SYNC)  # the production reader, on pcscd
    svc.start()
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def fill_and_confirm(window: MainWindow, qtbot: QtBot, sim: Any, mobile: str = "91234567") -> str:
    """A change of particulars: the member signs in with a code sent to their mobile, then fills it in."""
    window.menu.buttons["CHANGE_PARTICULARS"].click()
    if not window.session.state.signed_in:
        sign_in_on_kiosk(window, qtbot, sim)
    assert window.session.state.screen is Screen.FORM
    window.form.editors["changes"].choice_buttons["mobile"].click()  # one decision: what to change
    window.form.next_button.click()
    type_into(window, "mobile", mobile)
    finish_form(window)
    assert window.session.state.screen is Screen.REVIEW, window.session.state.errors
    window.review.read_through()  # Confirm waits for the whole review
    window.review.confirm_button.click()
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.RECEIPT, timeout=5000)
    receipt = window.session.state.receipt
    assert receipt is not None
    return receipt.kiosk_ref


def test_card_to_platform_acknowledgement(window: MainWindow, qtbot: QtBot, services: KioskServices,
                                          virtual_card: Any, platform_sim: Any) -> None:
    # A card inserted on the attract screen starts the session and is read.
    virtual_card()
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.MENU, timeout=10_000)
    identity = window.session.state.identity
    assert identity is not None and identity.source.value == "card"
    shown = " ".join(visible_texts(window))
    assert "A12****(*)" in shown and "A123456" not in shown  # identity shown, masked

    ref = fill_and_confirm(window, qtbot, platform_sim)
    row = services.outbox.get(ref)
    assert row is not None  # on disk before the receipt was shown

    qtbot.waitUntil(lambda: services.outbox.get(ref)["state"] == "accepted", timeout=10_000)  # type: ignore[index]
    held = platform_sim.admin_instructions()
    assert len(held) == 1
    assert held[0]["idempotency_key"] == row["idempotency_key"]
    assert held[0]["kiosk_ref"] == ref
    assert held[0]["payload"]["member"]["hkid"] == "A123456(3)"
    assert held[0]["payload"]["values"] == {"mobile": "91234567"}
    assert "sign_in" not in held[0]["payload"]  # checked at delivery, then dropped by the platform
    # ...and the kiosk shows it accepted on the receipt screen.
    qtbot.waitUntil(lambda: "已送達" in window.receipt.delivery.text() or
                    "received" in window.receipt.delivery.text().lower(), timeout=5000)


def test_platform_down_at_confirm_then_back(window: MainWindow, qtbot: QtBot, services: KioskServices,
                                            virtual_card: Any, platform_sim: Any) -> None:
    virtual_card()
    qtbot.waitUntil(lambda: window.session.state.screen is Screen.MENU, timeout=10_000)
    window.menu.buttons["CHANGE_PARTICULARS"].click()
    sign_in_on_kiosk(window, qtbot, platform_sim)  # signed in while the platform answers...
    platform_sim.stop()  # ...then it goes down before the member confirms
    ref = fill_and_confirm(window, qtbot, platform_sim, mobile="98765432")
    assert services.outbox.get(ref)["state"] in ("queued", "sending")  # type: ignore[index]
    qtbot.waitUntil(lambda: services.status().online is False, timeout=10_000)
    platform_sim.start()
    qtbot.waitUntil(lambda: services.outbox.get(ref)["state"] == "accepted", timeout=15_000)  # type: ignore[index]
    held = platform_sim.admin_instructions()
    assert [h["kiosk_ref"] for h in held] == [ref]


def test_unknown_card_gets_a_clear_message(window: MainWindow, qtbot: QtBot, virtual_card: Any) -> None:
    window.attract.start_button.click()
    virtual_card(UnknownCardApplet())
    qtbot.waitUntil(lambda: window.session.state.notice is not None, timeout=10_000)
    assert window.session.state.screen is Screen.IDENTIFY
    zh, en = window.session.state.notice  # type: ignore[misc]
    assert "cannot be used" in en and zh


def test_card_pulled_mid_read_is_an_error_not_a_crash(window: MainWindow, qtbot: QtBot, virtual_card: Any) -> None:
    window.attract.start_button.click()
    virtual_card(remove_after_apdus=3)
    qtbot.waitUntil(lambda: window.session.state.notice is not None, timeout=10_000)
    assert window.session.state.screen is Screen.IDENTIFY
    assert "removed" in window.session.state.notice[1]  # type: ignore[index]
    # The member can go on by typing the number.
    window.identify.keypad.press("A123456(3)")
    window.identify.continue_button.click()
    assert window.session.state.screen is Screen.MENU


def test_doctor_json_lists_the_virtual_reader_and_the_platform(
        tmp_path: Path, platform_sim: Any, pcsc_readers: Any, capsys: pytest.CaptureFixture[str]) -> None:
    data = tmp_path / "kiosk"
    assert cli.main(["enrol", "TEST-CODE-1", "--data-dir", str(data), "--platform-url", platform_sim.url]) == 0
    capsys.readouterr()
    assert cli.main(["--platform-url", platform_sim.url, "--data-dir", str(data), "doctor", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert "Virtual PCD 00 00" in report["readers"]
    assert report["platform"] == {**report["platform"], "url": platform_sim.url, "reachable": True,
                                  "enrolled": True}
    assert report["queue"] == {}
    assert report["database"]["path"] == str(data / "outbox.sqlite")
    assert report["version"]
