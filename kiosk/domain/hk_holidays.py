"""Hong Kong general holidays (public holidays other than Sundays), 2025 to 2027, as data.

They change by proclamation, so they are a table, not a computation: the contribution day
(kiosk/domain/contribution_day.py) moves past them. 2025 and 2026 are the gazetted lists; 2027
follows the same rules on the lunar calendar's dates (a holiday on a Sunday moves to the next
weekday; when a Lunar New Year day falls on a Sunday, the fourth day is the holiday) and is to be
checked against the gazette notice when it is published. Sundays are not listed: weekends are
never working days anyway. A kiosk may add days (FormContext.holidays) that are not here.
"""

from __future__ import annotations

import datetime as dt

_D = dt.date

HK_GENERAL_HOLIDAYS: frozenset[dt.date] = frozenset({
    # 2025
    _D(2025, 1, 1), _D(2025, 1, 29), _D(2025, 1, 30), _D(2025, 1, 31), _D(2025, 4, 4), _D(2025, 4, 18),
    _D(2025, 4, 19), _D(2025, 4, 21), _D(2025, 5, 1), _D(2025, 5, 5), _D(2025, 5, 31), _D(2025, 7, 1),
    _D(2025, 10, 1), _D(2025, 10, 7), _D(2025, 10, 29), _D(2025, 12, 25), _D(2025, 12, 26),
    # 2026
    _D(2026, 1, 1), _D(2026, 2, 17), _D(2026, 2, 18), _D(2026, 2, 19), _D(2026, 4, 3), _D(2026, 4, 4),
    _D(2026, 4, 6), _D(2026, 4, 7), _D(2026, 5, 1), _D(2026, 5, 25), _D(2026, 6, 19), _D(2026, 7, 1),
    _D(2026, 9, 26), _D(2026, 10, 1), _D(2026, 10, 19), _D(2026, 12, 25), _D(2026, 12, 26),
    # 2027
    _D(2027, 1, 1), _D(2027, 2, 6), _D(2027, 2, 8), _D(2027, 2, 9), _D(2027, 3, 26), _D(2027, 3, 27),
    _D(2027, 3, 29), _D(2027, 4, 5), _D(2027, 5, 1), _D(2027, 5, 13), _D(2027, 6, 9), _D(2027, 7, 1),
    _D(2027, 9, 16), _D(2027, 10, 1), _D(2027, 10, 8), _D(2027, 12, 25), _D(2027, 12, 27),
})
COVERED_YEARS = (2025, 2026, 2027)
