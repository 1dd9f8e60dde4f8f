"""The member's pages, built when first needed (ui/start_up.py builds them in idle time after the
first paint, or a member who gets there first has it built on demand)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING

from kiosk.core.session import Session
from kiosk.core.state import Screen, SessionState
from ui.screens.base import ScreenBase
from ui.services import KioskServicesLike

if TYPE_CHECKING:
    from kiosk.core.receipt_check import LocalReceipt


def build_page(screen: Screen, session: Session, services: KioskServicesLike, *, confirm: Callable[[], None],
               read_document: Callable[[], None]) -> ScreenBase:
    """The page that presents `screen`; each is imported only when first built (start-up paints
    the attract screen alone)."""
    if screen is Screen.IDENTIFY:
        from ui.screens.identify import IdentifyScreen

        identify = IdentifyScreen(session)
        demo = services.demo
        if demo is not None and demo.has_virtual_card:
            identify.set_demo(demo)
        return identify
    if screen is Screen.MENU:
        from ui.screens.menu import MenuScreen

        return MenuScreen(session)
    if screen is Screen.FORM:
        from ui.screens.form import FormScreen

        return FormScreen(session)
    if screen is Screen.REVIEW:
        from ui.screens.review import ReviewScreen

        return ReviewScreen(session, confirm)
    if screen is Screen.RECEIPT:
        from ui.screens.receipt import ReceiptScreen

        return ReceiptScreen(session)
    if screen is Screen.MRZ:  # an ePassport's chip needs the key from its data page
        from ui.screens.mrz import MrzScreen

        return MrzScreen(session, read_document)
    if screen is Screen.SCAN:  # the camera looks for a prepared instruction's QR code
        from ui.screens.scan import ScanScreen

        return ScanScreen(session)
    if screen is Screen.IAMSMART:
        from ui.screens.iamsmart import IamSmartScreen

        return IamSmartScreen(session)
    if screen is Screen.REGISTRATION_IDENTITY:  # registering needs iAM Smart or staff checking the card
        from ui.screens.registration_identity import RegistrationIdentityScreen

        return RegistrationIdentityScreen(session)
    if screen is Screen.SIGN_IN:  # what moves money or changes details needs a sign-in
        from ui.screens.sign_in import SignInScreen

        sign_in = SignInScreen(session)
        qr_demo = services.demo.qr_demo if services.demo is not None else None
        phone = getattr(qr_demo, "phone_messages", None)  # the demo's simulated phone, when it has one
        if callable(phone):
            sign_in.set_demo_phone(phone)
        return sign_in
    if screen is Screen.EMPLOYER:  # an employer's authorised person picks the employer
        from ui.screens.employer import EmployerScreen

        return EmployerScreen(session)
    if screen is Screen.ACCOUNT:  # the signed-in member's own account
        from ui.screens.account import AccountScreen

        return AccountScreen(session, partial(_member_receipts, services))
    if screen is Screen.STATUS:  # check or cancel an instruction by its receipt reference
        from ui.screens.status import StatusScreen

        return StatusScreen(session)
    raise ValueError(f"no page for {screen}")


def _member_receipts(services: KioskServicesLike, state: SessionState) -> list[LocalReceipt]:
    """This kiosk's outbox rows of the member on the account screen (none until the storage is open)."""
    from kiosk.receipt_lookup import member_receipts

    if not services.is_open():
        return []
    return member_receipts(getattr(services, "outbox", None), state.identity)
