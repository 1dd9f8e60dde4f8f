"""The confirm use case: what happens between the member's Confirm and their receipt.

1. A prepared (QR) instruction is checked again and its nonce claimed (kiosk.qr.service.QrService.claim:
   a code that expired while the member read the review, or whose nonce was used meanwhile, is
   refused), so the same code is never queued twice.
2. The instruction is queued durably: plainly, or from an assisted session marked with the staff
   member who helped and, for an amendment, linked to the rejected instruction it replaces, in the
   same transaction and audited (kiosk.modes.dashboard.StaffOperations.confirm).
3. If queueing fails, the nonce is given back, and the member is told why in both languages.

It runs off the UI thread (it writes to disk) and answers with a typed result, never an exception.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from kiosk.core.state import Assistance
from kiosk.core.texts import SAVE_FAILED
from kiosk.ports import Receipt

if TYPE_CHECKING:
    from kiosk.domain.model import Instruction
    from kiosk.ports.staff_queue import Actor
    from kiosk.qr import PreparedInstruction, QrRefusal

log = logging.getLogger(__name__)


class NonceGate(Protocol):
    """Prepared codes' nonces (kiosk.qr.service.QrService): each code is queued at most once."""

    def claim(self, prepared: PreparedInstruction) -> QrRefusal | None:
        """Checks the code again (expiry, clock, nonce used) and takes its nonce; a refusal if not."""
    def release(self, prepared: PreparedInstruction) -> None: ...


class AssistedQueue(Protocol):
    """Queueing from an assisted session (kiosk.modes.dashboard.StaffOperations)."""

    def confirm(self, instruction: Instruction, *, assisted_by: Actor | None, amends: str = "") -> Receipt: ...


@dataclass(frozen=True)
class ConfirmRequest:
    instruction: Instruction
    prepared: PreparedInstruction | None = None  # the signed code the instruction came from, if any
    assisted: Assistance | None = None  # who helped, if staff signed in during the session


@dataclass(frozen=True)
class Confirmed:
    receipt: Receipt


@dataclass(frozen=True)
class NotConfirmed:
    """Nothing was queued; `message` (zh, en) tells the member why and what to do."""

    code: str
    message: tuple[str, str]


ConfirmResult = Confirmed | NotConfirmed


class ConfirmInstruction:
    """Built by the composition root; called with a ConfirmRequest on a worker thread.

    `nonces` and `assisted_queue` are looked up at each call (the storage behind them opens after
    the first paint); either may be absent (no QR service; no staff mode)."""

    def __init__(self, enqueue: Callable[[Instruction], Receipt], *,
                 nonces: Callable[[], NonceGate | None] = lambda: None,
                 assisted_queue: Callable[[], AssistedQueue | None] = lambda: None) -> None:
        self._enqueue = enqueue
        self._nonces = nonces
        self._assisted_queue = assisted_queue

    def __call__(self, request: ConfirmRequest) -> ConfirmResult:
        prepared = request.prepared
        gate: NonceGate | None = None
        if prepared is not None:
            gate = self._nonces()
            if gate is not None:
                taken = gate.claim(prepared)
                if taken is not None:
                    return NotConfirmed(taken.code, taken.pair)
        try:
            return Confirmed(self._queue(request))
        except Exception as error:  # every failure is answered; the member's data is still on screen
            if gate is not None and prepared is not None:
                gate.release(prepared)
            return _not_confirmed(error)

    def _queue(self, request: ConfirmRequest) -> Receipt:
        assisted = request.assisted
        queue = self._assisted_queue() if assisted is not None else None
        if assisted is None or queue is None:
            return self._enqueue(request.instruction)
        from kiosk.ports.staff_queue import Actor

        actor = Actor(assisted.staff_id, assisted.role, assisted.shop)
        return queue.confirm(request.instruction, assisted_by=actor, amends=assisted.amends)


def _not_confirmed(error: Exception) -> NotConfirmed:
    """A bilingual refusal (kiosk.ports.QueueRefused, the storage's OpenFailed, a staff Refused)
    says why; anything else is "could not be saved". The log names the class only: an exception's
    text might quote the instruction."""
    zh, en = getattr(error, "message_zh", None), getattr(error, "message_en", None)
    code = getattr(error, "code", "")
    log.error("enqueue failed: %s", type(error).__name__)
    if isinstance(zh, str) and isinstance(en, str):
        return NotConfirmed(code if isinstance(code, str) and code else type(error).__name__, (zh, en))
    return NotConfirmed("SAVE_FAILED", SAVE_FAILED)
