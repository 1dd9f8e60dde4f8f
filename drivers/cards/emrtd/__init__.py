"""ICAO 9303 eMRTD reading: MRZ key, BAC, 3DES secure messaging, LDS files, passive authentication.

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
