"""The doctor's words in the panel's language: every check and every staff-dashboard tile has its
details in 繁體中文 beside the English (简体中文 converted from them); `kiosk doctor` keeps printing
English and `--json` carries both; the staff dashboard on real widgets (real services, the
platform simulator on loopback) shows the member's/staff's language, not English on a Chinese screen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from devtools.fakes import FakeCardReader
from kiosk import cli, doctor
from kiosk.doctor import Check, Status
from kiosk.services import KioskServices
from kiosk.simplified import to_simplified
from tests.kiosk.test_doctor import enrolled_kiosk, inputs_for
from tests.support.kiosk import enrolled_services, kiosk_window, panel_of, sign_in_with_pin
from tests.support.platform import SimProcess
from ui.main_window import MainWindow
from ui.staff.dashboard import short_detail

HAN = re.compile("[\u3400-\u9fff]")
WAIT_MS = 10_000
# English words of the doctor's details that must not show on a Chinese dashboard.
ENGLISH = re.compile(r"\b(waiting|rejected|free|configured|scanner|camera|none|online|offline|checking)\b")


def nothing_there(tmp_path: Path) -> Callable[[], list[str]]:
    return lambda: [str(tmp_path / "no-such-port")]


def probes(tmp_path: Path) -> list[Callable[[], Check]]:
    def exploding() -> Check:
        raise OSError("device gone")
    return [doctor.scanner_probe(lambda: []), doctor.camera_probe(str(tmp_path / "video*")),
            doctor.scanner_probe(nothing_there(tmp_path)), exploding]


def assert_bilingual(c: Check) -> None:
    assert c.summary_zh, c.name
    assert c.text("en") == c.summary and c.text("zh_HK") == c.summary_zh
    assert c.text("zh_CN") == to_simplified(c.summary_zh)
    words_only = c.summary_zh.replace("、", ", ") != c.summary  # a list of device names reads the same
    if words_only:
        assert HAN.search(c.summary_zh), (c.name, c.summary_zh)


def test_a_healthy_kiosk_speaks_both(tmp_path: Path, platform_sim: SimProcess) -> None:
    data = enrolled_kiosk(tmp_path, platform_sim)
    report = doctor.run(inputs_for(data, platform_sim.url, device_probes=probes(tmp_path)))
    names = {c.name for c in report.checks}
    assert names >= {"versions", "card_readers", "platform", "enrolment", "clock", "disk", "database", "queue",
                     "audit_log", "qr_scanner", "camera", "exploding"}
    for c in report.checks:
        assert_bilingual(c)
    assert report.check("enrolment").text("zh_HK") == "本機已登記"
    assert report.check("exploding").text("zh_HK") == "未能檢查：OSError: device gone"
    assert report.check("camera").text("zh_CN").startswith("没有镜头")


def test_a_failing_kiosk_speaks_both(tmp_path: Path) -> None:
    def no_pcsc() -> list[str]:
        raise RuntimeError("EstablishContextException 0x8010001D")
    report = doctor.run(inputs_for(tmp_path, "http://127.0.0.1:9", readers=no_pcsc, settings_problem="bad value",
                                   disk_fail_bytes=10**18))
    got = {c.name: c.status for c in report.checks}
    assert got["platform"] is Status.FAIL and got["disk"] is Status.FAIL and got["settings"] is Status.WARN
    for c in report.checks:
        assert_bilingual(c)
    assert "沒有回應" in report.check("platform").summary_zh
    assert "佇列不再接收新指示" in report.check("disk").summary_zh


def test_quick_health_tiles_have_chinese_details(tmp_path: Path) -> None:
    items = doctor.quick_health(readers=lambda: [], online=None, queue={"queued": 2, "rejected": 1},
                                data_dir=tmp_path, probes=probes(tmp_path)[:2])
    by_key = {i.key: i for i in items}
    assert [i.key for i in items] == ["reader", "scanner", "camera", "network", "disk", "queue"]
    assert by_key["queue"].text("zh_HK") == "2 項等待傳送，1 項被拒絕"
    assert by_key["queue"].text("en") == "2 waiting, 1 rejected"
    assert by_key["queue"].text("zh_CN") == "2 项等待传送，1 项被拒绝"
    assert by_key["reader"].text("zh_HK") == "沒有讀卡器" and by_key["reader"].detail == "none"
    assert by_key["network"].detail == "checking"  # the dashboard's key, as before
    for i in items:
        assert HAN.search(i.text("zh_HK")) and not ENGLISH.search(i.text("zh_HK")), i


def test_cli_prints_english_and_json_carries_both(tmp_path: Path, platform_sim: SimProcess,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    data = enrolled_kiosk(tmp_path, platform_sim)
    capsys.readouterr()
    cli.main(["doctor", "--data-dir", str(data), "--platform-url", platform_sim.url])
    text = capsys.readouterr().out
    assert "this terminal is enrolled" in text and not HAN.search(text)
    cli.main(["doctor", "--json", "--data-dir", str(data), "--platform-url", platform_sim.url])
    checks = {c["name"]: c for c in json.loads(capsys.readouterr().out)["checks"]}
    assert checks["enrolment"]["summary"] == "this terminal is enrolled"
    assert checks["enrolment"]["summary_zh"] == "本機已登記"
    assert all(c["summary_zh"] for c in checks.values())


def test_short_detail_cuts_chinese_at_a_mark() -> None:
    long = ("未設定序列埠二維碼掃描器；序列埠裝置：/dev/serial/by-id/usb-Example_Scanner-if00"
            "（鍵盤式掃描器只在掃描時才會出現）")
    assert short_detail(long) == "未設定序列埠二維碼掃描器；序列埠裝置…"
    assert short_detail("尚餘 78.5 GB") == "尚餘 78.5 GB"


# ---------------------------------------------------------------- the dashboard on real widgets


@pytest.fixture
def services(tmp_path: Path, platform_sim: SimProcess) -> Iterator[KioskServices]:
    svc = enrolled_services(tmp_path, platform_sim.url, FakeCardReader(), staff=True)
    yield svc
    svc.close()


@pytest.fixture
def window(qtbot: QtBot, services: KioskServices) -> Iterator[MainWindow]:
    with kiosk_window(qtbot, services) as w:
        yield w


def tile_details(w: MainWindow) -> dict[str, str]:
    page = panel_of(w).dashboard
    return {key: detail.text() for key, (_, _, _, detail) in page.tiles.items()}


@pytest.mark.parametrize(("lang", "button", "queue_detail"), [
    ("zh_HK", "lang_zh", "0 項等待傳送，0 項被拒絕"),
    ("zh_CN", "lang_cn", "0 项等待传送，0 项被拒绝"),
    ("en", "lang_en", "0 waiting, 0 rejected"),
])
def test_dashboard_tiles_in_the_chosen_language(lang: str, button: str, queue_detail: str, qtbot: QtBot,
                                                window: MainWindow) -> None:
    w = window
    getattr(w.header, button).click()
    assert w.session.state.lang == lang
    panel = panel_of(w)
    panel.open()
    sign_in_with_pin(qtbot, panel)
    qtbot.waitUntil(lambda: panel.stack.currentWidget() is panel.dashboard, timeout=WAIT_MS)
    panel.refresh_dashboard()
    details = tile_details(w)
    assert details["queue"] == queue_detail
    if lang == "en":
        assert "free" in details["disk"]
        return
    assert details["reader"] == "Fake Reader 0"  # a name, the same in every language
    for key in ("scanner", "disk", "queue"):
        assert HAN.search(details[key]) and not ENGLISH.search(details[key]), (key, details[key])
    assert details["disk"].startswith("尚余" if lang == "zh_CN" else "尚餘")
