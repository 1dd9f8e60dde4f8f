"""Safe updates for field kiosks: a signed manifest (Ed25519) over a versioned one-folder bundle,
installed into the inactive of two slots, switched with one atomic rename, self-tested, and switched
back when the self-test fails. See docs/technician.md and build/ for the other side.
"""
