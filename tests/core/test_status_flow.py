"""Checking and cancelling an instruction by its receipt reference, through the kiosk core alone
(kiosk/core/flows/status.py): the effects are collected, and answered as the platform would."""

from __future__ import annotations

from kiosk.core.effects import AuditMember, CancelInstruction, Effect, FetchDetails, LookupReceipt
from kiosk.core.receipt_check import CheckPhase, LocalReceipt, ReceiptLookup, ref_from_qr
from kiosk.core.session import Session
from kiosk.core.state import Screen
from kiosk.domain import Identity, IdentitySource
from kiosk.domain.account import InstructionStatus
from kiosk.ports.audit import AuditEvent, Outcome
from tests.support.member import sign_in_by_code

REF = "EK-261206-7QX4M2"
CARD = Identity("A123456(3)", name_en="CHAN TAI MAN", source=IdentitySource.CARD)
SWITCH = InstructionStatus(REF, "FUND_SWITCH", "received", platform_ref="P-1", received_at="2026-12-07T10:00:00+08:00",
                           cancellable=True, cancel_by="2026-12-07T16:00:00+08:00", next_step_zh="下一步",
                           next_step_en="Next", hotline="183 2622")


def session() -> tuple[Session, list[Effect]]:
    s = Session()
    effects: list[Effect] = []
    s.on_effect(effects.append)
    return s, effects


def test_status_from_attract_needs_nobody_identified_and_back_ends_the_session() -> None:
    s, effects = session()
    s.receipt_check_requested()
    assert s.state.screen is Screen.STATUS and s.state.identity is None
    s.receipt_ref_typed(" ek-261206-7qx4m2 ")
    s.receipt_lookup_submitted()
    assert effects == [LookupReceipt(REF)]
    assert s.state.receipt_check is not None and s.state.receipt_check.phase is CheckPhase.LOOKING
    s.receipt_found(ReceiptLookup(status=SWITCH))
    view = s.state.receipt_check
    assert view.phase is CheckPhase.SHOWN and view.status == SWITCH and s.state.notice is None
    s.back()  # to the entry, the reference kept
    assert s.state.receipt_check.phase is CheckPhase.ENTER and s.state.receipt_check.ref == REF
    s.back()
    assert s.state.screen is Screen.ATTRACT and s.state.receipt_check is None


def test_a_short_reference_is_refused_with_a_bilingual_notice_and_no_lookup() -> None:
    s, effects = session()
    s.receipt_check_requested()
    s.receipt_ref_typed("EK")
    s.receipt_lookup_submitted()
    assert effects == [] and s.state.notice is not None
    assert "EK-" in s.state.notice[0] and "reference" in s.state.notice[1]


def test_unknown_and_offline_answers_say_so_and_local_state_shows_without_the_platform() -> None:
    s, _ = session()
    s.receipt_check_requested(REF)
    s.receipt_found(ReceiptLookup())
    assert s.state.notice is not None and "No instruction" in s.state.notice[1]
    s.back()
    s.receipt_lookup_submitted()
    s.receipt_found(ReceiptLookup(local=LocalReceipt(REF, "FUND_SWITCH", "queued"), offline=True))
    view = s.state.receipt_check
    assert view is not None and view.found and view.type == "FUND_SWITCH" and view.local.state == "queued"
    assert s.state.notice is not None and "cannot be reached" in s.state.notice[1]
    s.receipt_cancel_requested()  # not at the platform yet, and the platform is out of reach
    assert "cancelled" in s.state.notice[1] and s.state.receipt_check.phase is CheckPhase.SHOWN


def test_queued_here_cannot_be_cancelled_until_the_platform_has_it() -> None:
    s, effects = session()
    s.receipt_check_requested(REF)
    s.receipt_found(ReceiptLookup(local=LocalReceipt(REF, "FUND_SWITCH", "queued")))
    s.receipt_cancel_requested()
    assert s.state.notice is not None and "still waiting at this kiosk" in s.state.notice[1]
    assert effects == [LookupReceipt(REF)]


def test_details_and_cancel_ask_an_unidentified_member_to_identify_keeping_the_reference() -> None:
    s, effects = session()
    s.receipt_check_requested(REF)
    s.receipt_found(ReceiptLookup(status=SWITCH))
    s.receipt_details_requested()
    assert s.state.screen is Screen.IDENTIFY and s.state.receipt_check.ref == REF
    assert s.state.notice is not None and "sign in" in s.state.notice[1]
    assert not any(isinstance(e, FetchDetails) for e in effects)


def signed_in_at_status() -> tuple[Session, list[Effect]]:
    s, effects = session()
    s.start()
    s.identified(CARD)
    sign_in_by_code(s)
    assert s.state.screen is Screen.ACCOUNT
    s.receipt_check_requested(REF)
    s.receipt_found(ReceiptLookup(status=SWITCH))
    effects.clear()
    return s, effects


def test_cancel_confirms_then_cancels_and_audits_without_the_number_or_reference() -> None:
    s, effects = signed_in_at_status()
    s.receipt_cancel_requested()
    assert s.state.receipt_check.phase is CheckPhase.CONFIRM_CANCEL and effects == []
    s.receipt_cancel_kept()
    assert s.state.receipt_check.phase is CheckPhase.SHOWN
    s.receipt_cancel_requested()
    s.receipt_cancel_confirmed()
    assert len(effects) == 1 and isinstance(effects[0], CancelInstruction) and effects[0].kiosk_ref == REF
    assert s.state.receipt_check.phase is CheckPhase.CANCELLING
    s.receipt_answered(InstructionStatus(REF, "FUND_SWITCH", "cancelled", received_at=SWITCH.received_at))
    assert s.state.receipt_check.status.status == "cancelled" and "cancelled" in s.state.notice[1]
    audit = effects[-1]
    assert isinstance(audit, AuditMember) and audit.event == AuditEvent.MEMBER_CANCELLED.value
    assert audit.outcome == Outcome.OK.value
    flat = repr(audit.detail)
    assert "A123456" not in flat and REF not in flat
    s.back()
    s.back()
    assert s.state.screen is Screen.ACCOUNT  # opened from the account: back there


def test_a_refused_cancel_shows_the_platforms_reason_and_is_audited() -> None:
    s, effects = signed_in_at_status()
    s.receipt_cancel_requested()
    s.receipt_cancel_confirmed()
    s.receipt_refused("CANCEL_TOO_LATE", ("", ""))  # no message from the platform: the kiosk's own
    assert s.state.notice is not None and "cut-off" in s.state.notice[1] and "截止" in s.state.notice[0]
    audit = effects[-1]
    assert isinstance(audit, AuditMember) and audit.outcome == Outcome.REFUSED.value
    assert audit.detail == (("code", "CANCEL_TOO_LATE"),)


def test_cancel_offline_changes_nothing_and_says_so() -> None:
    s, _ = signed_in_at_status()
    s.receipt_cancel_requested()
    s.receipt_cancel_confirmed()
    s.receipt_unavailable()
    assert s.state.receipt_check.phase is CheckPhase.SHOWN and s.state.receipt_check.status == SWITCH
    assert "nothing can be cancelled" in s.state.notice[1]


def test_not_cancellable_types_and_past_cut_off_are_explained_before_asking() -> None:
    s, effects = signed_in_at_status()
    from dataclasses import replace

    s.back()
    s.receipt_lookup_submitted()
    s.receipt_found(ReceiptLookup(status=replace(SWITCH, type="WITHDRAWAL_CLAIM", cancellable=False, cancel_by="")))
    s.receipt_cancel_requested()
    assert "cannot be cancelled at a kiosk" in s.state.notice[1] and s.state.receipt_check.phase is CheckPhase.SHOWN
    s.back()
    s.receipt_lookup_submitted()
    s.receipt_found(ReceiptLookup(status=replace(SWITCH, cancellable=False)))
    s.receipt_cancel_requested()
    assert "cut-off" in s.state.notice[1]
    assert not any(isinstance(e, CancelInstruction) for e in effects)


def test_details_for_the_signed_in_member() -> None:
    s, effects = signed_in_at_status()
    s.receipt_details_requested()
    assert len(effects) == 1 and isinstance(effects[0], FetchDetails)
    from dataclasses import replace

    s.receipt_answered(replace(SWITCH, values={"scheme_account": "ACC-0001"}))
    view = s.state.receipt_check
    assert view.detailed and view.status.values == {"scheme_account": "ACC-0001"}
    assert "ACC-0001" not in repr(s.state)  # the values stay out of logs


def test_identified_but_not_signed_in_goes_to_sign_in_and_comes_back() -> None:
    s, effects = session()
    s.start()
    s.identified(CARD)
    assert s.state.screen is Screen.MENU
    s.receipt_check_requested(REF)
    s.receipt_found(ReceiptLookup(status=SWITCH))
    s.receipt_details_requested()
    assert s.state.screen is Screen.SIGN_IN
    sign_in_by_code(s)
    assert s.state.screen is Screen.STATUS and s.state.receipt_check.ref == REF
    s.receipt_details_requested()
    assert isinstance(effects[-1], FetchDetails)


def test_a_receipts_qr_code_opens_the_check_from_attract_and_other_codes_are_not_taken() -> None:
    s, effects = session()
    assert ref_from_qr("EMPFK:" + REF) == REF and ref_from_qr("EMPF1:xyz") is None
    assert not s.receipt_scanned("https://example.com")
    assert s.state.screen is Screen.ATTRACT
    assert s.receipt_scanned("EMPFK:" + REF)
    assert s.state.screen is Screen.STATUS and effects == [LookupReceipt(REF)]


def test_a_wipe_forgets_the_check() -> None:
    s, _ = signed_in_at_status()
    s.wipe()
    assert s.state.receipt_check is None and s.state.sign_in is None


def test_a_reference_typed_without_hyphens_gets_them_back() -> None:
    from kiosk.core.receipt_check import normalise_ref

    assert normalise_ref("ek2612067qx4m2") == REF
    assert normalise_ref("EK-261206-7QX4M2 ") == REF
    assert normalise_ref("A(1)") == "A1"
