"""Validation errors and notices that carry a stable code and a message in both languages."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from dataclasses import field as dc_field

from kiosk.languages import choose


class ValidationError(ValueError):
    """One problem with one field, shown to the member in 繁體中文 and English.

    `code` is stable (tests, support staff and logs use it); the messages are for people.
    `field` names the form field, or is empty for a problem with the whole form.
    `params` holds the values put into the message (amounts, dates), so that a presentation in a
    third language (简体中文) can format its own template; `label` is the field's (zh, en) label
    when the message starts with it.
    """

    def __init__(self, code: str, message_zh: str, message_en: str, field: str = "", *,
                 params: Mapping[str, str] | None = None, label: tuple[str, str] | None = None) -> None:
        super().__init__(f"{code}: {message_en}")
        self.code = code
        self.message_zh = message_zh
        self.message_en = message_en
        self.field = field
        self.params: dict[str, str] = dict(params or {})
        self.label = label

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)

    def __repr__(self) -> str:
        return f"ValidationError({self.code!r}, field={self.field!r})"

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, ValidationError)
            and (self.code, self.field) == (other.code, other.field)
        )

    def __hash__(self) -> int:
        return hash((self.code, self.field))


@dataclass(frozen=True)
class Notice:
    """Something the member (or employer) must see before confirming, which is not an error:
    the recomputed contributions, the fund-switch cut-off, the TVC cap left this tax year.

    Shown on the form step it belongs to and on review; never silently dropped."""

    code: str
    message_zh: str
    message_en: str
    field: str = ""
    params: Mapping[str, str] = dc_field(default_factory=dict)

    def message(self, lang: str) -> str:
        return choose(self.message_zh, self.message_en, lang)
