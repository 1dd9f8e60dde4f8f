"""A refusal that staff and technicians read, in both languages, with a stable code."""

from __future__ import annotations

from kiosk.languages import choose


class Refused(Exception):
    """Something a staff member or technician asked for was not done, and why.

    `code` is stable (tests, the audit log, support); the messages are for people. The text never
    quotes personal data."""

    def __init__(self, code: str, message_zh: str, message_en: str) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)
