"""`kiosk csca import FILE.ml --signer CERT`: add the CSCAs of an ICAO master list to the trust store.

The list is verified first (drivers.cards.emrtd.master_list): its CMS signature, and that its
signer is the given master list signer certificate or was issued by it. Nothing is written when
any check fails. Messages are bilingual; the exit code is 0 on success, 1 when refused.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from kiosk.config import KioskConfig


def add_commands(add: Callable[[str, str], argparse.ArgumentParser],
                 common: Callable[..., object]) -> None:
    csca = add("csca", "Manage the CSCA trust store that ePassport checks use.")
    sub = csca.add_subparsers(dest="csca_command", metavar="ACTION", required=True)
    imp = sub.add_parser("import", help="verify an ICAO CSCA master list and add its certificates",
                         description="Verify an ICAO CSCA master list (CMS SignedData, usually *.ml) against "
                                     "the master list signer certificate you trust, then add its CSCA "
                                     "certificates to the trust store folder (<data dir>/csca). Nothing is "
                                     "added unless every check passes; importing the same list twice adds "
                                     "nothing the second time.")
    common(imp, suppress=True)
    imp.add_argument("file", type=Path, help="the master list file")
    imp.add_argument("--signer", type=Path, required=True,
                     help="PEM or DER certificate of the master list signer, or of the CSCA that issued it")


def run(args: argparse.Namespace, cfg: KioskConfig) -> int:
    from drivers.cards.emrtd.master_list import MasterListError, import_into, load_signers

    try:
        signers = load_signers(args.signer)
        raw = args.file.read_bytes()
    except (OSError, ValueError) as exc:
        print(f"未能讀取檔案 / Cannot read the file: {exc.__class__.__name__}: {exc}", file=sys.stderr)
        return 1
    try:
        result = import_into(cfg.csca_dir, raw, signers)
    except MasterListError as exc:
        print(f"主清單未獲接納，未有加入任何證書 / Master list refused, nothing was added: {exc}", file=sys.stderr)
        return 1
    print(f"已加入 {len(result.added)} 張國家簽發證書，{result.present} 張已存在，略過 {result.skipped} 張 / "
          f"{len(result.added)} CSCA certificates added, {result.present} already present, "
          f"{result.skipped} skipped ({cfg.csca_dir})")
    return 0
