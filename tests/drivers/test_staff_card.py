"""The staff card through the real pcscd: PIN verified on the card (63Cx), a challenge signed by the
card's key, the certificate checked against the operator's staff CA, role and shop from it; the
kiosk's lockout and the end of the staff session when the card is pulled (kiosk.modes.staff)."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path

import pytest

from drivers.cards.emrtd.trust_store import FolderTrustStore
from drivers.cards.registry import ProfileRegistry
from drivers.cards.simple_identity import SimpleIdentityProfile
from drivers.cards.staff import StaffCardProfile
from drivers.cards.staff.authenticator import StaffCardAuthenticator
from drivers.pcsc.reader import PcscCardReader
from drivers.virtual.identity_card import IdentityCardApplet
from drivers.virtual.staff_card import DEMO_PIN, StaffCa, StaffCardApplet
from kiosk.modes.lockout import Lockout
from kiosk.modes.staff import SignOutReason, StaffDesk
from kiosk.ports import CardErrorCode
from kiosk.ports.staff import Role, SignInAttempt, SignInMethod, SignInRefused
from tests.support.pcsc import READER_0, READER_1, PcscDaemon, VirtualCardFactory, wait_until

pytestmark = pytest.mark.pcsc


@pytest.fixture(scope="module")
def ca() -> StaffCa:
    return StaffCa()


@pytest.fixture
def ca_folder(tmp_path: Path, ca: StaffCa) -> Path:
    folder = tmp_path / "staff-ca"
    ca.install(folder)
    return folder


@pytest.fixture
def auth(pcsc_readers: PcscDaemon, ca_folder: Path) -> StaffCardAuthenticator:
    return StaffCardAuthenticator(FolderTrustStore(ca_folder))


def _attempt(pin: str = DEMO_PIN, reader: str = READER_0) -> SignInAttempt:
    return SignInAttempt(SignInMethod.CARD, secret=pin, reader=reader)


def _refusal(auth: StaffCardAuthenticator, attempt: SignInAttempt) -> SignInRefused:
    with pytest.raises(SignInRefused) as info:
        auth.authenticate(attempt)
    return info.value


def test_sign_in(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator, ca: StaffCa) -> None:
    card = ca.card("S0042", "staff", "SHOP-001")
    virtual_card(card)
    principal = auth.authenticate(_attempt())
    assert (principal.staff_id, principal.role, principal.shop, principal.method, principal.card_reader) == (
        "S0042", Role.STAFF, "SHOP-001", SignInMethod.CARD, READER_0)
    assert principal.ends_on_card_removal
    # SELECT, SELECT EF, READ BINARY x n, VERIFY, INTERNAL AUTHENTICATE.
    assert card.commands[:2] == [0xA4, 0xA4] and card.commands[-2:] == [0x20, 0x88]


def test_technician_card(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator, ca: StaffCa) -> None:
    virtual_card(ca.card("T0007", "technician", "FIELD"), slot=1)
    principal = auth.authenticate(_attempt(reader=READER_1))
    assert (principal.staff_id, principal.role, principal.card_reader) == ("T0007", Role.TECHNICIAN, READER_1)


def test_wrong_pin_counts_on_the_card(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator,
                                      ca: StaffCa) -> None:
    card = ca.card(tries=3)
    virtual_card(card)
    refusal = _refusal(auth, _attempt("135790"))
    assert refusal.code == "STAFF_CARD_PIN_WRONG" and refusal.counts
    assert "2" in refusal.message_en and "2" in refusal.message_zh and card.tries_left == 2
    assert auth.authenticate(_attempt()).staff_id == "S0042"
    assert card.tries_left == 3  # a right PIN resets the card's counter


def test_pin_blocked_on_the_card(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator,
                                 ca: StaffCa) -> None:
    card = ca.card(tries=2)
    virtual_card(card)
    assert _refusal(auth, _attempt("135790")).code == "STAFF_CARD_PIN_WRONG"
    last = _refusal(auth, _attempt("135791"))
    assert last.code == "STAFF_CARD_BLOCKED" and last.counts
    already = _refusal(auth, _attempt())  # even the right PIN: the card refuses
    assert already.code == "STAFF_CARD_BLOCKED" and not already.counts


def test_pin_format_never_reaches_the_card(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator,
                                           ca: StaffCa) -> None:
    card = ca.card()
    virtual_card(card)
    for pin in ("", "12345", "12ab56", "1" * 13):
        refusal = _refusal(auth, _attempt(pin))
        assert refusal.code == "STAFF_CARD_PIN_FORMAT" and not refusal.counts
    assert card.commands == [] and card.tries_left == card.tries


def test_expired_certificate(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator, ca: StaffCa) -> None:
    card = ca.card(expired=True)
    virtual_card(card)
    assert _refusal(auth, _attempt()).code == "STAFF_CARD_EXPIRED"
    assert 0x20 not in card.commands  # refused before the PIN was tried


def test_certificate_from_another_ca(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator) -> None:
    virtual_card(StaffCa("some other CA").card())
    refusal = _refusal(auth, _attempt())
    assert refusal.code == "STAFF_CARD_UNTRUSTED" and refusal.counts


def test_copied_certificate_fails_the_challenge(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator,
                                                ca: StaffCa) -> None:
    genuine = ca.card("S0042")
    clone = ca.card(copied_from=genuine)
    virtual_card(clone)
    refusal = _refusal(auth, _attempt())
    assert refusal.code == "STAFF_CARD_UNTRUSTED" and refusal.counts
    assert clone.commands[-1] == 0x88  # it got as far as signing; the signature did not verify


def test_no_ca_installed(virtual_card: VirtualCardFactory, pcsc_readers: PcscDaemon, tmp_path: Path,
                         ca: StaffCa) -> None:
    virtual_card(ca.card())
    auth = StaffCardAuthenticator(FolderTrustStore(tmp_path / "empty"))
    assert _refusal(auth, _attempt()).code == "STAFF_CARD_NO_CA"


def test_staff_card_of_another_shop(virtual_card: VirtualCardFactory, ca_folder: Path, ca: StaffCa,
                                    pcsc_readers: PcscDaemon) -> None:
    auth = StaffCardAuthenticator(FolderTrustStore(ca_folder), kiosk_shop=lambda: "SHOP-002")
    virtual_card(ca.card("S0042", "staff", "SHOP-001"), slot=0)
    virtual_card(ca.card("T0007", "technician", "FIELD"), slot=1)
    assert _refusal(auth, _attempt()).code == "STAFF_CARD_OTHER_SHOP"
    assert auth.authenticate(_attempt(reader=READER_1)).role is Role.TECHNICIAN  # technicians go anywhere


def test_not_a_staff_card(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator) -> None:
    virtual_card(IdentityCardApplet())
    refusal = _refusal(auth, _attempt())
    assert refusal.code == "STAFF_CARD_UNKNOWN" and not refusal.counts


def test_no_card(auth: StaffCardAuthenticator) -> None:
    refusal = _refusal(auth, _attempt(reader=READER_1))
    assert refusal.code == "STAFF_CARD_MISSING" and not refusal.counts


@pytest.mark.parametrize("after", [1, 3, 5])
def test_card_pulled_during_sign_in(virtual_card: VirtualCardFactory, auth: StaffCardAuthenticator, ca: StaffCa,
                                    after: int) -> None:
    virtual_card(ca.card(), remove_after_apdus=after)
    refusal = _refusal(auth, _attempt())
    assert refusal.code == "STAFF_CARD_MISSING" and not refusal.counts


def test_member_reader_recognises_a_staff_card(virtual_card: VirtualCardFactory, pcsc_readers: PcscDaemon,
                                               ca: StaffCa) -> None:
    virtual_card(ca.card())
    reader = PcscCardReader(ProfileRegistry([SimpleIdentityProfile(), StaffCardProfile()]))
    result = reader.read_identity(READER_0)
    assert result.error is not None and result.error.code is CardErrorCode.STAFF_CARD


# ---------------------------------------------------------------- with the staff desk (kiosk.modes)


class _Clock:
    def __init__(self) -> None:
        self.t = 1_000_000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def desk(auth: StaffCardAuthenticator) -> Iterator[tuple[StaffDesk, _Clock]]:
    clock = _Clock()
    lockout = Lockout(None, threshold=5, base_delay_s=30.0, clock=clock)
    yield StaffDesk(auth, lockout, None, idle_timeout_s=lambda: 300.0, monotonic=clock), clock


def test_kiosk_locks_out_after_five_wrong_pins_with_a_doubling_wait(
        virtual_card: VirtualCardFactory, desk: tuple[StaffDesk, _Clock], ca: StaffCa) -> None:
    staff_desk, clock = desk
    card = ca.card(tries=15)
    virtual_card(card)
    waits = [staff_desk.sign_in(_attempt(f"13579{i}")).locked_for_s for i in range(5)]
    assert waits == [0, 0, 0, 0, 30.0]
    blocked = staff_desk.sign_in(_attempt())  # the right PIN, but the kiosk waits first
    assert not blocked.ok and blocked.refusal is not None and blocked.refusal.code == "SIGN_IN_LOCKED"
    assert card.tries_left == 10  # the locked attempt never reached the card
    clock.t += 31
    assert staff_desk.sign_in(_attempt("135799")).locked_for_s == 60.0  # the sixth wrong one doubles it
    clock.t += 61
    result = staff_desk.sign_in(_attempt())
    assert result.ok and result.principal is not None and result.principal.staff_id == "S0042"


def test_pulling_the_card_ends_the_staff_session(virtual_card: VirtualCardFactory,
                                                 desk: tuple[StaffDesk, _Clock], ca: StaffCa,
                                                 pcsc_readers: PcscDaemon) -> None:
    staff_desk, _ = desk
    slot = virtual_card(ca.card())
    assert staff_desk.sign_in(_attempt()).ok

    class Events:
        def card_inserted(self, reader: str, atr: bytes) -> None:
            pass

        def card_removed(self, reader: str) -> None:
            staff_desk.card_removed(reader)

    monitor = PcscCardReader()
    monitor.start(Events())
    try:
        assert staff_desk.principal is not None
        slot.remove()
        assert wait_until(lambda: staff_desk.principal is None, 5.0)
        assert staff_desk.last_sign_out_reason == SignOutReason.CARD_REMOVED
    finally:
        monitor.stop()


def test_kiosk_clock_far_ahead_sees_an_expired_certificate(virtual_card: VirtualCardFactory, ca_folder: Path,
                                                    ca: StaffCa, pcsc_readers: PcscDaemon) -> None:
    """A kiosk whose clock runs years ahead sees the certificate as expired: the refusal says so."""
    late = datetime.datetime.now(datetime.UTC) + datetime.timedelta(days=3650)
    auth = StaffCardAuthenticator(FolderTrustStore(ca_folder), now=lambda: late)
    virtual_card(ca.card())
    assert _refusal(auth, _attempt()).code == "STAFF_CARD_EXPIRED"


def test_applet_counts_as_documented() -> None:
    """The virtual card itself (no pcscd): 63Cx countdown, 6983 when blocked, 6982 before VERIFY."""
    card: StaffCardApplet = StaffCa().card(pin="246810", tries=2)
    assert card.process(bytes.fromhex("00A4040008F0454D5046535401")) == b"\x90\x00"
    assert card.process(bytes.fromhex("0088000020") + bytes(32) + b"\x00") == b"\x69\x82"
    assert card.process(bytes.fromhex("0020008106") + b"000000") == b"\x63\xc1"
    assert card.process(bytes.fromhex("00200081")) == b"\x63\xc1"
    assert card.process(bytes.fromhex("0020008106") + b"000000") == b"\x63\xc0"
    assert card.process(bytes.fromhex("0020008106") + b"246810") == b"\x69\x83"
