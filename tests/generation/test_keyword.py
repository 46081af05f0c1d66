"""The keyword retriever ranks with the retrieval layer's BM25 index (bm25s + Snowball stemmers)."""

from __future__ import annotations

from companion.generation.keyword import KeywordRetriever
from companion.retrieval.knowledge import KnowledgeBase
from companion.retrieval.lexical import LexicalIndex


def test_one_lexical_index(keyword_retriever: KeywordRetriever) -> None:
    assert isinstance(keyword_retriever._index, LexicalIndex)


def test_inflected_german_query_finds_the_card(keyword_retriever: KeywordRetriever) -> None:
    # "Rückmeldungen"/"Feedbackkulturen" only meet the cards through the German stemmer.
    hits = keyword_retriever.search("Feedbackkulturen und Rückmeldungen", lang="de", kinds=["topic"], k=3)
    assert hits and hits[0].card_id == "topic-feedback-culture"
    assert all(h.lang == "de" and h.kind == "topic" for h in hits)


def test_english_query_and_filters(keyword_retriever: KeywordRetriever) -> None:
    hits = keyword_retriever.search("working remotely in hybrid teams", lang="en", kinds=["topic"], k=5)
    assert hits[0].card_id == "topic-remote-work"
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    work = keyword_retriever.search("remote hybrid", lang="en", category="technology", k=5)
    assert all(h.category == "technology" for h in work)
    assert not any(h.card_id == "topic-remote-work" for h in work)


def test_passages_are_whole_sections(keyword_retriever: KeywordRetriever, knowledge: KnowledgeBase) -> None:
    for hit in keyword_retriever.search("Vertrauen Vertraulichkeit", lang="de", k=5):
        card = knowledge.get(hit.card_id, "de")
        assert card is not None
        assert hit.text == (card.summary if hit.section == "summary" else card.sections[hit.section])


def test_no_terms_no_hits(keyword_retriever: KeywordRetriever) -> None:
    assert keyword_retriever.search("", lang="de") == []
    assert keyword_retriever.search("? !", lang="en") == []
    assert keyword_retriever.search("xqzzyv", lang="en") == []
