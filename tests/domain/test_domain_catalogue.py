"""The message catalogue and the form definitions are complete and consistent, and no input makes
the rules crash."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.domain import TYPES, FormContext, ValidationError, explain, validate
from kiosk.domain.examples import example
from kiosk.domain.fields import CHECKS, Kind
from kiosk.domain.messages import MESSAGES, placeholders

CTX = FormContext.on(dt.date(2026, 11, 26))


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_has_both_languages_and_the_same_placeholders(code: str) -> None:
    zh, en = MESSAGES[code]
    assert zh.strip() and en.strip() and zh != en
    p_zh, p_en = placeholders(code)
    assert p_zh == p_en, code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in zh), f"{code}: the Chinese message has no Chinese"


def test_every_rule_code_is_in_the_catalogue() -> None:
    for itype in TYPES.values():
        for rule in itype.rules:
            assert rule.codes and rule.doc, rule
            for code in rule.codes:
                assert code in MESSAGES, (itype.code, code)
        for note in itype.notes:
            for code in note.codes:
                assert code in MESSAGES, (itype.code, code)


def test_every_kind_has_a_check() -> None:
    assert set(CHECKS) == set(Kind)


@pytest.mark.parametrize("code", list(TYPES))
def test_form_definitions_are_bilingual_and_consistent(code: str) -> None:
    itype = TYPES[code]
    assert itype.title_zh and itype.title_en and itype.summary_zh and itype.summary_en
    names = [f.name for f in itype.fields]
    assert len(names) == len(set(names))
    for f in itype.fields:
        assert f.label_zh and f.label_en and f.label_zh != f.label_en, f.name
        assert bool(f.help_zh) == bool(f.help_en), f.name
        for c in f.choices:
            assert c.label_zh and c.label_en, (f.name, c.value)
        for sub in f.row_fields:
            assert sub.label_zh and sub.label_en
    step_names = [s.name for s in itype.plan()]
    assert len(step_names) == len(set(step_names))
    on_steps = {n for s in itype.plan() for n in s.fields}
    for s in itype.plan():
        assert s.title_zh and s.title_en and bool(s.help_zh) == bool(s.help_en), s.name
        for n in s.fields:
            itype.field(n)  # every step names real fields
    # Fields no step asks are filled by the flow (registration's identity source): never required.
    for f in itype.fields:
        if f.name not in on_steps:
            assert not f.required, f.name


def _value_strategy() -> st.SearchStrategy[Any]:
    scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.text(max_size=40),
                        st.sampled_from(["yes", "no", "2026-11-26", "1960", "91234567", "A123456(3)", "30000",
                                         "1500.00", "CAF", "MONTHLY", "PERCENT_RI", "AGE_65", "TVC", "PP"]))
    return st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                          st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                        max_leaves=8)


@pytest.mark.parametrize("code", list(TYPES))
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_validate_never_crashes(code: str, data: st.DataObject) -> None:
    itype = TYPES[code]
    raw = dict(example(code, CTX.today))
    for f in itype.fields:  # replace a random subset of the fields with anything at all
        if data.draw(st.booleans()):
            raw[f.name] = data.draw(_value_strategy())
    values, errors = validate(itype, raw, CTX)
    for e in errors:
        assert (isinstance(e, ValidationError) and e.code in MESSAGES) or e.code.startswith("HKID")
    explain(itype, values, CTX)  # notes never raise on what validate returns


def test_forms_reference_document_is_current() -> None:
    from pathlib import Path

    from kiosk.domain.docs import markdown

    doc = Path(__file__).resolve().parents[2] / "docs" / "forms-reference.md"
    assert doc.read_text(encoding="utf-8") == markdown(), "run: python -m kiosk.domain.docs > docs/forms-reference.md"
