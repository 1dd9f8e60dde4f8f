"""One module per instruction type; ALL is the order the menu offers them in."""

from __future__ import annotations

from ..model import InstructionType
from .contribution import CONTRIBUTION_DATA
from .enrolment import EMPLOYEE_ENROLMENT
from .investment import FUND_SWITCH
from .particulars import CHANGE_PARTICULARS
from .registration import MEMBER_REGISTRATION
from .termination import TERMINATION
from .transfer import TRANSFER_BENEFITS
from .voluntary import VOLUNTARY_CONTRIBUTION
from .withdrawal import WITHDRAWAL_CLAIM

ALL: tuple[InstructionType, ...] = (
    MEMBER_REGISTRATION,
    CHANGE_PARTICULARS,
    FUND_SWITCH,
    TRANSFER_BENEFITS,
    WITHDRAWAL_CLAIM,
    VOLUNTARY_CONTRIBUTION,
    EMPLOYEE_ENROLMENT,
    TERMINATION,
    CONTRIBUTION_DATA,
)
