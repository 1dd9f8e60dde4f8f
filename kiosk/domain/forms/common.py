"""Field specs and choices several forms share."""

from __future__ import annotations

from ..fields import YES_NO, Choice, FieldSpec, Kind

LANGUAGE = (Choice("zh", "中文", "Chinese"), Choice("en", "英文", "English"))


def yes_no(name: str, zh: str, en: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, zh, en, Kind.YES_NO, choices=YES_NO, **kw)  # type: ignore[arg-type]


def confirm(name: str, zh: str, en: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, zh, en, Kind.CONFIRM, **kw)  # type: ignore[arg-type]


def money(name: str, zh: str, en: str, **kw: object) -> FieldSpec:
    return FieldSpec(name, zh, en, Kind.MONEY, help_zh="以港元計，最多兩個小數位，例如 1500.00",
                     help_en="In HK$, at most 2 decimal places, e.g. 1500.00", **kw)  # type: ignore[arg-type]


def choices(table: dict[str, tuple[str, str]]) -> tuple[Choice, ...]:
    return tuple(Choice(code, zh, en) for code, (zh, en) in table.items())


def label_of(options: tuple[Choice, ...], value: object) -> tuple[str, str]:
    c = next((c for c in options if c.value == value), None)
    return (c.label_zh, c.label_en) if c else (str(value), str(value))
