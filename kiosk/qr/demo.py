"""QR parts of `kiosk run --demo`, where there is no camera, no scanner and no phone.

- A folder of pictures stands in for the camera: a phone showing nothing yet, then a prepared
  instruction signed by the local platform simulator for the fictional demo member, an employer
  payment reference, and a code that is not for this kiosk. ui/qr_folder.py shows them in turn.
- A pseudo-terminal pair stands in for a serial scanner: the kiosk opens its slave side like a real
  /dev/ttyACM0 (EMPF_KIOSK_QR_SERIAL is set for the kiosk started after this); `serial_send()`
  writes a code into the master side as a scanner would.
- The iAM Smart phone is the simulator's admin call: `iamsmart_phone(qr, outcome)`.
- The phone's text messages (one-time codes) are the simulator's SMS gateway: `phone_messages(sent_to)`.
Everything here talks only to the simulator on loopback and uses fictional data.
"""

from __future__ import annotations

import contextlib
import logging
import os
import tty
from pathlib import Path
from typing import Any

import requests

from .settings import ENV_SERIAL

log = logging.getLogger(__name__)

DEMO_MEMBER = "A123456(3)"  # fictional; the demo's virtual card and iAM Smart phone use it too
PAYMENT_REFERENCE = "RSD2026112600000042"  # fictional


class QrDemo:
    def __init__(self, platform_url: str, folder: Path) -> None:
        self.platform_url = platform_url.rstrip("/")
        self.qr_frames = folder
        self.serial_port: str | None = None
        self._master: int | None = None
        self._slave: int | None = None
        self._http = requests.Session()
        self._http.trust_env = False  # loopback only, whatever proxy the shell has

    def prepare(self) -> None:
        """Write the pictures and open the pseudo-terminal. Safe to call again."""
        self.qr_frames.mkdir(parents=True, exist_ok=True)
        for old in self.qr_frames.glob("*.txt"):
            old.unlink()
        (self.qr_frames / "0-phone-not-ready.txt").write_text("")  # a phone with no code on it yet
        try:
            code = self.next_code({"email": "chan.tai.man@example.com", "language": "en"})
            (self.qr_frames / "1-prepared-instruction.txt").write_text(code)
        except (requests.RequestException, KeyError, ValueError) as e:
            log.warning("demo: no prepared-instruction code from the simulator (%s)", type(e).__name__)
        (self.qr_frames / "2-employer-payment-reference.txt").write_text(PAYMENT_REFERENCE)
        (self.qr_frames / "3-not-for-this-kiosk.txt").write_text("https://example.com/lucky-draw")
        if self._master is None and not os.environ.get(ENV_SERIAL):
            self._master, self._slave = os.openpty()
            tty.setraw(self._slave)
            self.serial_port = os.ttyname(self._slave)
            os.environ[ENV_SERIAL] = self.serial_port

    def close(self) -> None:
        for fd in (self._master, self._slave):
            if fd is not None:
                with contextlib.suppress(OSError):
                    os.close(fd)
        self._master = self._slave = None
        self._http.close()

    # ------------------------------------------------------------ the helpers' and the phone's side
    def next_code(self, values: dict[str, Any] | None = None) -> str:
        """A fresh prepared instruction for the demo member, signed by the simulator (blocking HTTP)."""
        body = {"type": "CHANGE_PARTICULARS", "hkid": DEMO_MEMBER,
                "values": values or {"mobile": "61234567", "language": "zh"}}
        r = self._http.post(f"{self.platform_url}/admin/prepared-instructions", json=body, timeout=5)
        r.raise_for_status()
        return str(r.json()["qr"])

    def iamsmart_phone(self, qr: str, outcome: str = "approve") -> bool:
        """The member's phone scans the kiosk's iAM Smart code and answers (blocking HTTP)."""
        try:
            r = self._http.post(f"{self.platform_url}/admin/iamsmart/scan", json={"qr": qr, "outcome": outcome},
                                timeout=5)
        except requests.RequestException as e:
            log.warning("demo phone: %s", type(e).__name__)
            return False
        return r.status_code == 200

    def phone_messages(self, sent_to: str) -> list[str]:
        """The texts the simulated phone received at the mobile the platform showed masked as
        `sent_to` (e.g. ****4567), newest last (blocking HTTP; the demo's fictional members only)."""
        try:
            r = self._http.get(f"{self.platform_url}/admin/sms", timeout=5)
            messages = r.json().get("messages", []) if r.status_code == 200 else []
        except (requests.RequestException, ValueError) as e:
            log.warning("demo phone: %s", type(e).__name__)
            return []
        tail = sent_to.lstrip("*")
        return [str(m.get("text", "")) for m in messages
                if isinstance(m, dict) and tail and str(m.get("to", "")).endswith(tail)]

    def serial_send(self, text: str) -> bool:
        """The serial scanner reads `text`: written to the pseudo-terminal with a CR, as scanners end codes."""
        if self._master is None:
            return False
        os.write(self._master, text.encode("utf-8") + b"\r")
        return True
