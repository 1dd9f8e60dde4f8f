"""The staff card: PIN verified by the card, a challenge signed with its key, a certificate from
the operator's staff CA carrying role and shop. `StaffCardAuthenticator` signs staff in;
`StaffCardProfile` lets the member-side reader recognise a staff card instead of calling it unknown."""

from __future__ import annotations

from .profile import StaffCardPresented, StaffCardProfile

__all__ = ["StaffCardPresented", "StaffCardProfile"]
