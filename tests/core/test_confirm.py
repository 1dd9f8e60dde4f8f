"""The confirm use case (kiosk/core/confirm.py) without a screen: a real SQLite outbox, a real
SQLite nonce store and codes signed with a real Ed25519 key."""

from __future__ import annotations

from pathlib import Path

import pytest

from kiosk.core.confirm import Confirmed, ConfirmInstruction, ConfirmRequest, NotConfirmed
from kiosk.core.state import Assistance
from kiosk.domain.identity import Identity, IdentitySource
from kiosk.domain.model import Instruction
from kiosk.ports import Receipt
from kiosk.ports.staff_queue import Actor
from kiosk.qr import PreparedInstruction
from kiosk.qr.nonces import SqliteNonceStore
from kiosk.qr.service import QrService
from offline_cache.outbox import SqliteOutbox
from tests.support.qr import MEMBER, Signer

KEY, SALT = b"k" * 32, b"s" * 16
MEMBER_ID = Identity(MEMBER, name_en="CHAN TAI MAN", source=IdentitySource.CARD)


@pytest.fixture
def outbox(tmp_path: Path) -> SqliteOutbox:
    box = SqliteOutbox(tmp_path / "outbox.sqlite", KEY, SALT)
    yield box
    box.close()


@pytest.fixture
def qr(tmp_path: Path) -> QrService:
    signer = Signer()
    service = QrService(SqliteNonceStore(tmp_path / "nonces.sqlite"), keys=signer.ring())
    service.signer = signer  # type: ignore[attr-defined]
    yield service
    service.close()


def prepared(qr: QrService, lifetime_s: int = 3600) -> PreparedInstruction:
    code = qr.signer.code(lifetime_s=lifetime_s)  # type: ignore[attr-defined]
    result = qr.interpret(code.encode())
    assert isinstance(result, PreparedInstruction), result
    return result


def typed_instruction() -> Instruction:
    return Instruction("CHANGE_PARTICULARS", MEMBER_ID, {"mobile": "91234567"})


def pending(outbox: SqliteOutbox) -> int:
    return outbox.counts().by_state.get("queued", 0)


def test_a_plain_instruction_is_queued_durably_and_answered_with_its_receipt(outbox: SqliteOutbox) -> None:
    result = ConfirmInstruction(outbox.enqueue)(ConfirmRequest(typed_instruction()))
    assert isinstance(result, Confirmed)
    assert result.receipt.kiosk_ref and pending(outbox) == 1


def test_a_prepared_code_is_queued_once_however_often_it_is_confirmed(outbox: SqliteOutbox, qr: QrService) -> None:
    code = prepared(qr)
    confirm = ConfirmInstruction(outbox.enqueue, nonces=lambda: qr)
    request = ConfirmRequest(Instruction(code.type, MEMBER_ID, dict(code.values)), prepared=code)
    first, second = confirm(request), confirm(request)
    assert isinstance(first, Confirmed)
    assert isinstance(second, NotConfirmed) and second.code == "PREPARED_USED"
    assert all(second.message) and pending(outbox) == 1


def test_a_code_that_expired_on_the_review_screen_is_not_queued(outbox: SqliteOutbox, qr: QrService,
                                                                tmp_path: Path) -> None:
    code = prepared(qr, lifetime_s=60)
    later = QrService(SqliteNonceStore(tmp_path / "nonces.sqlite"), keys=qr.keys, clock=lambda: code.expires_at + 1.0)
    try:
        confirm = ConfirmInstruction(outbox.enqueue, nonces=lambda: later)
        result = confirm(ConfirmRequest(Instruction(code.type, MEMBER_ID, dict(code.values)), prepared=code))
        assert isinstance(result, NotConfirmed) and result.code == "PREPARED_EXPIRED_AT_CONFIRM"
        assert "expired" in result.message[1] and result.message[0]
        assert pending(outbox) == 0
        assert qr.claim(code) is None  # its nonce was never taken
    finally:
        later.close()


def test_a_refused_enqueue_gives_the_nonce_back_and_says_why(tmp_path: Path, qr: QrService) -> None:
    full = SqliteOutbox(tmp_path / "full.sqlite", KEY, SALT, max_pending=0)
    try:
        code = prepared(qr)
        confirm = ConfirmInstruction(full.enqueue, nonces=lambda: qr)
        result = confirm(ConfirmRequest(Instruction(code.type, MEMBER_ID, dict(code.values)), prepared=code))
        assert isinstance(result, NotConfirmed) and result.code == "QUEUE_FULL"
        assert "queue is full" in result.message[1] and "已滿" in result.message[0]
        assert qr.claim(code) is None  # released: the member may use the code again
    finally:
        full.close()


def test_an_unexpected_failure_is_answered_not_raised() -> None:
    def broken(_: Instruction) -> Receipt:
        raise RuntimeError("disk on fire, mobile 91234567")

    result = ConfirmInstruction(broken)(ConfirmRequest(typed_instruction()))
    assert isinstance(result, NotConfirmed) and result.code == "SAVE_FAILED"
    assert "91234567" not in "".join(result.message)


class RecordingStaffQueue:
    """Stands where kiosk.modes.dashboard.StaffOperations does (tests/core/test_staff_assist.py runs the
    real one): queues into the real outbox and records who assisted."""

    def __init__(self, outbox: SqliteOutbox) -> None:
        self.outbox = outbox
        self.calls: list[tuple[Actor | None, str]] = []

    def confirm(self, instruction: Instruction, *, assisted_by: Actor | None, amends: str = "") -> Receipt:
        self.calls.append((assisted_by, amends))
        return self.outbox.enqueue(instruction)


def test_an_assisted_session_queues_through_the_staff_desk_with_who_helped(outbox: SqliteOutbox) -> None:
    staff = RecordingStaffQueue(outbox)
    confirm = ConfirmInstruction(outbox.enqueue, assisted_queue=lambda: staff)
    help_ = Assistance("S0042", "shop_staff", "TST-01", amends="K7-2611-0001")
    plain = confirm(ConfirmRequest(typed_instruction()))
    assisted = confirm(ConfirmRequest(typed_instruction(), assisted=help_))
    assert isinstance(plain, Confirmed) and isinstance(assisted, Confirmed)
    assert staff.calls == [(Actor("S0042", "shop_staff", "TST-01"), "K7-2611-0001")]
    assert pending(outbox) == 2
