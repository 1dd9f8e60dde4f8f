"""The crash harness's marker, r<run>-<seq>, carried in an instruction the platform accepts.

The harness tells every instruction the platform holds apart by its marker (to find duplicates and
order), so the marker must survive the platform's checks and be kept in what it stores. A voluntary
contribution (an identified member may give one, no sign-in needed) carries it in two values: the
amount is 1000 + run, and the bank account's last part is the sequence number.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KIND = "VOLUNTARY_CONTRIBUTION"


def order_key(marker: str) -> tuple[int, int]:
    run, seq = marker[1:].split("-")
    return int(run), int(seq)


def marked_values(marker: str) -> dict[str, str]:
    run, seq = order_key(marker)
    return {"vc_type": "TVC", "frequency": "ONE_OFF", "tvc_paid": "0", "amount": str(1000 + run),
            "payment_method": "DIRECT_DEBIT", "bank_account": f"004-123-{seq:09d}"}


def marker_of(values: Mapping[str, Any]) -> str:
    run = int(str(values["amount"]).split(".")[0]) - 1000
    seq = int(str(values["bank_account"]).rsplit("-", 1)[-1])
    return f"r{run}-{seq}"
