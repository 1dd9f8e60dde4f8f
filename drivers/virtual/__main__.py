"""Run a virtual card in a vpcd slot until SIGINT or SIGTERM (demo, manual and crash tests).

    python -m drivers.virtual --slot 0 --hkid 'A123456(3)' --name-en 'CHAN TAI MAN' \\
        --name-zh '陳大文' --dob 1970-01-01

Needs pcscd running with the vsmartcard-vpcd driver (never on a production kiosk). If pcscd
is not there yet, or restarts, the card waits and inserts itself again.
"""

from __future__ import annotations

import argparse
import datetime
import logging
import signal
import sys
import threading
from pathlib import Path
from types import FrameType

from kiosk.domain.hkid import is_valid, mask

from .applet import Applet, GarbageApplet
from .demo_cards import KINDS as DEMO_KINDS
from .demo_cards import demo_applet
from .identity_card import (
    DEMO_HOLDER,
    CardHolder,
    IdentityCardApplet,
    UnknownCardApplet,
    identity_file,
    malformed_identity_file,
)
from .vpcd import READER_NAMES, VirtualCardSlot

log = logging.getLogger("drivers.virtual")

KINDS = ("identity", "unknown", "malformed", "garbage", *DEMO_KINDS[1:])
RETRY_SECONDS = 1.0


def _iso_date(text: str) -> str:
    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {text!r}") from None


def _ascii(text: str) -> str:
    if not text.isascii():
        raise argparse.ArgumentTypeError("the English name is stored as ASCII on the card")
    return text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m drivers.virtual",
        description="Insert a virtual identity card into a vsmartcard-vpcd reader and keep it there "
        "until Ctrl-C or SIGTERM. Slot 0 is the reader 'Virtual PCD 00 00' (TCP 35963 on "
        "127.0.0.1), slot 1 is 'Virtual PCD 00 01' (35964). Defaults are fictional demo data.",
    )
    parser.add_argument("--slot", type=int, choices=(0, 1), default=0, help="vpcd slot (default 0)")
    parser.add_argument("--hkid", default=DEMO_HOLDER.hkid,
                        help="HKID as stored on the card, written as given, e.g. 'A123456(3)'; a "
                        "wrong check character makes a card the kiosk must reject")
    parser.add_argument("--name-en", type=_ascii, default=DEMO_HOLDER.name_en, help="English name (ASCII)")
    parser.add_argument("--name-zh", default=DEMO_HOLDER.name_zh, help="Chinese name (empty for none)")
    parser.add_argument("--dob", type=_iso_date, default=DEMO_HOLDER.date_of_birth,
                        help="date of birth, YYYY-MM-DD")
    parser.add_argument("--kind", choices=KINDS, default="identity",
                        help="identity (default); unknown: a card without our application; "
                        "malformed: identity file with a bad TLV length; garbage: answers nonsense; "
                        "passport, forged-passport, expired-passport, cloned-passport (same data, other "
                        "chip keys), pace-passport (PACE only), legacy-passport (no AA/CA): an ePassport "
                        "(MRZ key K12345678, born 1970-01-01, expires 2034-01-01) signed by a test CSCA "
                        "made now; staff, "
                        "technician: a staff card (PIN 246810) from a test staff CA made now")
    parser.add_argument("--trust-dir", type=Path, default=None,
                        help="write the test CSCA (passports) or staff CA (staff cards) here, e.g. the "
                        "kiosk's <data>/csca or <data>/keys/staff-ca")
    parser.add_argument("--chain-responses", action="store_true",
                        help="answer like a T=0 card: 61xx and GET RESPONSE for all data")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every control message")
    return parser


def build_applet(args: argparse.Namespace) -> Applet:
    holder = CardHolder(args.hkid, args.name_en, args.name_zh, args.dob)
    if args.kind == "unknown":
        return UnknownCardApplet()
    if args.kind == "garbage":
        return GarbageApplet()
    if args.kind in DEMO_KINDS[1:]:
        return demo_applet(args.kind, args.trust_dir, args.trust_dir)
    data = malformed_identity_file(holder) if args.kind == "malformed" else identity_file(holder)
    return IdentityCardApplet(data, chain_responses=args.chain_responses)


def serve(slot: VirtualCardSlot, stop: threading.Event) -> None:
    """Keep the card inserted until `stop`; re-insert when vpcd (pcscd) goes away and returns."""
    waiting_logged = False
    while not stop.is_set():
        if not slot.inserted:
            try:
                slot.insert()
                waiting_logged = False
                log.info("card in %s; Ctrl-C or SIGTERM removes it", slot.reader)
            except OSError as exc:
                if not waiting_logged:
                    log.warning("vpcd not listening on 127.0.0.1:%d (%s); is pcscd running? retrying",
                                slot.port, exc.__class__.__name__)
                    waiting_logged = True
        stop.wait(RETRY_SECONDS)
    slot.remove()


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if args.kind in ("identity", "malformed") and not is_valid(args.hkid):
        log.warning("the HKID given is not valid: the kiosk will reject this card (UNREADABLE)")
    log.info("virtual %s card for %s, holder HKID %s", args.kind, READER_NAMES[args.slot], mask(args.hkid))
    stop = threading.Event()

    def on_signal(signum: int, frame: FrameType | None) -> None:
        stop.set()

    signal.signal(signal.SIGINT, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    serve(VirtualCardSlot(build_applet(args), args.slot), stop)
    log.info("card removed; bye")
    return 0


if __name__ == "__main__":
    sys.exit(main())
