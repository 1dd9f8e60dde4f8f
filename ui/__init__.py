"""The Qt shell of the kiosk: it presents kiosk.core.session.Session and forwards input to it."""

from ui.compat import protect_none_refcount, skip_feature_source_scan

# Before anything else here calls into Qt: see ui/compat.py (PySide6 6.12 on Python 3.11).
protect_none_refcount()
skip_feature_source_scan()  # PySide loaded now: stop it reading every module's source (ui/compat.py)

# Qt Virtual Keyboard (Chinese entry) is an input method: it must be chosen before the
# QApplication exists, which a test runner may create before any kiosk code runs.
from ui.chinese_input import enable_virtual_keyboard  # noqa: E402

enable_virtual_keyboard()
