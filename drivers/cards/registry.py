"""The profile registry: the plug-in point for every kind of identity card.

Today it holds the simple identity card. An ICAO 9303 eMRTD profile, a staff card profile and
an Immigration-Department-authorised HKID reader module are further `CardProfile`s
registered here; nothing else in the kiosk changes.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from kiosk.domain import Identity
from kiosk.domain.mrz import MrzKey

from .profile import Card, CardProfile, NotThisCard
from .simple_identity import SimpleIdentityProfile

log = logging.getLogger(__name__)


class ProfileRegistry:
    def __init__(self, profiles: Iterable[CardProfile] = ()) -> None:
        self._profiles: list[CardProfile] = list(profiles)

    def register(self, profile: CardProfile) -> None:
        """Add a profile; earlier ones are tried first."""
        self._profiles.append(profile)

    def register_first(self, profile: CardProfile) -> None:
        """Add a profile in front of the others (an authorised HKID reader module)."""
        self._profiles.insert(0, profile)

    @property
    def profiles(self) -> tuple[CardProfile, ...]:
        return tuple(self._profiles)

    def read_identity(self, card: Card, key: MrzKey | None = None) -> Identity:
        """The identity from the first profile that recognises the card; NotThisCard if none does.
        `key` goes to profiles that take one (`KeyedCardProfile.read_with_key`)."""
        tried: list[str] = []
        for profile in self._profiles:
            if not profile.matches(card.atr):
                continue
            tried.append(profile.name)
            try:
                read_with_key = getattr(profile, "read_with_key", None)
                identity = read_with_key(card, key) if read_with_key is not None else profile.read(card)
            except NotThisCard as exc:
                log.info("%s: not a %s card (%s)", card.reader, profile.name, exc)
                continue
            log.info("%s: read with profile %s", card.reader, profile.name)
            return identity
        raise NotThisCard(f"no profile recognises the card (tried: {', '.join(tried) or 'none'})")


def default_registry() -> ProfileRegistry:
    """The profiles a kiosk uses unless its configuration says otherwise."""
    return ProfileRegistry([SimpleIdentityProfile()])
