"""Virtual ePassports and staff cards for the demo and manual tests, with their trust anchors.

A passport needs the CSCA that signed it in the kiosk's CSCA folder, a staff card the staff CA in
the staff CA folder: `demo_applet` makes both at run time and writes the certificates there (file
names start with TEST-ONLY so nobody mistakes them for real ones). Never on a production kiosk.
"""

from __future__ import annotations

from pathlib import Path

from .applet import Applet
from .emrtd_card import clone, forged_passport, passport
from .emrtd_chip import ChipSecrets
from .emrtd_pki import CountryPki
from .identity_card import IdentityCardApplet
from .staff_card import StaffCa

PASSPORTS = ("passport", "forged-passport", "expired-passport", "cloned-passport", "pace-passport",
             "legacy-passport")
KINDS = ("identity", *PASSPORTS, "staff", "technician")


def demo_applet(kind: str, csca_dir: Path | None = None, staff_ca_dir: Path | None = None) -> Applet:
    """The card `kind` (see KINDS); its CA certificate goes into the given folder, when given."""
    if kind == "identity":
        return IdentityCardApplet()
    if kind in PASSPORTS:
        pki = CountryPki.generate("CN", ds_expired=kind == "expired-passport")
        if csca_dir is not None:
            pki.install(csca_dir, "TEST-ONLY-demo-csca-cn.pem")
        if kind == "forged-passport":
            return forged_passport(pki)
        if kind == "legacy-passport":  # neither AA nor CA: data genuine, chip not proven
            return passport(pki)
        if kind == "pace-passport":  # PACE only (refuses BAC), Chip Authentication
            return passport(pki, chip=ChipSecrets.generate(ca=True, pace_parameter_id=13, bac=False))
        genuine = passport(pki, chip=ChipSecrets.generate(aa="rsa", ca=True))
        return clone(genuine) if kind == "cloned-passport" else genuine
    if kind in ("staff", "technician"):
        ca = StaffCa()
        if staff_ca_dir is not None:
            ca.install(staff_ca_dir, "TEST-ONLY-demo-staff-ca.pem")
        if kind == "technician":
            return ca.card("T0001", "technician", "FIELD")
        return ca.card("S0001", "staff", "DEMO-SHOP")
    raise ValueError(f"unknown demo card {kind!r}; one of {', '.join(KINDS)}")
