"""ICAO 9303 eMRTD reading: MRZ key, PACE or BAC, 3DES/AES secure messaging, LDS files, passive
authentication, Chip and Active Authentication (clone detection), CSCA master lists and CRLs.

`emrtd_profile(csca_folder)` is what the composition root registers; see docs/cards.md.
"""

from __future__ import annotations

from pathlib import Path

from .profile import EmrtdProfile, FixedTrust
from .trust_store import CscaTrustStore, FolderTrustStore

__all__ = ["CscaTrustStore", "EmrtdProfile", "FixedTrust", "FolderTrustStore", "emrtd_profile"]


def emrtd_profile(csca_folder: Path, *, read_face: bool = False) -> EmrtdProfile:
    """The profile with the operator's CSCA folder as its trust store (re-read when it changes)."""
    return EmrtdProfile(FolderTrustStore(csca_folder), read_face=read_face)
