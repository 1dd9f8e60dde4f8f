"""The plug-in point for an HKID smart-card reader module, and the fallback without one.

The chip of the Hong Kong identity card can only be read by readers (and their software) that the
Immigration Department has authorised. This kiosk therefore does not read it itself. An authorised
vendor's module plugs in as one more `CardProfile` (`name`, `matches(atr)`, `read(card) ->
Identity`), named in the configuration as `package.module:factory` (environment variable
`EMPF_KIOSK_HKID_MODULE`). It is registered first, so an HKID card goes to it before anything else.

Without such a module the fallback is the number typed by the member, its check character
verified (`kiosk.domain.hkid`), and a staff member confirming that they saw the card:
`fallback_identity` refuses to make an identity without that confirmation.
"""

from __future__ import annotations

import importlib
import logging
import os
from collections.abc import Callable

from kiosk.domain import Identity, IdentitySource, ValidationError
from kiosk.domain import hkid as hkid_rules

from .profile import CardProfile
from .registry import ProfileRegistry

log = logging.getLogger(__name__)

ENV_MODULE = "EMPF_KIOSK_HKID_MODULE"


class HkidModuleError(Exception):
    """The configured module could not be loaded or is not a card profile."""


def load_module(spec: str, importer: Callable[[str], object] = importlib.import_module) -> CardProfile:
    """The profile made by `package.module:factory` (the factory takes no arguments)."""
    module_name, sep, factory_name = spec.partition(":")
    if not sep or not module_name or not factory_name.isidentifier():
        raise HkidModuleError(f"{spec!r} is not of the form package.module:factory")
    try:
        module = importer(module_name)
        factory = getattr(module, factory_name)
        profile = factory()
    except HkidModuleError:
        raise
    except Exception as exc:  # a vendor module's failure must not stop the kiosk
        raise HkidModuleError(f"{spec}: {exc.__class__.__name__}") from exc
    for attribute in ("name", "matches", "read"):
        if not hasattr(profile, attribute):
            raise HkidModuleError(f"{spec}: the object it made has no {attribute!r}")
    if not callable(profile.matches) or not callable(profile.read) or not isinstance(profile.name, str):
        raise HkidModuleError(f"{spec}: not a card profile (name, matches(atr), read(card))")
    return profile  # type: ignore[no-any-return]


def install(registry: ProfileRegistry, spec: str | None = None) -> CardProfile | None:
    """Put the configured module in front of the registry; None (logged) when there is none or
    it cannot be loaded, in which case HKID cards fall back to typing plus staff confirmation."""
    spec = spec if spec is not None else os.environ.get(ENV_MODULE, "")
    if not spec:
        return None
    try:
        profile = load_module(spec)
    except HkidModuleError as exc:
        log.error("HKID reader module not loaded, falling back to typed numbers: %s", exc)
        return None
    registry.register_first(profile)
    log.info("HKID reader module %s registered (%s)", profile.name, spec)
    return profile


STAFF_CONFIRMATION = ValidationError(
    "HKID_STAFF_CONFIRMATION",
    "請職員核對身份證後確認。",
    "A staff member must look at the identity card and confirm.",
    field="hkid",
)


def fallback_identity(typed: str, confirmed_by_staff: str) -> Identity:
    """The HKID fallback: the typed number (check character verified) once a signed-in staff member
    (`confirmed_by_staff`, their staff number) confirmed they saw the card. Raises ValidationError
    (bilingual) for a bad number or a missing confirmation."""
    canonical = hkid_rules.normalise(typed)
    if not confirmed_by_staff.strip():
        raise STAFF_CONFIRMATION
    log.info("typed HKID confirmed against the card by staff %s", confirmed_by_staff.strip())
    return Identity(hkid=canonical, source=IdentitySource.TYPED, verified_by_staff=confirmed_by_staff.strip())
