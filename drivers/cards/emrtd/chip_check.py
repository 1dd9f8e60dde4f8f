"""Is the chip the original? Active or Chip Authentication, and how their result combines with
passive authentication into the document's verdict.

Passive authentication proves the data is what the issuing country signed; only AA or CA proves
the chip holding it is the one the country issued (a copied chip has the data but not the private
key). The combined verdict, in the kiosk's `DocumentCheck` terms:

| passive authentication | AA or CA            | verdict (reason)                                |
|------------------------|---------------------|-------------------------------------------------|
| forged                 | any                 | forged (the passive-authentication reason)      |
| any                    | failed              | forged (`chip_not_genuine`)                     |
| genuine                | passed              | genuine (`ok`)                                  |
| genuine                | neither offered     | not verifiable (`chip_not_proven`)              |
| not verifiable         | passed / not offered| not verifiable (the passive-authentication one) |
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from kiosk.domain.identity import DocumentCheck

from .passive_auth import Verdict

CHIP_NOT_GENUINE = "chip_not_genuine"  # AA or CA offered and failed: a clone, or a tampered chip
CHIP_NOT_PROVEN = "chip_not_proven"  # data genuine, but the chip offers neither AA nor CA
CHIP_AUTH_DATA_MISSING = "chip_auth_data_missing"  # EF.SOD lists DG14/DG15 but the chip hides it


class ChipCheck(enum.Enum):
    ACTIVE_AUTHENTICATION = "active_authentication"  # proven by AA
    CHIP_AUTHENTICATION = "chip_authentication"  # proven by CA
    NOT_OFFERED = "not_offered"  # neither protocol offered (or only in a form this kiosk cannot run)
    FAILED = "failed"


@dataclass(frozen=True)
class ChipVerdict:
    check: ChipCheck
    reason: str = ""

    @property
    def proven(self) -> bool:
        return self.check in (ChipCheck.ACTIVE_AUTHENTICATION, ChipCheck.CHIP_AUTHENTICATION)


def combine(passive: Verdict, chip: ChipVerdict) -> Verdict:
    """The document's verdict from both checks (see the table in the module docstring)."""
    if passive.check is DocumentCheck.FORGED:
        return passive
    if chip.check is ChipCheck.FAILED:
        return Verdict(DocumentCheck.FORGED, chip.reason or CHIP_NOT_GENUINE, passive.country)
    if passive.check is DocumentCheck.GENUINE and not chip.proven:
        return Verdict(DocumentCheck.NOT_VERIFIABLE, CHIP_NOT_PROVEN, passive.country)
    return passive
