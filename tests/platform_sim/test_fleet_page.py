"""The operator's fleet page in a real headless Chromium, after real kiosk services sent their status
to the simulator: one kiosk with a working reader (the real pcscd and its virtual readers), one whose
reader is gone, one that stopped reporting. Screenshots for people to look at go to
artifacts/screenshots/."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from kiosk.app import build_services
from kiosk.config import KioskConfig
from kiosk.no_card_reader import NoCardReader
from kiosk.services import KioskServices
from tests.support.browser import Element, dump_dom, parse, screenshot
from tests.support.platform import TEST_ENROLMENT_CODE, SimProcess, loopback_session

pytestmark = pytest.mark.pcsc

SCREENSHOTS = Path(__file__).resolve().parents[2] / "artifacts" / "screenshots"
STALE_AFTER_S = 5.0  # the simulator's threshold for "not seen"; running kiosks here report every second


def start_kiosk(tmp: Path, sim: Any, code: str, settings: dict[str, str], *, reader: bool) -> KioskServices:
    data = tmp / settings["device_name"]
    data.mkdir()
    (data / "settings.json").write_text(json.dumps(settings))
    config = KioskConfig(data_dir=data, platform_url=sim.url, sync_interval_s=0.2, backoff_base_s=0.05,
                         backoff_cap_s=0.3, http_timeout_s=3, status_interval_s=1.0, status_probe_s=0.5)
    # The first with the production PC/SC reader (default factory), the second with none at all.
    services = (build_services(config) if reader
                else build_services(config, cards=NoCardReader("reader unplugged")))
    sim.add_enrolment_code(code)
    services.keystore.save_device_credentials(*services.client.enrol(code, settings["device_name"]))
    services.start()
    return services


def wait_for_kiosks(sim: Any, n: int, timeout: float = 30.0) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    with loopback_session() as s:
        while True:
            kiosks: list[dict[str, Any]] = s.get(f"{sim.url}/admin/fleet", timeout=5).json()["kiosks"]
            if len(kiosks) >= n or time.monotonic() > deadline:
                return kiosks
            time.sleep(0.1)


def rows(dom: Element) -> dict[str, Element]:
    return {tr.attrs["data-device"]: tr for tr in dom.find_all("tr") if tr.has("data-device")}


@pytest.fixture
def fleet_sim(tmp_path: Path) -> Iterator[SimProcess]:
    with SimProcess(tmp_path / "platform-sim", enrolment_codes=[TEST_ENROLMENT_CODE],
                    extra_args=["--fleet-stale-after-s", str(STALE_AFTER_S)]) as sim:
        yield sim


@pytest.fixture
def kiosks(fleet_sim: SimProcess, pcsc_readers: Any) -> Iterator[list[KioskServices]]:
    started: list[KioskServices] = []
    yield started
    for s in started:
        s.close()


def test_fleet_page_shows_each_kiosk_by_shop_with_its_health(tmp_path: Path, fleet_sim: SimProcess,
                                                             kiosks: list[KioskServices]) -> None:
    platform_sim = fleet_sim
    page = f"{platform_sim.url}/fleet"
    empty = parse(dump_dom(page))
    assert "No kiosk has reported yet" in empty.find_all("main")[0].text

    kiosks.append(start_kiosk(tmp_path, platform_sim, "CODE-MK-A",
                              {"shop_id": "MK-01", "device_name": "mk-01-a", "update_channel": "pilot"}, reader=True))
    [healthy] = wait_for_kiosks(platform_sim, 1)
    assert healthy["health"] == "ok", healthy["report"]["checks"]
    screenshot(page, SCREENSHOTS / "fleet-page-healthy.png")

    kiosks.append(start_kiosk(tmp_path, platform_sim, "CODE-TW-A",
                              {"shop_id": "TW-02", "device_name": "tw-02-a", "update_channel": "stable"},
                              reader=False))
    # A third kiosk reports once and is switched off: after the threshold it has not been seen.
    gone = start_kiosk(tmp_path, platform_sim, "CODE-TW-B",
                       {"shop_id": "TW-02", "device_name": "tw-02-b", "update_channel": "stable"}, reader=True)
    fleet = wait_for_kiosks(platform_sim, 3)
    gone.close()
    assert len(fleet) == 3
    silent = next(k for k in fleet if k["report"]["kiosk"]["device_name"] == "tw-02-b")
    sick = next(k for k in fleet if k["report"]["kiosk"]["device_name"] == "tw-02-a")
    time.sleep(STALE_AFTER_S + 1)

    dom = parse(dump_dom(page))
    screenshot(page, SCREENSHOTS / "fleet-page-needs-visit.png")
    by_device = rows(dom)
    assert set(by_device) == {healthy["device_id"], sick["device_id"], silent["device_id"]}
    good, bad, off = by_device[healthy["device_id"]], by_device[sick["device_id"]], by_device[silent["device_id"]]
    assert (good.attrs["data-health"], good.attrs["data-needs-visit"]) == ("ok", "no")
    assert (bad.attrs["data-health"], bad.attrs["data-needs-visit"]) == ("fail", "yes")
    assert [li.attrs["data-reason"] for li in bad.find_all("li")] == ["READER_DEAD"]
    assert [li.attrs["data-reason"] for li in off.find_all("li")] == ["NOT_SEEN"]
    assert "not seen for" in off.text and "沒有回報" in off.text
    assert "mk-01-a" in good.text and "pilot" in good.text and "秒前" in good.text  # last seen
    assert "tw-02-a" in bad.text and "card reader" in bad.text and "讀卡器故障" in bad.text
    # Grouped by shop: each kiosk's row sits in its own shop's section.
    shops = {s.attrs["data-shop"]: s for s in dom.find_all("section") if s.has("data-shop")}
    assert set(shops) == {"MK-01", "TW-02"}
    assert rows(shops["MK-01"]).keys() == {healthy["device_id"]}
    assert rows(shops["TW-02"]).keys() == {sick["device_id"], silent["device_id"]}
    # Which kiosk runs which version, by channel.
    versions = {(tr.attrs["data-channel"], tr.attrs["data-version"]): tr.text
                for tr in dom.find_all("tr") if tr.has("data-channel")}
    assert {ch for ch, _ in versions} == {"pilot", "stable"}
    assert any("mk-01-a" in text for (ch, _), text in versions.items() if ch == "pilot")
    visits = dom.find_all("div", id="visits")[0]
    assert visits.find_all("b")[0].text == "2"


def test_fleet_page_has_no_outside_assets_nor_script(platform_sim: Any) -> None:
    with loopback_session() as s:
        r = s.get(f"{platform_sim.url}/fleet", timeout=5)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "http://" not in r.text and "https://" not in r.text and "<script" not in r.text
