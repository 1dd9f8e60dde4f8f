"""Runs the receipt check's effects (LookupReceipt, FetchDetails, CancelInstruction) on the window's
worker and answers the Session (kiosk/core/flows/status.py). ui/effects.py hands them here.

The platform is the services' `member` (kiosk.ports.MemberPlatform); this kiosk's outbox is the
services' `outbox` where there is one (the real kiosk: its `get` by reference). Answers that come
back after the member has gone (the window's generation moved on) are dropped."""

from __future__ import annotations

from functools import partial
from typing import Any

from kiosk.core.effects import CancelInstruction, FetchDetails, LookupReceipt
from kiosk.core.receipt_check import ReceiptLookup
from kiosk.receipt_lookup import lookup, member_call
from ui.worker_host import WorkerHost


def _member(services: Any) -> Any:
    return getattr(services, "member", None)


def _local_finder(services: Any) -> Any:
    outbox = getattr(services, "outbox", None)  # waits for the storage's opening (worker thread)
    return getattr(outbox, "get", None)


def run(host: WorkerHost, effect: LookupReceipt | FetchDetails | CancelInstruction) -> None:
    services, generation = host.services, host.generation
    if isinstance(effect, LookupReceipt):
        ref = effect.kiosk_ref
        host.worker.submit(lambda: lookup(_member(services), _local_finder(services), ref),
                           partial(_found, host, generation), partial(_lookup_failed, host, generation))
        return
    member = _member(services)
    if member is None:
        host.session.receipt_unavailable()
        return
    call = member.cancel if isinstance(effect, CancelInstruction) else member.receipt_details
    ref, sign_in = effect.kiosk_ref, effect.sign_in
    host.worker.submit(lambda: member_call(call, ref, sign_in), partial(_answered, host, generation),
                       partial(_call_failed, host, generation))


def _found(host: WorkerHost, generation: int, result: object) -> None:
    if generation != host.generation:
        return
    host.session.receipt_found(result if isinstance(result, ReceiptLookup) else ReceiptLookup(offline=True))


def _lookup_failed(host: WorkerHost, generation: int, error: BaseException) -> None:
    _found(host, generation, None)


def _answered(host: WorkerHost, generation: int, result: object) -> None:
    if generation != host.generation:
        return
    kind, value = result if isinstance(result, tuple) else ("unavailable", None)
    session = host.session
    if kind == "answered":
        session.receipt_answered(value)
    elif kind == "refused":
        session.receipt_refused(value.code, (value.message_zh, value.message_en))
    else:
        session.receipt_unavailable()


def _call_failed(host: WorkerHost, generation: int, error: BaseException) -> None:
    _answered(host, generation, None)
