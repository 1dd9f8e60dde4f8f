"""Validation errors that carry a stable code and a message in both languages."""

from __future__ import annotations


class ValidationError(ValueError):
    """One problem with one field, shown to the member in 繁體中文 and English.

    `code` is stable (tests, support staff and logs use it); the messages are for people.
    `field` names the form field, or is empty for a problem with the whole form.
    """

    def __init__(self, code: str, message_zh: str, message_en: str, field: str = "") -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.field = field

    def message(self, lang: str) -> str:
        return self.message_zh if lang.startswith("zh") else self.message_en

    def __repr__(self) -> str:
        return f"ValidationError({self.code!r}, field={self.field!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ValidationError)
            and (self.code, self.field) == (other.code, other.field)
        )

    def __hash__(self) -> int:
        return hash((self.code, self.field))
