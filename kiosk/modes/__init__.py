"""Staff-assist and technician modes: who may sign in, what they may do, and what is recorded.

No Qt and no storage here: the audit log, the staff registry files and the outbox's staff actions are
reached through small interfaces that kiosk/app.py wires up.
"""
