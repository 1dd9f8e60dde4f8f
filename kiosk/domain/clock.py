"""Hong Kong local time: a module of its own so that the session can keep its clock without
loading the form model at start-up."""

from __future__ import annotations

import datetime as dt


def hong_kong_now() -> dt.datetime:
    """Hong Kong local time, naive (the kiosk's rules speak of 4 pm in Hong Kong)."""
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Asia/Hong_Kong")).replace(tzinfo=None)
    except Exception:  # no tz database: the kiosk's own clock is set to Hong Kong time
        return dt.datetime.now()
