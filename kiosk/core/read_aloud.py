"""What the kiosk reads aloud for a screen: the session's state in, the words to say out.

Pure and Qt-free, so what a member hears is tested without a window or a speech engine. The UI
(ui/accessibility.py) passes the heading it shows; the form's question, its help, each field's
label and choices, the errors and notices on screen and the receipt's reference come from the
state and the domain. A reading never holds what the member typed (an HKID number, an address):
the kiosk may have a loudspeaker rather than headphones.

A reference is spelled: each letter and digit on its own, with a pause between its groups
("EK-261206-7QX4M2" is "E, K. 2, 6, 1, 2, 0, 6. 7, Q, X, 4, M, 2"), because a reference read
as words ("ek two hundred and sixty-one thousand…") cannot be written down.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.core.state import Screen, SessionState
from kiosk.domain.fields import YES_NO, Choice, FieldSpec, Kind
from kiosk.domain.model import Step
from kiosk.languages import choose

# Words the reading adds around the screen's own text, as (繁體中文, English) pairs.
WORDS: dict[str, tuple[str, str]] = {
    "choices": ("可選擇：", "You can choose:"),
    "errors": ("請注意：", "Please note:"),
    "reference": ("你的參考編號是：", "Your reference number is:"),
    "reference_again": ("再讀一次：", "Once more:"),
}


@dataclass(frozen=True)
class Phrase:
    """One stretch of speech. `spell`: say each character on its own (a reference)."""

    text: str
    spell: bool = False


@dataclass(frozen=True)
class Reading:
    """What to say for one screen, in one language (zh_HK, zh_CN or en)."""

    lang: str
    phrases: tuple[Phrase, ...] = ()

    def __bool__(self) -> bool:
        return any(p.text.strip() for p in self.phrases)

    def text(self) -> str:
        """The reading as one line (spelled phrases as spelled): for tests and the technician."""
        return " ".join(spelled(p.text) if p.spell else p.text for p in self.phrases if p.text.strip())


def word(key: str, lang: str) -> str:
    zh, en = WORDS[key]
    return choose(zh, en, lang)


def spelled(reference: str) -> str:
    """The reference's characters one by one: commas between characters, a full stop between the
    groups a hyphen or space separates (the engine pauses longer there)."""
    groups = [g for g in reference.replace(" ", "-").split("-") if g]
    return ". ".join(", ".join(g) for g in groups)


def field_choices(spec: FieldSpec) -> tuple[Choice, ...]:
    if spec.choices:
        return spec.choices
    return YES_NO if spec.kind is Kind.YES_NO else ()


def _field_phrases(spec: FieldSpec, lang: str, *, only: bool) -> list[Phrase]:
    phrases = [] if only else [Phrase(spec.label(lang))]
    if spec.help(lang):
        phrases.append(Phrase(spec.help(lang)))
    choices = field_choices(spec)
    if choices:
        phrases.append(_choices_phrase([c.label(lang) for c in choices], lang))
    return phrases


def _messages(state: SessionState) -> list[Phrase]:
    lang = state.lang
    said: list[str] = []
    if state.notice is not None:
        said.append(choose(*state.notice, lang))
    for e in state.errors:
        message = e.message(lang)
        if message not in said:
            said.append(message)
    if not said:
        return []
    return [Phrase(word("errors", lang)), *(Phrase(m) for m in said)]


def _choices_phrase(labels: Sequence[str], lang: str) -> Phrase:
    sep = "、" if lang.startswith("zh") else ", "
    return Phrase(word("choices", lang) + " " + sep.join(labels) + ".")


def reading(state: SessionState, *, heading: str = "", step: Step | None = None,
            fields: Sequence[FieldSpec] = (), lines: Sequence[str] = (), choices: Sequence[str] = ()) -> Reading:
    """What to read for the screen `state` is on.

    `heading`: the screen's title as shown (the form's question comes from `step` instead);
    `step`/`fields`: the form step on screen and its fields' specifications; `lines`: more of the
    screen's own text the UI wants read after the heading (instructions under it); `choices`: the
    names of a screen's big choice buttons (the menu's instructions)."""
    lang = state.lang
    phrases: list[Phrase] = []
    if state.screen is Screen.FORM and step is not None:
        phrases.append(Phrase(step.title(lang)))
        if step.help(lang):
            phrases.append(Phrase(step.help(lang)))
        for spec in fields:
            # A step that asks one thing has the question as its title: its label would repeat it.
            phrases.extend(_field_phrases(spec, lang, only=len(fields) == 1))
    elif heading:
        phrases.append(Phrase(heading))
    phrases.extend(Phrase(line) for line in lines if line.strip())
    named = [c for c in choices if c.strip()]
    if named:
        phrases.append(_choices_phrase(named, lang))
    phrases.extend(_messages(state))
    if state.screen is Screen.RECEIPT and state.receipt is not None and state.receipt.kiosk_ref:
        ref = state.receipt.kiosk_ref
        phrases += [Phrase(word("reference", lang)), Phrase(ref, spell=True),
                    Phrase(word("reference_again", lang)), Phrase(ref, spell=True)]
    return Reading(lang, tuple(p for p in phrases if p.text.strip()))
