"""The member's session: a state machine with no Qt in it.

attract -> identify -> menu -> form -> review -> receipt -> attract. Any screen but attract times out:
first a warning with a countdown, then a wipe of everything the member entered. The UI calls these
methods on its own thread and re-renders when listeners fire; slow work (card reads, the durable
enqueue) runs elsewhere and comes back through `card_read_finished` / `confirmed` / `confirm_failed`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Any

from kiosk.domain import hkid as hkid_rules
from kiosk.domain.clock import hong_kong_now
from kiosk.domain.errors import Notice, ValidationError
from kiosk.domain.funds import DEFAULT_FUNDS, Fund
from kiosk.domain.identity import DocumentCheck, Identity, IdentitySource
from kiosk.ports import CardErrorCode, CardReadResult, IamSmartPoll, IamSmartState, IamSmartTicket, Receipt

if TYPE_CHECKING:  # kiosk.qr (cryptography) is imported when a code is scanned, not at start-up
    from kiosk.domain import mrz as mrz_rules
    from kiosk.domain.model import FormContext, Instruction, InstructionType, Step
    from kiosk.qr import PreparedInstruction, QrPayload, QrRefusal


log = logging.getLogger(__name__)


# The form catalogue (kiosk.domain.instructions) is imported when a member first chooses a form,
# not when the attract screen starts: these forward to it.
def get_type(code: str) -> InstructionType:
    from kiosk.domain.instructions import get_type as catalogue_get_type

    return catalogue_get_type(code)


def active_steps(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> list[Step]:
    from kiosk.domain.instructions import active_steps as catalogue_active_steps

    return catalogue_active_steps(itype, raw, context)


def prune(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None) -> dict[str, Any]:
    from kiosk.domain.instructions import prune as catalogue_prune

    return catalogue_prune(itype, raw, context)


def validate(itype: InstructionType, raw: Mapping[str, Any], context: FormContext | None = None, *,
             upto: str | None = None) -> tuple[dict[str, Any], list[ValidationError]]:
    from kiosk.domain.instructions import validate as catalogue_validate

    return catalogue_validate(itype, raw, context, upto=upto)


def explain(itype: InstructionType, values: Mapping[str, Any], context: FormContext | None = None) -> list[Notice]:
    from kiosk.domain.instructions import explain as catalogue_explain

    return catalogue_explain(itype, values, context)


class Screen(str, Enum):
    ATTRACT = "attract"
    IDENTIFY = "identify"
    MENU = "menu"
    FORM = "form"
    REVIEW = "review"
    RECEIPT = "receipt"
    IAMSMART = "iamsmart"  # identifying through iAM Smart: QR shown, waiting for the member's phone
    SCAN = "scan"  # the camera looks for a prepared instruction's QR code
    MRZ = "mrz"  # an ePassport / ICAO ID card is in the reader: its chip needs the MRZ key
    STAFF_CONFIRM = "staff_confirm"  # assisted: staff confirm they saw the HKID card for a typed number
    # Registration chosen by a member whose identity was typed or merely read: iAM Smart, or staff.
    REGISTRATION_IDENTITY = "registration_identity"


class IdlePhase(str, Enum):
    ACTIVE = "active"
    WARNING = "warning"
    EXPIRED = "expired"


# The order of screens for "step N of M" and for Back.
FLOW = (Screen.IDENTIFY, Screen.MENU, Screen.FORM, Screen.REVIEW, Screen.RECEIPT)
# Screens beside the flow count as the step they stand in for.
STEP_OF = {Screen.IAMSMART: Screen.IDENTIFY, Screen.SCAN: Screen.FORM, Screen.MRZ: Screen.IDENTIFY,
           Screen.STAFF_CONFIRM: Screen.IDENTIFY, Screen.REGISTRATION_IDENTITY: Screen.MENU}

# Instruction types with working screens, as the menu offers them: a member's own, then an
# employer's (the person identified acts for the employer).
MEMBER_FORMS = ("CHANGE_PARTICULARS", "FUND_SWITCH", "TRANSFER_BENEFITS", "WITHDRAWAL_CLAIM",
                "VOLUNTARY_CONTRIBUTION", "MEMBER_REGISTRATION")
EMPLOYER_FORMS = ("EMPLOYEE_ENROLMENT", "TERMINATION", "CONTRIBUTION_DATA")

CARD_MESSAGES: dict[CardErrorCode, tuple[str, str]] = {
    CardErrorCode.REMOVED: ("讀卡期間咭被取出，請重新插入並保持不動，直至完成。",
                            "The card was removed while it was being read. Insert it again and leave it "
                            "in until reading is finished."),
    CardErrorCode.UNKNOWN_CARD: ("此咭不能在本機使用，請改用身份證號碼登入或向職員查詢。",
                                 "This card cannot be used here. Type your HKID number instead, "
                                 "or ask the staff."),
    CardErrorCode.UNREADABLE: ("未能讀取此咭，請重新插入；如仍有問題，請輸入身份證號碼。",
                               "The card could not be read. Insert it again, or type your HKID number."),
    CardErrorCode.NO_READER: ("讀卡器未能使用，請輸入身份證號碼，或通知職員。",
                              "The card reader is not available. Type your HKID number, or tell the staff."),
    CardErrorCode.READER_BUSY: ("讀卡器忙碌中，請稍候再試。", "The card reader is busy. Please try again."),
    CardErrorCode.KEY_REQUIRED: ("請輸入證件號碼、出生日期及有效期至日期，以讀取晶片。",
                                 "Please type the document number, date of birth and date of expiry so the "
                                 "chip can be read."),
    CardErrorCode.WRONG_KEY: ("晶片不接受所輸入的資料。請核對證件資料頁上的證件號碼、出生日期及有效期至日期。",
                              "The chip did not accept these details. Please check the document number, date of "
                              "birth and date of expiry on the document's data page."),
    CardErrorCode.FORGED: ("此證件晶片的資料未能通過真確性核實（資料可能曾被更改），請向職員查詢。",
                           "The data on this document's chip failed the authenticity check (it may have been "
                           "altered). Please ask the staff."),
    CardErrorCode.STAFF_CARD: ("這是職員咭。職員請在職員模式以此咭登入；會員請插入身份證明文件。",
                               "This is a staff card. Staff: sign in to staff mode with it. Members: please "
                               "insert your identity document."),
}

PREPARED_IDENTIFY_FIRST = ("已讀取你的預填指示。請先插入身份證明文件咭、輸入身份證號碼或使用「智方便」確認身份。",
                           "Your prepared instruction was read. Now identify yourself: insert your "
                           "card, type your HKID number, or use iAM Smart.")
PAYMENT_REFERENCE_FIELDS = ("payment_reference", "payment_ref")
PAYMENT_NO_FIELD = ("已讀取僱主付款參考編號 {ref}，但此畫面沒有需要填寫它的項目。請先選擇僱主付款的指示。",
                    "Employer payment reference {ref} was read, but nothing on this screen needs it. "
                    "Choose the employer payment instruction first.")
IAMSMART_MESSAGES: dict[str, tuple[str, str]] = {
    "denied": ("你已在「智方便」拒絕授權，未有登入。你可再試，或改用身份證明文件咭。",
               "You declined in iAM Smart, so you are not signed in. Try again, or use your card."),
    "expired": ("二維碼已過期。請按「再試一次」取得新的二維碼。",
                "The QR code has expired. Press Try again for a new one."),
    "unavailable": ("「智方便」暫時未能使用，請改用身份證明文件咭或輸入身份證號碼。",
                    "iAM Smart is not available right now. Use your card or type your HKID number."),
}

MRZ_TRIES = 3  # wrong MRZ keys before the member is sent back to the other ways of identifying
MRZ_MESSAGES: dict[str, tuple[str, str]] = {
    "wrong_key": ("晶片不接受所輸入的資料（尚餘 {n} 次機會）。請核對證件資料頁上的證件號碼（包括字母）、出生日期及"
                  "有效期至日期，是否與證件底部機讀區的一致。",
                  "The chip did not accept these details ({n} tries left). Check the document number "
                  "(letters included), the date of birth and the date of expiry against the document's data "
                  "page and the machine readable lines at its foot."),
    "no_tries": ("已嘗試三次仍未能讀取晶片。請輸入香港身份證號碼，或向職員查詢。",
                 "The chip could not be opened after three tries. Please type your HKID number, or ask "
                 "the staff."),
    "put_back": ("請把證件放回讀卡器上，保持不動，再按「讀取晶片」。",
                 "Please put the document back on the reader, keep it still, and press Read chip again."),
    "type_hkid": ("證件晶片已讀取（{check}）。請輸入你的香港身份證號碼以繼續。",
                  "The document's chip was read ({check}). Please type your HKID number to continue."),
}
DOCUMENT_CHECK_MESSAGES: dict[str, tuple[str, str]] = {
    DocumentCheck.GENUINE.value: ("晶片資料已核實為真確", "chip data verified genuine"),
    "no_csca": ("未能核實真確性：本機未有簽發國家或地區的證書", "authenticity not verifiable: no certificate for "
                "the issuing country is installed here"),
    "certificate_expired": ("未能核實真確性：證件簽發證書已過期", "authenticity not verifiable: the document's "
                            "signing certificate has expired"),
    DocumentCheck.NOT_VERIFIABLE.value: ("未能核實晶片資料的真確性", "authenticity of the chip data not verifiable"),
}


def document_check_text(identity: Identity | None) -> tuple[str, str] | None:
    """(zh, en) of the passive-authentication verdict for an identity read from an eMRTD chip."""
    if identity is None or identity.document is None:
        return None
    check = identity.document.check
    if check is DocumentCheck.NOT_VERIFIABLE:
        return DOCUMENT_CHECK_MESSAGES.get(identity.document.check_reason, DOCUMENT_CHECK_MESSAGES[check.value])
    return DOCUMENT_CHECK_MESSAGES.get(check.value)


STAFF_CHECK_DECLINED = ("職員未有確認已核對身份證，所輸入的號碼未有使用。請再輸入或插入身份證明文件。",
                        "Staff did not confirm seeing the identity card, so the number was not used. Type it "
                        "again or insert an identity document.")
# Identity sources whose copied form fields review marks (a card read is marked by its verdict already).
PREFILL_SOURCES = {IdentitySource.IAMSMART: "iamsmart"}
REGISTRATION_SOURCE = {IdentitySource.IAMSMART: "IAMSMART"}  # MEMBER_REGISTRATION.identity_source
REGISTRATION = "MEMBER_REGISTRATION"
REGISTRATION_STAFF_DECLINED = ("店員未有確認已核對你的香港身份證，因此未能以此方式登記。"
                               "你可改用「智方便」，或按「返回」選擇其他服務。",
                               "Staff did not confirm seeing your HKID card, so you cannot register this way. "
                               "You can use iAM Smart, or press Back to choose another service.")


def may_register(identity: Identity | None) -> bool:
    """Registration's identity rule (kiosk/domain/forms/registration.py): an iAM Smart identity,
    or one a member of shop staff confirmed by looking at the HKID card. A typed or merely read
    number is not enough (face-scan registration from HKID copies was stopped after forgeries)."""
    return identity is not None and (identity.source is IdentitySource.IAMSMART or bool(identity.verified_by_staff))
PREFILL_MARKS: dict[str, tuple[str, str]] = {"iamsmart": ("（來自「智方便」）", "(from iAM Smart)")}

SAVE_FAILED = ("未能儲存你的指示，資料沒有遺失，請通知職員。",
               "Your instruction could not be saved. Nothing was lost; please tell the staff.")


@dataclass
class SessionState:
    screen: Screen = Screen.ATTRACT
    lang: str = "zh_HK"
    identity: Identity | None = None
    instruction_type: str | None = None
    form_raw: dict[str, Any] = field(default_factory=dict)
    form_values: dict[str, Any] = field(default_factory=dict)
    errors: list[ValidationError] = field(default_factory=list)
    notice: tuple[str, str] | None = None  # (zh, en) message for the member, e.g. a card error
    card_reading: bool = False
    saving: bool = False
    receipt: Receipt | None = None
    # Set when staff signed in during this session (staff-assist): kept until the session ends,
    # so everything confirmed in it is marked assisted.
    assisted: Assistance | None = None
    iamsmart: IamSmartView | None = None  # on Screen.IAMSMART
    # A verified prepared instruction (kiosk.qr): waiting for the member to identify, or in review.
    prepared: PreparedInstruction | None = None
    mrz: MrzView | None = None  # on Screen.MRZ
    # A document chip read that gave no HKID number (e.g. a foreign passport): the member types it.
    pending_document: Identity | None = None
    form_step: str | None = None  # the form's step on screen (a Step name); None: its first
    # A typed number in an assisted session, waiting for staff to confirm they saw the HKID card.
    staff_check: Identity | None = None
    # The member chose registration but must first be identified through iAM Smart or staff
    # (Screen.REGISTRATION_IDENTITY); once they are, the registration form opens by itself.
    # `registration_staff_asked`: they chose "Ask shop staff" and wait for staff to sign in.
    registration_pending: bool = False
    registration_staff_asked: bool = False
    started_by_card: bool = False  # this session began with a card inserted on the attract screen
    # Form fields copied from the identity (field -> value copied) and where it came from
    # ("iamsmart"): review marks a field whose value is still the copied one.
    prefilled: dict[str, str] = field(default_factory=dict, repr=False)
    prefill_source: str = ""
    # Chosen on the attract screen for this member only: a wipe puts them back.
    large_text: bool = False
    high_contrast: bool = False
    speech: bool = False


@dataclass
class MrzView:
    """The MRZ step: which reader holds the document, what was typed, how many tries are left."""

    reader: str
    typed: dict[str, str] = field(default_factory=dict, repr=False)
    tries_left: int = MRZ_TRIES
    key: mrz_rules.MrzKey | None = field(default=None, repr=False)  # the key being tried


@dataclass
class IamSmartView:
    """What the iAM Smart screen shows. phase: starting | waiting | scanned | denied | expired | unavailable
    | mismatch (iAM Smart vouched for another HKID number than the member's: not used)."""

    phase: str = "starting"
    qr: str = field(default="", repr=False)
    expires_at: float = 0.0  # Session's monotonic clock


@dataclass(frozen=True)
class Assistance:
    """Who helped in an assisted session; `amends` is the rejected instruction being amended."""

    staff_id: str
    role: str
    shop: str
    amends: str = ""


class Session:
    def __init__(
        self,
        idle_timeout_s: float = 120.0,
        idle_warning_s: float = 30.0,
        monotonic: Callable[[], float] = time.monotonic,
        default_lang: str = "zh_HK",
    ) -> None:
        self.idle_timeout_s = idle_timeout_s
        self.idle_warning_s = idle_warning_s
        self._monotonic = monotonic
        self._default_lang = default_lang
        self.state = SessionState(lang=default_lang)
        self._last_activity = monotonic()
        self._listeners: list[Callable[[], None]] = []
        # What the form rules may read besides the form: the scheme's funds (from the platform's
        # configuration when the UI has it), public holidays, and the Hong Kong clock.
        self.funds: tuple[Fund, ...] = DEFAULT_FUNDS
        self.holidays: frozenset[Any] = frozenset()
        self.now = hong_kong_now
        self._read_token = 0  # bumped by every card read started or abandoned: late results are dropped

    # ------------------------------------------------------------ plumbing
    def subscribe(self, listener: Callable[[], None]) -> None:
        self._listeners.append(listener)

    def _changed(self) -> None:
        for listener in list(self._listeners):
            listener()

    def touch(self) -> None:
        """Any member activity: resets the idle timer."""
        self._last_activity = self._monotonic()

    # ------------------------------------------------------------ idle
    def idle_phase(self) -> tuple[IdlePhase, float]:
        """(phase, seconds left before the wipe)."""
        if self.state.screen is Screen.ATTRACT:
            return IdlePhase.ACTIVE, self.idle_timeout_s
        left = self.idle_timeout_s - (self._monotonic() - self._last_activity)
        if left <= 0:
            return IdlePhase.EXPIRED, 0.0
        if left <= self.idle_warning_s:
            return IdlePhase.WARNING, left
        return IdlePhase.ACTIVE, left

    def tick(self) -> IdlePhase:
        """Called about once a second by the UI; wipes the session when it has expired."""
        phase, _ = self.idle_phase()
        if phase is IdlePhase.EXPIRED and not self.state.saving:
            self.wipe()
        return phase

    def wipe(self) -> None:
        """Forget everything about the member and go back to attract (language resets too)."""
        self.state = SessionState(lang=self._default_lang)
        self.touch()
        self._changed()

    # ------------------------------------------------------------ navigation
    def set_language(self, lang: str) -> None:
        self.state.lang = lang
        self.touch()
        self._changed()

    def set_accessibility(self, *, large_text: bool | None = None, high_contrast: bool | None = None,
                          speech: bool | None = None) -> None:
        """Large text (200%), high contrast, spoken guidance: for this member, until the wipe."""
        s = self.state
        s.large_text = s.large_text if large_text is None else large_text
        s.high_contrast = s.high_contrast if high_contrast is None else high_contrast
        s.speech = s.speech if speech is None else speech
        self.touch()
        self._changed()

    def start(self, by_card: bool = False) -> None:
        """A new member session; the language and accessibility chosen on the attract screen carry into it.
        `by_card`: a card inserted on the attract screen started it (it may turn out to be a staff card)."""
        old = self.state
        # A fresh state (everything from before forgotten, as wipe() does), announced once: an
        # attract screen drawn in between would restyle the whole kiosk twice for a large-text member.
        self.state = SessionState(lang=old.lang, large_text=old.large_text, high_contrast=old.high_contrast,
                                  speech=old.speech, screen=Screen.IDENTIFY, started_by_card=by_card)
        self.touch()
        self._changed()

    def step(self) -> tuple[int, int]:
        """(step, of) for the progress indicator; 0 on attract."""
        if self.state.screen is Screen.ATTRACT:
            return 0, len(FLOW)
        return FLOW.index(STEP_OF.get(self.state.screen, self.state.screen)) + 1, len(FLOW)

    def back(self) -> None:
        s = self.state
        self.touch()
        s.errors = []
        s.notice = None
        if self._qr_back() or self._form_back():
            return
        if s.screen is Screen.STAFF_CONFIRM:
            self.staff_check_declined()
            return
        if s.screen is Screen.REGISTRATION_IDENTITY:
            if s.registration_staff_asked:
                s.registration_staff_asked = False  # back to the two choices
            else:
                s.registration_pending = False
                s.screen = Screen.MENU
            self._changed()
            return
        if s.screen is Screen.MRZ:
            s.mrz = None
            s.screen = Screen.IDENTIFY
            if s.card_reading:
                self._read_token += 1  # the chip read under way no longer matters
                s.card_reading = False
            self._changed()
            return
        if s.screen is Screen.IDENTIFY or s.screen is Screen.RECEIPT:
            self.wipe()
            return
        if s.screen is Screen.MENU:
            s.identity = None  # going back to identify means identifying again
        s.screen = FLOW[FLOW.index(s.screen) - 1]
        self._changed()

    # ------------------------------------------------------------ identify
    def identify_typed(self, text: str) -> bool:
        self.touch()
        try:
            canonical = hkid_rules.normalise(text)
        except ValidationError as e:
            self.state.errors = [e]
            self._changed()
            return False
        document = self.state.pending_document
        if document is not None:
            # The chip vouched for name, birth date and document; the HKID number is the member's.
            self._typed_identity(Identity(hkid=canonical, name_en=document.name_en, name_zh=document.name_zh,
                                          date_of_birth=document.date_of_birth, source=IdentitySource.TYPED,
                                          reader=document.reader, document=document.document))
            return True
        self._typed_identity(Identity(hkid=canonical, source=IdentitySource.TYPED))
        return True

    def _typed_identity(self, identity: Identity) -> None:
        """A typed number: used at once, or in an assisted session only once staff confirm they saw
        the HKID card (the Immigration Department's chip cannot be read here: docs/cards.md)."""
        s = self.state
        if s.assisted is None:
            self._identified(identity)
            return
        s.staff_check = identity
        s.errors = []
        s.notice = None
        s.screen = Screen.STAFF_CONFIRM
        self._changed()

    # ------------------------------------------------------------ staff confirm the HKID card
    def staff_check_confirmed(self, verified: Identity) -> None:
        """Staff confirmed the card (kiosk.modes.hkid_check made `verified`, audited): identified."""
        s = self.state
        pending = s.staff_check
        if s.screen is not Screen.STAFF_CONFIRM or pending is None or verified.hkid != pending.hkid:
            return  # the member left, or a different number: nothing to confirm
        self.touch()
        s.staff_check = None
        self._identified(verified)

    def staff_check_declined(self) -> None:
        """Staff did not confirm: the typed number is forgotten and the member identifies again."""
        s = self.state
        if s.screen is not Screen.STAFF_CONFIRM:
            return
        self.touch()
        s.staff_check = None
        if s.registration_pending and s.identity is not None:
            # The member is identified (for everything but registration): back to the choice.
            s.registration_staff_asked = False
            s.screen = Screen.REGISTRATION_IDENTITY
            s.notice = REGISTRATION_STAFF_DECLINED
            self._changed()
            return
        s.pending_document = None
        s.screen = Screen.IDENTIFY
        s.notice = STAFF_CHECK_DECLINED
        self._changed()

    def staff_card_presented(self, token: int | None = None) -> bool:
        """A staff card was read where a member's card was expected and the UI opens staff sign-in
        for it. A session the card itself started on the attract screen (nothing done yet) ends;
        a member's session already under way is kept (it becomes assisted once staff sign in).
        Returns whether a member session is kept; False for a stale read too."""
        s = self.state
        if token is not None and token != self._read_token:
            return s.screen is not Screen.ATTRACT
        s.card_reading = False
        if s.started_by_card and s.screen is Screen.IDENTIFY and s.identity is None and not s.form_raw \
                and s.prepared is None:
            self.wipe()
            return False
        s.notice = None
        self._changed()
        return s.screen is not Screen.ATTRACT

    @property
    def read_token(self) -> int:
        """Pass it back to `card_read_finished`: a read the member has since abandoned is ignored."""
        return self._read_token

    def card_read_started(self) -> None:
        self.touch()
        self._read_token += 1
        self.state.card_reading = True
        self.state.notice = None
        self._changed()

    def card_read_finished(self, result: CardReadResult, reader: str = "", token: int | None = None) -> None:
        if token is not None and token != self._read_token:
            return  # started before the member went back from the MRZ step
        self.state.card_reading = False
        if self.state.screen is Screen.MRZ:
            self._document_read_finished(result)
            return
        if self.state.screen is not Screen.IDENTIFY:
            return  # the member moved on (or the session was wiped) while the card was read
        self.touch()
        if result.identity is not None:
            self._card_identified(result.identity)
            return
        code = result.error.code if result.error else CardErrorCode.UNREADABLE
        if code is CardErrorCode.KEY_REQUIRED and reader:
            # An ePassport or ICAO ID card: ask for the key printed on its data page.
            self.state.mrz = MrzView(reader=reader)
            self.state.notice = None
            self.state.errors = []
            self.state.screen = Screen.MRZ
            self._changed()
            return
        self.state.notice = CARD_MESSAGES[code]
        self._changed()

    def _card_identified(self, identity: Identity) -> None:
        s = self.state
        if identity.document is not None and identity.document.check is DocumentCheck.FORGED:
            s.notice = CARD_MESSAGES[CardErrorCode.FORGED]  # never used, whatever the profile did
            self._changed()
            return
        if identity.hkid:
            s.pending_document = None
            self._identified(identity)
            return
        s.pending_document = identity
        s.mrz = None
        s.screen = Screen.IDENTIFY
        check = document_check_text(identity) or ("", "")
        zh, en = MRZ_MESSAGES["type_hkid"]
        s.notice = (zh.format(check=check[0]), en.format(check=check[1]))
        self._changed()

    # ------------------------------------------------------------ the MRZ step (ePassports)
    def mrz_typed(self, name: str, text: str) -> None:
        """Keep what was typed in one of document_number, date_of_birth, date_of_expiry."""
        self.touch()
        if self.state.mrz is not None:
            self.state.mrz.typed[name] = text
            self.state.errors = [e for e in self.state.errors if e.field != name]

    def mrz_submitted(self) -> mrz_rules.MrzKey | None:
        """Check the typed key; the key to read the chip with, or None (errors in state.errors).

        A whole MRZ typed or scanned into the document number field is parsed as such."""
        from kiosk.domain import mrz as mrz_rules

        self.touch()
        s = self.state
        view = s.mrz
        if view is None or s.card_reading or view.tries_left <= 0:
            return None
        number = view.typed.get("document_number", "")
        birth, expiry = view.typed.get("date_of_birth", ""), view.typed.get("date_of_expiry", "")
        errors: list[ValidationError] = []
        key: mrz_rules.MrzKey | None = None
        if len("".join(number.split())) >= 60:
            try:
                key = mrz_rules.parse(number).key
            except ValidationError as e:
                errors = [e]
        else:
            errors = mrz_rules.key_errors(number, birth, expiry)
            if not errors:
                key = mrz_rules.MrzKey.typed(number, birth, expiry)
        if key is None:
            s.errors = errors
            s.notice = None
            self._changed()
            return None
        view.key = key
        s.errors = []
        s.notice = None
        self._read_token += 1
        s.card_reading = True
        self._changed()
        return key

    def mrz_card_inserted(self, reader: str) -> None:
        """A document was put (back) on a reader while the MRZ step is open."""
        view = self.state.mrz
        if view is not None and self.state.screen is Screen.MRZ:
            view.reader = reader
            if self.state.notice == MRZ_MESSAGES["put_back"]:
                self.state.notice = None
            self._changed()

    def _document_read_finished(self, result: CardReadResult) -> None:
        s = self.state
        view = s.mrz
        self.touch()
        if view is None:
            return
        view.key = None
        if result.identity is not None:
            self._card_identified(result.identity)
            return
        code = result.error.code if result.error else CardErrorCode.UNREADABLE
        if code is CardErrorCode.WRONG_KEY:
            view.tries_left -= 1
            if view.tries_left > 0:
                zh, en = MRZ_MESSAGES["wrong_key"]
                s.notice = (zh.format(n=view.tries_left), en.format(n=view.tries_left))
            else:
                s.mrz = None
                s.screen = Screen.IDENTIFY
                s.notice = MRZ_MESSAGES["no_tries"]
        elif code is CardErrorCode.REMOVED:
            s.notice = MRZ_MESSAGES["put_back"]
        elif code in (CardErrorCode.FORGED, CardErrorCode.NO_READER, CardErrorCode.UNKNOWN_CARD):
            s.mrz = None
            s.screen = Screen.IDENTIFY
            s.notice = CARD_MESSAGES[code]
        else:
            s.notice = CARD_MESSAGES.get(code, CARD_MESSAGES[CardErrorCode.UNREADABLE])
        self._changed()

    def _identified(self, identity: Identity) -> None:
        s = self.state
        s.identity = identity
        s.mrz = None
        s.pending_document = None
        s.errors = []
        s.notice = None
        s.iamsmart = None
        s.screen = Screen.MENU
        if s.assisted is not None and s.assisted.amends and s.instruction_type:
            s.screen = Screen.FORM  # an amendment: identified again, on to the member's pre-filled form
            self._registration_source(s.instruction_type)  # how this identity was checked, not the old one's
            if s.instruction_type == REGISTRATION and not may_register(identity):
                self._registration_choice()
        elif s.registration_pending and s.prepared is None:
            # Identified through iAM Smart or staff for registration: on to its form.
            s.registration_pending = False
            s.registration_staff_asked = False
            if may_register(identity):
                self._open_form(REGISTRATION)
        if s.prepared is not None:
            self._review_prepared(s.prepared)  # scanned before identifying: on to review (or refused)
        self._changed()

    # ------------------------------------------------------------ form
    def choose(self, type_code: str) -> None:
        get_type(type_code)  # unknown codes raise ValidationError
        self.touch()
        s = self.state
        if type_code == REGISTRATION and not may_register(s.identity):
            self._registration_choice()  # not a form they could not finish
        else:
            self._open_form(type_code)
        self._changed()

    def _open_form(self, type_code: str) -> None:
        itype = get_type(type_code)
        s = self.state
        if s.instruction_type != type_code:
            s.form_raw = {}
            s.form_values = {}
            s.prefilled = {}
            source = s.identity.source if s.identity else None
            s.prefill_source = PREFILL_SOURCES.get(source, "") if source else ""
            # What the identity document already says need not be typed again (it can be corrected).
            for spec in itype.fields:
                known = getattr(s.identity, spec.prefill, "") if spec.prefill and s.identity else ""
                if known and isinstance(known, str):
                    s.form_raw[spec.name] = known
                    s.prefilled[spec.name] = known
            self._registration_source(itype.code)
        s.instruction_type = type_code
        s.form_step = None
        s.errors = []
        s.screen = Screen.FORM

    def _registration_source(self, type_code: str) -> None:
        """A registration says how the identity was checked (not asked: the flow knows it); an
        identity checked neither way says nothing (the domain rule refuses it)."""
        s = self.state
        if type_code != REGISTRATION:
            return
        s.form_raw.pop("identity_source", None)
        if s.identity is None:
            return
        if s.identity.verified_by_staff:
            s.form_raw["identity_source"] = "CARD_STAFF_CHECKED"
        elif s.identity.source in REGISTRATION_SOURCE:
            s.form_raw["identity_source"] = REGISTRATION_SOURCE[s.identity.source]

    # ------------------------------------------------------------ registration's identity check
    def _registration_choice(self) -> None:
        s = self.state
        s.registration_pending = True
        s.registration_staff_asked = False
        s.errors = []
        s.notice = None
        s.screen = Screen.REGISTRATION_IDENTITY

    def registration_iamsmart(self) -> None:
        """"Use iAM Smart" on the registration choice: the iAM Smart hand-off; its identity
        replaces the typed one and the registration form opens pre-filled from it."""
        s = self.state
        if s.screen is not Screen.REGISTRATION_IDENTITY:
            return
        self.touch()
        s.notice = None
        s.errors = []
        s.registration_staff_asked = False
        s.iamsmart = IamSmartView()
        s.screen = Screen.IAMSMART
        self._changed()

    def registration_ask_staff(self) -> None:
        """"Ask shop staff": with staff signed in already, straight to their card check; else the
        screen says what happens (staff sign in, then check the card: mark_assisted continues)."""
        s = self.state
        if s.screen is not Screen.REGISTRATION_IDENTITY or s.identity is None:
            return
        self.touch()
        s.notice = None
        if s.assisted is not None:
            self._ask_staff_check(s.identity)
        else:
            s.registration_staff_asked = True
        self._changed()

    def _ask_staff_check(self, identity: Identity) -> None:
        s = self.state
        s.staff_check = identity
        s.registration_staff_asked = False
        s.errors = []
        s.notice = None
        s.screen = Screen.STAFF_CONFIRM

    def prefilled_from(self, name: str) -> str:
        """Where a form field's value came from ("iamsmart") while it is still the value
        copied from the identity; "" when the member typed or changed it."""
        s = self.state
        copied = s.prefilled.get(name)
        if copied is None or not s.prefill_source:
            return ""
        current = s.form_values.get(name, s.form_raw.get(name))
        return s.prefill_source if current is not None and str(current) == copied else ""

    def form_context(self) -> FormContext:
        from kiosk.domain.model import FormContext

        return FormContext(now=self.now(), member=self.state.identity, funds=self.funds, holidays=self.holidays)

    def form_steps(self) -> list[Step]:
        """The steps asked, given the answers so far (a later answer may add or drop steps)."""
        s = self.state
        if s.instruction_type is None:
            return []
        return active_steps(get_type(s.instruction_type), s.form_raw, self.form_context())

    def current_step(self) -> Step | None:
        """The step on screen: the one named in state.form_step, or the next one asked after it
        when an earlier answer means it is no longer asked."""
        s = self.state
        steps = self.form_steps()
        if not steps or s.instruction_type is None:
            return None
        if s.form_step is None:
            return steps[0]
        plan = [st.name for st in get_type(s.instruction_type).plan()]
        here = plan.index(s.form_step) if s.form_step in plan else 0
        return next((st for st in steps if plan.index(st.name) >= here), steps[-1])

    def form_position(self) -> tuple[int, int]:
        """(question n, of m) within the form, for "問題 2 / 5"."""
        steps = self.form_steps()
        current = self.current_step()
        if current is None:
            return 0, 0
        return [st.name for st in steps].index(current.name) + 1, len(steps)

    def next_step(self) -> list[ValidationError]:
        """Check the step on screen (and the rules it completes); then the next step, or review."""
        self.touch()
        s = self.state
        current = self.current_step()
        if current is None or s.instruction_type is None:
            return self.submit_form()
        itype = get_type(s.instruction_type)
        ctx = self.form_context()
        _, errors = validate(itype, prune(itype, s.form_raw, ctx), ctx, upto=current.name)
        s.errors = errors
        if errors:
            s.form_step = current.name
            self._changed()
            return errors
        steps = [st.name for st in self.form_steps()]
        at = steps.index(current.name)
        if at + 1 < len(steps):
            s.form_step = steps[at + 1]
            self._changed()
            return []
        return self.submit_form()

    def goto_step(self, name: str) -> None:
        """Back to a step from review ("change this"), keeping everything typed."""
        s = self.state
        if s.instruction_type is None or s.prepared is not None:
            return
        get_type(s.instruction_type).step(name)
        self.touch()
        s.form_step = name
        s.errors = []
        s.notice = None
        s.screen = Screen.FORM
        self._changed()

    def notes(self) -> list[Notice]:
        """What the member must see before confirming: computed amounts, cut-off, cap left."""
        s = self.state
        if s.instruction_type is None:
            return []
        return explain(get_type(s.instruction_type), s.form_values, self.form_context())

    def _form_back(self) -> bool:
        """Back within a form: the previous step; from review, the last step. True when handled."""
        s = self.state
        if s.screen is Screen.FORM:
            steps = [st.name for st in self.form_steps()]
            current = self.current_step()
            if current is None or steps.index(current.name) == 0:
                return False
            s.form_step = steps[steps.index(current.name) - 1]
        elif s.screen is Screen.REVIEW and s.instruction_type is not None:
            asked = self.form_steps()
            s.form_step = asked[-1].name if asked else None
            s.screen = Screen.FORM
        else:
            return False
        self._changed()
        return True

    def set_field(self, name: str, raw: Any) -> ValidationError | None:
        """Keep what was typed and check that one field as it is typed."""
        self.touch()
        s = self.state
        assert s.instruction_type is not None
        spec = get_type(s.instruction_type).field(name)
        s.form_raw[name] = raw
        s.errors = [e for e in s.errors if e.field and e.field != name and not e.field.startswith(name + "[")]
        step = self.current_step()
        from kiosk.domain.fields import check_field

        try:
            # A field on a step the member chose (e.g. "change my mobile") is required there.
            check_field(spec, raw, required=spec.required or bool(step and step.required and name in step.fields))
        except ValidationError as e:
            return e
        return None

    def submit_form(self) -> list[ValidationError]:
        self.touch()
        s = self.state
        assert s.instruction_type is not None
        itype = get_type(s.instruction_type)
        ctx = self.form_context()
        values, errors = validate(itype, prune(itype, s.form_raw, ctx), ctx)
        s.errors = errors
        if errors:
            # Show the first step that holds a field in error (the member fixes it there).
            failing = {e.field.split("[")[0] for e in errors if e.field}
            step = next((st for st in active_steps(itype, s.form_raw, ctx) if failing & set(st.fields)), None)
            if step is not None:
                s.form_step = step.name
        else:
            s.form_values = {k: v for k, v in values.items() if v is not None}
            s.screen = Screen.REVIEW
        self._changed()
        return errors

    # ------------------------------------------------------------ confirm
    def instruction(self) -> Instruction:
        s = self.state
        assert s.identity is not None and s.instruction_type is not None
        from kiosk.domain.model import Instruction

        return Instruction(s.instruction_type, s.identity, dict(s.form_values))

    def confirm_started(self) -> Instruction:
        """The member pressed confirm: returns what to enqueue (off the UI thread)."""
        self.touch()
        self.state.saving = True
        self._changed()
        return self.instruction()

    def confirmed(self, receipt: Receipt) -> None:
        s = self.state
        s.saving = False
        s.receipt = receipt
        s.prepared = None  # its instruction is queued; the signed values need not stay in memory
        # The instruction is on disk: the form's personal values are not needed on screen any more.
        s.form_raw = {}
        s.form_values = {}
        s.screen = Screen.RECEIPT
        self.touch()
        self._changed()

    def confirm_failed(self, message: tuple[str, str] = SAVE_FAILED) -> None:
        self.state.saving = False
        self.state.notice = message
        self._changed()

    # ------------------------------------------------------------ staff assist
    def mark_assisted(self, staff_id: str, role: str, shop: str) -> bool:
        """Staff signed in during this member's session: keep it, and mark it assisted. Returns
        whether there was a member session to keep (nothing to mark on the attract screen)."""
        if self.state.screen is Screen.ATTRACT:
            return False
        if self.state.assisted is None:
            self.state.assisted = Assistance(staff_id, role, shop)
        self.touch()
        s = self.state
        if s.screen is Screen.REGISTRATION_IDENTITY and s.identity is not None:
            self._ask_staff_check(s.identity)  # they came to check the member's HKID card
        self._changed()
        return True

    def start_amendment(self, type_code: str, form_raw: dict[str, Any], assistance: Assistance) -> None:
        """A new assisted session to amend a rejected instruction (assistance.amends names it): the
        member identifies again (card or typed HKID: staff never see it in full, and a wrong
        number can be corrected), then corrects the pre-filled form and confirms again."""
        get_type(type_code)
        lang = self.state.lang
        self.wipe()
        s = self.state
        s.lang = lang
        s.instruction_type = type_code
        s.form_raw = dict(form_raw)
        s.assisted = assistance
        s.screen = Screen.IDENTIFY
        self._changed()

    # ------------------------------------------------------------ QR codes (kiosk.qr, drivers/qr)
    def scan_requested(self) -> None:
        """The member wants to show a prepared instruction's QR code to the camera."""
        if self.state.identity is None or self.state.screen is not Screen.MENU:
            return
        self.touch()
        self.state.notice = None
        self.state.screen = Screen.SCAN
        self._changed()

    def qr_received(self, result: QrPayload | QrRefusal, field_name: str | None = None) -> str:
        """A scanned code, already interpreted by kiosk.qr (off the UI thread). `field_name` is the
        form field that has the focus, if any. Returns what was done: "ignored", "refused",
        "pending" (identify first), "review", "field" or "field-error"."""
        from kiosk.qr import PaymentReference, PlainCode, PreparedInstruction, QrRefusal
        from kiosk.qr import refusal as qr_refusal

        s = self.state
        if s.saving or s.card_reading or s.screen in (Screen.REVIEW, Screen.RECEIPT, Screen.IAMSMART):
            return "ignored"  # never disturb a member checking, saving, or reading a receipt
        if s.screen is Screen.ATTRACT:
            self.start()  # a code shown to the kiosk is as good as pressing Start
            s = self.state
        self.touch()
        if isinstance(result, QrRefusal):
            s.notice = result.pair
            self._changed()
            return "refused"
        if isinstance(result, PreparedInstruction):
            if s.identity is None:
                s.prepared = result
                s.screen = Screen.IDENTIFY
                s.notice = PREPARED_IDENTIFY_FIRST
                self._changed()
                return "pending"
            done = self._review_prepared(result)
            self._changed()
            return done
        if isinstance(result, PaymentReference):
            elsewhere = (PAYMENT_NO_FIELD[0].format(ref=result.text), PAYMENT_NO_FIELD[1].format(ref=result.text))
            # Only into a field made for it: a reference in the mobile-number field helps nobody.
            return self._fill_from_code(result.text, None, PAYMENT_REFERENCE_FIELDS, elsewhere)
        assert isinstance(result, PlainCode)
        return self._fill_from_code(result.text, field_name, (), qr_refusal("NOT_FOR_KIOSK", "plain").pair)

    def _review_prepared(self, prepared: PreparedInstruction) -> str:
        """Show a verified prepared instruction for review, if it belongs to the identified member."""
        from kiosk.qr import QrRefusal
        from kiosk.qr.review import for_session

        s = self.state
        assert s.identity is not None
        s.prepared = None
        # kiosk.qr.review.for_session: the code's values checked with this member and the session's
        # assurance, as a typed form is (the subject binding too); its values are what is queued.
        checked = for_session(prepared, s.identity, self.form_context())
        if isinstance(checked, QrRefusal):
            s.notice = checked.pair
            s.screen = Screen.MENU
            return "refused"
        prepared = checked
        s.prepared = prepared
        s.instruction_type = prepared.type
        s.form_values = dict(prepared.values)
        s.form_raw = {k: v if isinstance(v, dict) else str(v) for k, v in prepared.values.items()}
        s.errors = []
        s.notice = None
        s.screen = Screen.REVIEW
        return "review"

    def _fill_from_code(self, text: str, field_name: str | None, preferred: tuple[str, ...],
                        elsewhere: tuple[str, str]) -> str:
        """Put a scanned code into the form: into a field made for it, else the focused field."""
        s = self.state
        names = [f.name for f in get_type(s.instruction_type).fields] if (
            s.screen is Screen.FORM and s.instruction_type) else []
        target = next((n for n in preferred if n in names), field_name if field_name in names else None)
        if target is None:
            s.notice = elsewhere
            self._changed()
            return "refused"
        error = self.set_field(target, text)
        s.notice = None
        if error is not None:
            s.errors = [e for e in s.errors if e.field != target] + [error]
        self._changed()
        return "field" if error is None else "field-error"

    def _qr_back(self) -> bool:
        """Back from the screens this section adds; True when it handled it."""
        s = self.state
        if s.screen is Screen.IAMSMART:
            s.iamsmart = None
            s.screen = self._before_iamsmart()  # the UI cancels the platform session when the screen goes
        elif s.screen is Screen.SCAN:
            s.screen = Screen.MENU
        elif s.screen is Screen.REVIEW and s.prepared is not None:
            # A signed instruction cannot be edited here (it would no longer be what was signed):
            # back means "not this one".
            s.prepared = None
            s.instruction_type = None
            s.form_raw = {}
            s.form_values = {}
            s.screen = Screen.MENU
        else:
            return False
        self._changed()
        return True

    # ------------------------------------------------------------ iAM Smart (kiosk.iamsmart)
    def iamsmart_requested(self) -> None:
        """Identify through iAM Smart: the UI opens the platform session when this screen shows."""
        if self.state.screen is not Screen.IDENTIFY or self.state.card_reading:
            return
        self.touch()
        self.state.notice = None
        self.state.errors = []
        self.state.iamsmart = IamSmartView()
        self.state.screen = Screen.IAMSMART
        self._changed()

    def _before_iamsmart(self) -> Screen:
        """Where leaving iAM Smart returns: identify, or registration's choice it was opened from."""
        return Screen.REGISTRATION_IDENTITY if self.state.registration_pending else Screen.IDENTIFY

    def iamsmart_retry(self) -> None:
        if self.state.screen is Screen.IAMSMART:
            self.touch()
            self.state.notice = None
            self.state.iamsmart = IamSmartView()
            self._changed()

    def iamsmart_ticket(self, ticket: IamSmartTicket) -> None:
        view = self.state.iamsmart
        if self.state.screen is not Screen.IAMSMART or view is None:
            return
        view.phase = "waiting"
        view.qr = ticket.qr
        view.expires_at = self._monotonic() + ticket.expires_in_s
        self._changed()

    def iamsmart_progress(self, poll: IamSmartPoll) -> None:
        s = self.state
        view = s.iamsmart
        if s.screen is not Screen.IAMSMART or view is None:
            return
        self.touch()  # the member is busy with their phone: not idle
        if poll.state is IamSmartState.COMPLETED and poll.identity is not None:
            from kiosk.domain.messages import text as message_text
            from kiosk.iamsmart import identity_conflict  # here: not a start-up import

            if identity_conflict(s.identity, poll.identity):
                # Someone else's iAM Smart (another person's phone): never carry on as them.
                # Dropped here, kept nowhere; the log says what happened, not whose numbers.
                log.warning("iAM Smart identity not used: its HKID number differs from the member's")
                view.phase = "mismatch"
                view.qr = ""
                s.notice = message_text("IAMSMART_HKID_MISMATCH")
                self._changed()
                return
            self._identified(poll.identity)
            return
        if poll.state is IamSmartState.CANCELLED:
            s.iamsmart = None
            s.screen = self._before_iamsmart()
        elif poll.state is IamSmartState.SCANNED:
            view.phase = "scanned"
        elif poll.state in (IamSmartState.DENIED, IamSmartState.EXPIRED):
            view.phase = poll.state.value
            view.qr = ""  # a dead code must not stay on screen to be scanned
            s.notice = IAMSMART_MESSAGES[poll.state.value]
        self._changed()

    def iamsmart_start_again(self) -> None:
        """After a mismatch: a fresh session at identify (language and accessibility kept), the
        typed or read identity forgotten with everything else."""
        if self.state.screen is Screen.IAMSMART:
            self.start()

    def iamsmart_ask_staff(self) -> None:
        """After a mismatch: back to registration's choice, asking staff to check the member's
        HKID card (at once when staff are signed in already); the notice stays to say why."""
        s = self.state
        if s.screen is not Screen.IAMSMART:
            return
        self.touch()
        s.iamsmart = None
        s.screen = self._before_iamsmart()
        if s.screen is Screen.REGISTRATION_IDENTITY and s.identity is not None:
            if s.assisted is not None:
                self._ask_staff_check(s.identity)
            else:
                s.registration_staff_asked = True
        self._changed()

    def iamsmart_failed(self) -> None:
        s = self.state
        if s.screen is not Screen.IAMSMART or s.iamsmart is None:
            return
        s.iamsmart.phase = "unavailable"
        s.iamsmart.qr = ""
        s.notice = IAMSMART_MESSAGES["unavailable"]
        self._changed()

    def iamsmart_seconds_left(self) -> float:
        view = self.state.iamsmart
        if view is None or view.phase not in ("waiting", "scanned"):
            return 0.0
        return max(0.0, view.expires_at - self._monotonic())

