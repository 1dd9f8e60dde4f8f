"""The composition root's card wiring: the registry's profiles and their order, the CSCA and staff
CA folders, the HKID module plug-in point and its fallback, and staff-card sign-in offered only once
the operator's staff CA is installed (PIN sign-in unchanged)."""

from __future__ import annotations

import sys
import types
from pathlib import Path

import pytest

from drivers.cards import hkid_plugin
from drivers.cards.emrtd import EmrtdProfile
from drivers.cards.emrtd.trust_store import FolderTrustStore
from drivers.cards.profile import Card
from drivers.cards.registry import ProfileRegistry, default_registry
from drivers.cards.simple_identity import SimpleIdentityProfile
from drivers.cards.staff import StaffCardProfile
from drivers.cards.staff.authenticator import StaffCardAuthenticator
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.staff_card import StaffCa
from kiosk.app import default_card_reader
from kiosk.config import KioskConfig
from kiosk.domain import Identity, IdentitySource, ValidationError
from kiosk.modes.auth import AnyOf
from kiosk.ports.staff import SignInMethod


class VendorHkidProfile:
    """What an authorised vendor's module would hand the kiosk (here: a stand-in that reads nothing)."""

    name = "hkid-vendor"

    def matches(self, atr: bytes) -> bool:
        return False

    def read(self, card: Card) -> Identity:
        raise AssertionError("never called: matches() is False")


@pytest.fixture
def vendor_module() -> types.ModuleType:
    module = types.ModuleType("empf_test_hkid_vendor")
    module.make = VendorHkidProfile  # type: ignore[attr-defined]
    module.broken = lambda: object()  # type: ignore[attr-defined]
    module.explodes = lambda: 1 / 0  # type: ignore[attr-defined]
    sys.modules[module.__name__] = module
    yield module
    del sys.modules[module.__name__]


def test_default_reader_has_every_profile_in_order(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(hkid_plugin.ENV_MODULE, raising=False)
    reader = default_card_reader(KioskConfig(data_dir=tmp_path))
    assert isinstance(reader, PcscCardReader)
    names = [p.name for p in reader.registry.profiles]
    assert names == ["simple-identity", "icao-emrtd", "staff-card"]
    emrtd = reader.registry.profiles[1]
    assert isinstance(emrtd, EmrtdProfile) and isinstance(emrtd.trust, FolderTrustStore)
    assert emrtd.trust.folder == tmp_path / "csca"


def test_hkid_module_goes_first(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                vendor_module: types.ModuleType) -> None:
    monkeypatch.setenv(hkid_plugin.ENV_MODULE, "empf_test_hkid_vendor:make")
    reader = default_card_reader(KioskConfig(data_dir=tmp_path))
    assert isinstance(reader, PcscCardReader)
    assert reader.registry.profiles[0].name == "hkid-vendor"


@pytest.mark.parametrize("spec", ["empf_test_hkid_vendor:broken", "empf_test_hkid_vendor:explodes",
                                  "empf_test_hkid_vendor:missing", "no_such_module_here:make", "nonsense"])
def test_a_bad_hkid_module_falls_back(spec: str, vendor_module: types.ModuleType,
                                      caplog: pytest.LogCaptureFixture) -> None:
    registry = ProfileRegistry([SimpleIdentityProfile()])
    assert hkid_plugin.install(registry, spec) is None
    assert [p.name for p in registry.profiles] == ["simple-identity"]
    assert "falling back to typed numbers" in caplog.text
    with pytest.raises(hkid_plugin.HkidModuleError):
        hkid_plugin.load_module(spec)


def test_no_hkid_module_configured() -> None:
    registry = default_registry()
    assert hkid_plugin.install(registry, "") is None and len(registry.profiles) == 1


def test_fallback_needs_the_check_character_and_a_staff_confirmation() -> None:
    identity = hkid_plugin.fallback_identity("a123456 3", confirmed_by_staff="S0042")
    assert identity == Identity(hkid="A123456(3)", source=IdentitySource.TYPED, verified_by_staff="S0042")
    with pytest.raises(ValidationError) as info:
        hkid_plugin.fallback_identity("A123456(3)", confirmed_by_staff=" ")
    assert info.value.code == "HKID_STAFF_CONFIRMATION" and "職員" in info.value.message_zh
    with pytest.raises(ValidationError) as info:
        hkid_plugin.fallback_identity("A123456(4)", confirmed_by_staff="S0042")
    assert info.value.code == "HKID_CHECK_DIGIT"


def test_staff_card_sign_in_offered_only_with_a_staff_ca(tmp_path: Path) -> None:
    config = KioskConfig(data_dir=tmp_path)
    card = StaffCardAuthenticator(FolderTrustStore(config.staff_ca_dir))
    assert tuple(card.methods()) == ()
    StaffCa().install(config.staff_ca_dir)
    assert tuple(card.methods()) == (SignInMethod.CARD,)


def test_staff_services_keep_pin_and_add_the_card(tmp_path: Path) -> None:
    from kiosk.app import staff_card_authenticator

    config = KioskConfig(data_dir=tmp_path)
    both = AnyOf(staff_card_authenticator(config)(lambda: "SHOP-001"))
    assert tuple(both.methods()) == ()
    StaffCa().install(config.staff_ca_dir)
    assert tuple(both.methods()) == (SignInMethod.CARD,)


def test_member_registry_knows_the_staff_card_profile() -> None:
    assert StaffCardProfile().matches(b"\x3b\x00") and StaffCardProfile.name == "staff-card"


@pytest.mark.parametrize("kind", ["passport", "forged-passport", "expired-passport", "staff", "technician"])
def test_demo_cards_come_with_their_trust_anchor(tmp_path: Path, kind: str) -> None:
    from drivers.virtual.demo_cards import demo_applet

    config = KioskConfig(data_dir=tmp_path)
    applet = demo_applet(kind, config.csca_dir, config.staff_ca_dir)
    folder = config.staff_ca_dir if kind in ("staff", "technician") else config.csca_dir
    written = sorted(p.name for p in folder.iterdir())
    assert len(written) == 1 and written[0].startswith("TEST-ONLY-")
    assert len(FolderTrustStore(folder).current()) == 1
    assert applet.atr


def test_unknown_demo_card() -> None:
    from drivers.virtual.demo_cards import demo_applet

    with pytest.raises(ValueError, match="unknown demo card"):
        demo_applet("octopus")
