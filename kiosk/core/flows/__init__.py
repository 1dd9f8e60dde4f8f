"""The session's flows: pure functions from a state (and an event) to a Transition.

Each module owns one part of the member's way through the kiosk (identify, the MRZ step, iAM Smart,
registration's identity check, QR codes, the form, review and confirm, Back); kiosk/core/session.py
calls them and keeps the result.
"""
