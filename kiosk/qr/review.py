"""A verified prepared instruction meets the member: checked like a typed form, then again at confirm.

`verify_prepared` believes the platform's signature, but a signature says what the platform was
asked to prepare, not who is at the kiosk. So once the member has identified, `for_session` runs
the code's values through the domain rules *with the member and the session's assurance*, exactly
as a typed form is checked: the fields the kiosk's own flow sets (a registration's
`identity_source`) come from how this member identified, never from the code. A registration code
claiming `IAMSMART` for a member who typed their number is refused here, as the typed form is.

Time and nonce were checked at the scan; the member may then sit on the review screen past the
code's expiry, or another kiosk may have used the code. `recheck_for_confirm` repeats those checks
at the moment of confirming (QrService.claim calls it before it takes the nonce), so such a code
is refused with a reason and nothing is queued.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from kiosk.domain import ValidationError, get_type, validate
from kiosk.domain.forms.registration import identity_source_of
from kiosk.domain.identity import Identity
from kiosk.domain.model import FormContext

from .nonces import NonceStore
from .prepared import CLOCK_SKEW_S, PreparedInstruction, flow_fields
from .refusals import QrRefusal, refusal


def session_values(type_code: str, member: Identity) -> dict[str, Any]:
    """The flow fields the kiosk sets for this member (empty for types that have none)."""
    flow = flow_fields(get_type(type_code))
    values: dict[str, Any] = {}
    if "identity_source" in flow:
        source = identity_source_of(member)
        if source is not None:
            values["identity_source"] = source
    return values


def for_session(prepared: PreparedInstruction, member: Identity,
                context: FormContext) -> PreparedInstruction | QrRefusal:
    """The prepared instruction with its values checked for `member` (context.member should be
    the same identity), or why not. Never raises."""
    if not prepared.for_member(member.hkid):
        return refusal("PREPARED_OTHER_MEMBER", "subject")
    try:
        itype = get_type(prepared.type)
    except ValidationError:
        return refusal("PREPARED_TYPE_UNKNOWN", "typ")
    flow = flow_fields(itype)
    raw: Mapping[str, Any] = {**{k: v for k, v in prepared.values.items() if k not in flow},
                              **session_values(itype.code, member)}
    ctx = context if context.member is member else dataclasses.replace(context, member=member)
    clean, errors = validate(itype, raw, ctx)
    if errors:
        first = errors[0]
        return refusal("PREPARED_INVALID", f"member {first.code} {first.field}",
                       (first.message_zh, first.message_en))
    return dataclasses.replace(prepared, values={k: v for k, v in clean.items() if v is not None})


def recheck_for_confirm(prepared: PreparedInstruction, now: float, nonces: NonceStore) -> QrRefusal | None:
    """None when the code may still be queued at `now`; else the refusal to show (nothing is queued).

    Expired (at or after `exp`, as at the scan): PREPARED_EXPIRED_AT_CONFIRM. Not yet valid (the
    kiosk clock was set back meanwhile): PREPARED_NOT_YET_VALID. Nonce used meanwhile (another
    kiosk, or this one in another session): PREPARED_USED."""
    if now >= prepared.expires_at:
        return refusal("PREPARED_EXPIRED_AT_CONFIRM", f"{now - prepared.expires_at:.0f} s ago")
    if now + CLOCK_SKEW_S < prepared.issued_at:
        return refusal("PREPARED_NOT_YET_VALID", "at confirm")
    if nonces.used(prepared.kid, prepared.nonce):
        return refusal("PREPARED_USED", "at confirm")
    return None
