"""`kiosk run --demo`: everything a demo needs on one machine, started and stopped with the kiosk.

The local platform simulator, pcscd (when it is not running and we are root), enrolment with a
fresh one-time code, and a virtual identity card (fictional member) in the first vpcd reader when
no real reader is attached. The card is inserted and removed from the identify screen's demo button.
"""

from __future__ import annotations

import logging
import os
import secrets
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import requests

from kiosk.config import KioskConfig

if TYPE_CHECKING:
    from drivers.virtual.vpcd import VirtualCardSlot
    from kiosk.qr.demo import QrDemo
    from offline_cache.keystore import FileKeystore
    from offline_cache.platform_client import HttpPlatformClient

PlatformAccess = Callable[[KioskConfig], "tuple[FileKeystore, HttpPlatformClient]"]

log = logging.getLogger(__name__)

VIRTUAL_READER_PREFIX = "Virtual PCD"
ENV_DEMO_CARD = "EMPF_KIOSK_DEMO_CARD"


def _pcscd_running() -> bool:
    return Path("/run/pcscd/pcscd.comm").exists() and subprocess.run(
        ["pidof", "pcscd"], capture_output=True, check=False).returncode == 0


class DemoEnvironment:
    def __init__(self, config: KioskConfig, platform_access: PlatformAccess, port: int = 8765) -> None:
        """`platform_access`: the composition root's keystore and platform client for a configuration
        (kiosk.app.platform_access), for enrolling with the simulator before the kiosk opens."""
        self.config = config
        self._platform_access = platform_access
        self.port = port
        self.url = f"http://127.0.0.1:{port}"
        self._sim: subprocess.Popen[bytes] | None = None
        self._pcscd: subprocess.Popen[bytes] | None = None
        self._card: VirtualCardSlot | None = None
        self.qr_demo: QrDemo | None = None

    # ------------------------------------------------------------ life
    def start(self) -> KioskConfig:
        self._ensure_pcscd()
        self._ensure_simulator()
        # The virtual printer (pages in the data folder's printed-receipts/) unless a real one is set.
        printer = "virtual" if self.config.printer == "none" else None
        cfg = self.config.with_overrides(platform_url=self.url, printer=printer)
        self._ensure_enrolled(cfg)
        self._prepare_card()
        self._prepare_qr(cfg)
        return cfg

    def stop(self) -> None:
        self.remove_card()
        if self.qr_demo is not None:
            self.qr_demo.close()
        for proc in (self._sim, self._pcscd):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()

    # ------------------------------------------------------------ parts
    def _ensure_pcscd(self) -> None:
        if _pcscd_running():
            return
        if os.geteuid() != 0 or shutil.which("pcscd") is None:
            print("demo: pcscd is not running and cannot be started here (needs root and the pcscd package); "
                  "typing the HKID number still works.", file=sys.stderr)
            return
        self._pcscd = subprocess.Popen(["pcscd", "--foreground"], stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and not Path("/run/pcscd/pcscd.comm").exists():
            time.sleep(0.1)

    def _healthy(self) -> bool:
        try:
            return requests.get(self.url + "/health", timeout=1).status_code == 200
        except requests.RequestException:
            return False

    def _ensure_simulator(self) -> None:
        if self._healthy():
            log.info("demo: reusing the platform simulator already on %s", self.url)
            return
        import importlib.util

        if importlib.util.find_spec("uvicorn") is None or importlib.util.find_spec("platform_sim") is None:
            raise RuntimeError("示範模式需要平台模擬器。 / The demo needs the platform simulator: "
                               "pip install -e '.[sim]' (scripts/setup.sh does); a kiosk bundle has none.")
        db = self.config.data_dir / "demo-platform.sqlite"
        db.parent.mkdir(parents=True, exist_ok=True)
        log_file = open(self.config.data_dir / "demo-platform.log", "ab")  # noqa: SIM115 - lives with the process
        self._sim = subprocess.Popen(
            [sys.executable, "-m", "platform_sim.cli", "--host", "127.0.0.1", "--port", str(self.port),
             "--db", str(db)], stdout=log_file, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            if self._healthy():
                return
            if self._sim.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError(f"the platform simulator did not start; see {self.config.data_dir}/demo-platform.log")

    def _ensure_enrolled(self, cfg: KioskConfig) -> None:
        keystore, client = self._platform_access(cfg)
        try:
            if keystore.device_credentials() is not None:
                try:
                    client.config()  # still known to this simulator?
                    return
                except Exception:
                    log.info("demo: enrolment not accepted by this simulator; enrolling again")
            code = "DEMO-" + secrets.token_hex(4).upper()
            requests.post(self.url + "/admin/enrolment-codes", json={"code": code}, timeout=5).raise_for_status()
            keystore.save_device_credentials(*client.enrol(code, "demo-kiosk"))
        finally:
            client.close()

    def _prepare_card(self) -> None:
        from drivers.pcsc.context import list_readers

        real = [r for r in list_readers() if not r.startswith(VIRTUAL_READER_PREFIX)]
        if real:
            log.info("demo: real card reader attached; no virtual card")
            return
        from drivers.virtual.demo_cards import demo_applet
        from drivers.virtual.vpcd import VirtualCardSlot

        # EMPF_KIOSK_DEMO_CARD: identity (default), passport, forged-passport, expired-passport, staff,
        # technician. A passport's test CSCA (a staff card's test CA) is written to this data folder.
        kind = os.environ.get(ENV_DEMO_CARD, "identity")
        try:
            applet = demo_applet(kind, self.config.csca_dir, self.config.staff_ca_dir)
        except ValueError as e:
            log.warning("demo: %s; using the identity card", e)
            applet = demo_applet("identity")
        self._card = VirtualCardSlot(applet, slot=0)

    def _prepare_qr(self, cfg: KioskConfig) -> None:
        """QR stand-ins: pictures for the camera, a pseudo-terminal serial scanner, the iAM Smart
        phone (kiosk/qr/demo.py); the kiosk's QR controller finds them as `demo.qr_demo`."""
        from kiosk.qr.demo import QrDemo

        self.qr_demo = QrDemo(self.url, cfg.data_dir / "demo-qr")
        self.qr_demo.prepare()

    # ------------------------------------------------------------ the demo button
    @property
    def has_virtual_card(self) -> bool:
        return self._card is not None

    @property
    def card_inserted(self) -> bool:
        return bool(self._card is not None and self._card.inserted)

    def insert_card(self) -> bool:
        if self._card is None:
            return False
        if not self._card.inserted:
            try:
                self._card.insert()
            except OSError:
                log.warning("demo: the virtual reader is not available (is pcscd with vpcd running?)")
                return False
        return True

    def remove_card(self) -> None:
        if self._card is not None and self._card.inserted:
            self._card.remove()
