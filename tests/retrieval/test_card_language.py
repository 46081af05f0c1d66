"""The knowledge cards speak about people without a default masculine (German) or "he/his" (English).

The cards are passages an LLM reads and sentences the offline composer reuses; "der Senior … seine"
there ends up in agendas for Petra. The checker is :mod:`evals.gendered`; its rule is precise on
purpose, and the controls below prove it fires on the forms it must and stays quiet on the rest.
Sample user questions in the front matter (``questions``) are left out: they are what people type.
"""

from __future__ import annotations

import re
import sys

import pytest

from companion.retrieval.knowledge import KnowledgeBase
from companion.settings import REPO_ROOT

if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

from evals.gendered import masculine_hits


def _card_texts(knowledge: KnowledgeBase, lang: str) -> list[tuple[str, str]]:
    out = []
    for card in knowledge.cards:
        if card.lang != lang:
            continue
        texts = [card.title, card.summary, *card.sections.values()]
        texts += [" ".join([s.title, s.purpose, *s.prompts]) for s in card.steps]
        out += [(card.id, t) for t in texts]
    return out


def test_no_german_card_has_a_default_masculine(knowledge: KnowledgeBase) -> None:
    hits = [
        (cid, h.text, h.sentence[:120]) for cid, t in _card_texts(knowledge, "de") for h in masculine_hits(t)
    ]
    assert not hits, "\n".join(f"{c}: {w!r} in {s!r}" for c, w, s in hits)


def test_no_english_card_calls_a_role_he(knowledge: KnowledgeBase) -> None:
    he = re.compile(r"\b(?:he|him|his|himself)\b", re.IGNORECASE)
    hits = [(cid, m.group(0)) for cid, t in _card_texts(knowledge, "en") for m in he.finditer(t)]
    assert not hits


def test_the_card_headings_are_neutral(knowledge: KnowledgeBase) -> None:
    topic = next(c for c in knowledge.cards if c.lang == "de" and c.kind == "topic")
    text = (REPO_ROOT / "knowledge" / "de" / f"{topic.id}.md").read_text(encoding="utf-8")
    assert "## Fragen für die Junior-Seite" in text and "## Fragen für die Senior-Seite" in text


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Der Senior erklärt seine Sicht.", ["Der Senior", "seine"]),
        ("Was möchtest du vom Senior lernen?", ["vom Senior"]),
        ("Den Kalender des Seniors durchgehen.", ["des Seniors"]),
        ("Frag deinen Senior nach dem Budget.", ["deinen Senior"]),
        ("Der erfahrene Junior zeigt, wie er arbeitet.", ["Der erfahrene Junior", "er"]),
        ("Die Moderation übernimmt jeder Junior einmal.", ["jeder Junior"]),
        ("Sprich mit einem Kollegen aus dem Vertrieb.", ["einem Kollegen"]),
        ("Die Zufriedenheit der Mitarbeiter steigt.", ["der Mitarbeiter"]),
        ("Mit den Kollegen reden.", ["den Kollegen"]),
    ],
)
def test_checker_fires_on_default_masculines(text: str, found: list[str]) -> None:
    assert [h.text for h in masculine_hits(text)] == found


@pytest.mark.parametrize(
    "text",
    [
        "Die Seniorität zählt im Betrieb viel.",  # a word that merely starts with a role noun
        "Das Tool hat seine Grenzen.",  # "seine" of a thing, no role person in the sentence
        "Was soll nach sechs Monaten anders sein als heute?",  # the verb "sein"
        "Die Senior-Seite erklärt die eigene Sicht.",  # the neutral side form
        "Zeit mit den Seniors und den Juniors.",  # English-style plurals are neutral
        "Die Senior-Mentee fragt nach.",  # a compound
        "Dein Gegenüber erzählt vom Berufsweg.",  # an epicene noun
        "Sprich mit deiner Kollegin oder den Kolleg:innen.",
        "Den Vorgesetzten vorher fragen.",  # plural without a gendered ending
        "Aus Sicht einer Bewerberin oder eines Bewerbers lesen.",  # both forms named
        "Sie sagt: „Der Senior soll mir das zeigen.“",  # quoted speech is what people say
    ],
)
def test_checker_stays_quiet_on_neutral_text(text: str) -> None:
    assert masculine_hits(text) == [], [h.text for h in masculine_hits(text)]
