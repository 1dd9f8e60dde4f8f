"""Shared test set-up. Real parts: pcscd with vpcd, the platform simulator on loopback, real SQLite."""

from __future__ import annotations

import os

# Qt widgets under test run offscreen unless a test starts Xvfb on purpose.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

pytest_plugins = [
    "tests.support.pcsc",
    "tests.support.platform",
]
