"""Curated questions on cards: validated by the loader and indexed as one passage per card."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.retrieval.knowledge import KnowledgeError, load_knowledge, parse_card
from companion.retrieval.passages import QUESTION, card_passages

ROOT = Path(__file__).resolve().parents[2]


def test_every_card_has_questions_and_they_form_one_passage() -> None:
    kb = load_knowledge(ROOT / "knowledge")
    for card in kb.cards:
        # 16 per card: measured, six were too few to cover how differently people describe a case.
        assert len(card.questions) == 16, card.path
        assert len(set(card.questions)) == len(card.questions), f"{card.path}: repeated question"
        twin = kb.get(card.id, "en" if card.lang == "de" else "de")
        assert twin is not None and len(twin.questions) == len(card.questions), card.path
        passages = [p for p in card_passages(card) if p.section == QUESTION]
        assert len(passages) == 1
        assert all(q in passages[0].text for q in card.questions)
        assert passages[0].embed_text.count("\n") == len(card.questions) - 1


def test_too_many_questions_are_refused(tmp_path: Path) -> None:
    src = (ROOT / "knowledge" / "en" / "challenge-no-time.md").read_text(encoding="utf-8")
    extra = "".join(f'  - "Question number {i}?"\n' for i in range(5))  # 16 + 5 > 20
    bad = src.replace("questions:\n", "questions:\n" + extra, 1)
    (tmp_path / "en").mkdir()
    path = tmp_path / "en" / "challenge-no-time.md"
    path.write_text(bad, encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"challenge-no-time\.md.*questions"):
        parse_card(path)


def _content_stems(text: str, lang: str) -> set[str]:
    import re

    import Stemmer
    from bm25s.stopwords import STOPWORDS_EN, STOPWORDS_GERMAN

    stop = set(STOPWORDS_EN) | set(STOPWORDS_GERMAN)
    words = [w for w in re.findall(r"\w+", text.lower()) if len(w) > 2 and w not in stop]
    return set(Stemmer.Stemmer("german" if lang == "de" else "english").stemWords(words))


def test_no_two_cards_share_a_near_identical_question() -> None:
    """A question is a vote for its card: the same situation on two cards splits the vote. Near
    copies (60 % or more of their content-word stems shared) must be reworded to fit one card."""
    kb = load_knowledge(ROOT / "knowledge")
    clashes = []
    for lang in ("de", "en"):
        qs = [(c.id, q, _content_stems(q, lang)) for c in kb.cards if c.lang == lang for q in c.questions]
        for i, (a, qa, sa) in enumerate(qs):
            for b, qb, sb in qs[i + 1 :]:
                if a != b and sa and sb and len(sa & sb) / len(sa | sb) >= 0.6:
                    clashes.append(f"{lang}: {a} {qa!r} ~ {b} {qb!r}")
    assert clashes == []
