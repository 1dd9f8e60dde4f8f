"""Safe updates for field kiosks: a release verified through the operator's TUF repository
(tuf_source.py; or, for a kiosk without a TUF root, a manifest with its own Ed25519 signature),
installed into the inactive of two slots, switched with one atomic rename, self-tested, and switched
back when the self-test fails. See docs/technician.md and build/ (tuf_repo.py, build.py) for the
other side.
"""
