"""The card loader over the real knowledge base, and its rejections of bad cards."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.retrieval.knowledge import KnowledgeBase, KnowledgeError, load_knowledge


def _catalogue(readme: Path) -> dict[str, tuple[str, str | None]]:
    """id -> (kind, category) from the ``## Catalogue`` list in knowledge/README.md."""
    text = readme.read_text(encoding="utf-8").split("## Catalogue", 1)[1].split("\n## ", 1)[0]
    out: dict[str, tuple[str, str | None]] = {}
    for item in re.split(r"\n- ", text)[1:]:
        head, ids = item.split(":", 1)
        kind, _, category = (part.strip() for part in head.partition("/"))
        for card_id in re.findall(r"[a-z0-9]+(?:-[a-z0-9]+)+", ids):
            out[card_id] = (kind, category or None)
    return out


def test_whole_knowledge_base_loads_and_matches_the_catalogue(knowledge: KnowledgeBase, cards) -> None:
    catalogue = _catalogue(cards.knowledge_dir / "README.md")
    assert len(catalogue) >= 60, "catalogue parsing found too few ids"
    missing = [(i, lang) for i in catalogue for lang in ("de", "en") if knowledge.get(i, lang) is None]
    assert not missing, f"catalogue ids without a card: {missing}"
    for card_id, (kind, category) in catalogue.items():
        for lang in ("de", "en"):
            card = knowledge.get(card_id, lang)
            assert card is not None
            assert card.kind == kind, f"{card.path}: kind {card.kind}, catalogue says {kind}"
            assert card.category == category, f"{card.path}: category {card.category}, catalogue {category}"
    assert len(knowledge.topic_ids()) == 24


def test_topic_questions_follow_the_curation_rules(knowledge: KnowledgeBase) -> None:
    for card in knowledge.cards:
        if card.kind != "topic":
            continue
        for side in ("junior_questions", "senior_questions"):
            questions = card.bullets(side)
            assert 4 <= len(questions) <= 6, f"{card.path}: {side} has {len(questions)} questions"
            assert all(q.endswith("?") for q in questions), f"{card.path}: {side} has a bullet without '?'"


def test_session_patterns_have_a_junior_and_a_senior_led_step(knowledge: KnowledgeBase) -> None:
    patterns = [c for c in knowledge.cards if c.kind == "session-pattern"]
    assert len(patterns) == 12
    for card in patterns:
        leads = {s.lead for s in card.steps}
        assert "junior" in leads, f"{card.path}: no junior-led step"
        assert leads & {"senior", "both"}, f"{card.path}: no senior or shared step"


def test_valid_minimal_base_loads(tmp_path: Path, cards) -> None:
    cards.write(tmp_path, "topic-x", "de")
    cards.write(tmp_path, "topic-x", "en")
    kb = load_knowledge(tmp_path)
    assert kb.get("topic-x", "de") is not None
    assert kb.get("topic-x", "en").sections["why"].startswith("- ")  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("missing_field", "summary"),
        ("unknown_kind", "unknown kind 'recipe'"),
        ("wrong_headings", "sections must be"),
        ("category_on_non_topic", "'category' is required for topic cards"),
    ],
)
def test_bad_card_is_rejected_with_its_file_name(tmp_path: Path, cards, case: str, message: str) -> None:
    cards.write(tmp_path, "topic-ok", "en")
    kwargs: dict[str, object] = {}
    if case == "missing_field":
        kwargs = {"drop_field": "summary"}
    elif case == "unknown_kind":
        kwargs = {"kind": "recipe"}
    elif case == "wrong_headings":
        kwargs = {"headings": ["Warum es wichtig ist", "Fragen", "Der nicht-technische Blick"]}
    elif case == "category_on_non_topic":
        bad = tmp_path / "de" / "pitfall-bad.md"
        bad.parent.mkdir(parents=True, exist_ok=True)
        bad.write_text(cards.text("pitfall-bad", "de", "pitfall").replace("tags:", "category: work\ntags:"))
    if case != "category_on_non_topic":
        cards.write(tmp_path, "topic-bad", "de", **kwargs)
    with pytest.raises(KnowledgeError) as err:
        load_knowledge(tmp_path)
    assert "-bad.md" in str(err.value)
    assert message in str(err.value)


def test_duplicate_id_per_language_is_rejected(tmp_path: Path, cards) -> None:
    cards.write(tmp_path, "topic-a", "de")
    cards.write(tmp_path, "topic-a", "en")
    # A second German file claiming the same id (file name differs from the id it declares).
    (tmp_path / "de" / "topic-b.md").write_text(cards.text("topic-a", "de"), encoding="utf-8")
    with pytest.raises(KnowledgeError, match=r"topic-b\.md"):
        load_knowledge(tmp_path)


def test_duplicate_id_in_nested_layout_is_rejected(tmp_path: Path, cards, monkeypatch) -> None:
    # Same id twice for one language, both files named after the id: only the duplicate check catches it.
    from companion.retrieval import knowledge as kmod

    cards.write(tmp_path, "topic-a", "de")
    cards.write(tmp_path, "topic-a", "en")
    other = tmp_path / "extra" / "topic-a.md"
    other.parent.mkdir()
    other.write_text(cards.text("topic-a", "de"), encoding="utf-8")
    original = kmod._card_files
    monkeypatch.setattr(kmod, "_card_files", lambda root: [*original(root), other])
    with pytest.raises(KnowledgeError, match=r"duplicate id 'topic-a' for lang de") as err:
        load_knowledge(tmp_path)
    assert str(other) in str(err.value)


def test_german_card_without_english_twin_is_rejected(tmp_path: Path, cards) -> None:
    cards.write(tmp_path, "topic-a", "de")
    cards.write(tmp_path, "topic-a", "en")
    cards.write(tmp_path, "topic-lonely", "de")
    with pytest.raises(KnowledgeError, match=r"topic-lonely\.md: no en twin"):
        load_knowledge(tmp_path)


def test_unknown_seed_source_is_rejected(tmp_path: Path, cards) -> None:
    cards.write(tmp_path, "topic-a", "de")
    cards.write(tmp_path, "topic-a", "en")
    seeds = tmp_path / "seeds"
    seeds.mkdir()
    with pytest.raises(KnowledgeError, match=r"topic-a\.md: unknown sources"):
        load_knowledge(tmp_path, seeds_dir=seeds)
