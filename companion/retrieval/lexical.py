"""BM25 over passages with bm25s, one index per language with that language's Snowball stemmer."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

_STEMMER = {"de": "german", "en": "english"}
_STOPWORDS = {"de": "de", "en": "en"}
_TOKEN = re.compile(r"(?u)\b\w\w+\b")


class LexicalIndex:
    """BM25 scores for every passage. German passages are tokenised and stemmed as German, English
    ones as English; a query is scored against each language's index with that language's stemmer,
    since the query's own language is not known."""

    def __init__(self, texts: Sequence[str], langs: Sequence[str]) -> None:
        import bm25s
        import Stemmer

        # bm25s logs every index build at DEBUG; in the service log that is noise, not news.
        logging.getLogger("bm25s").setLevel(logging.INFO)
        self._n = len(texts)
        self._parts: list[tuple[np.ndarray, Any, Any, str]] = []
        for lang in sorted(set(langs)):
            rows = np.array([i for i, x in enumerate(langs) if x == lang], dtype=np.int64)
            stemmer = Stemmer.Stemmer(_STEMMER.get(lang, "english"))
            stop = _STOPWORDS.get(lang, "en")
            tokens = bm25s.tokenize(
                [texts[i] for i in rows], stopwords=stop, stemmer=stemmer.stemWords, show_progress=False
            )
            model = bm25s.BM25()
            model.index(tokens, show_progress=False)
            self._parts.append((rows, model, stemmer, stop))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of ``query`` for every passage (0 where no term matches)."""
        import bm25s

        out = np.zeros(self._n, dtype=np.float32)
        if not _TOKEN.search(query):
            return out
        for rows, model, stemmer, stop in self._parts:
            tokens = bm25s.tokenize(
                [query], stopwords=stop, stemmer=stemmer.stemWords, return_ids=False, show_progress=False
            )[0]
            known = [t for t in tokens if t in model.vocab_dict]
            if known:
                out[rows] = model.get_scores(known)
        return out


@lru_cache(maxsize=4)
def _stemmer(lang: str) -> Any:
    import Stemmer

    return Stemmer.Stemmer(_STEMMER.get(lang, "english"))


def stems(text: str, lang: str) -> list[str]:
    """The content words of ``text`` as the index sees them: tokenised, stop words dropped, stemmed
    with ``lang``'s Snowball stemmer. Checks that compare texts (goal coverage, citations) use this,
    so "Rückmeldungen" meets "Rückmeldung" exactly as it does in search."""
    return list(_stems(text, lang))


# Card sections, goals and fixed word lists come back for every draft: keep their stems.
@lru_cache(maxsize=4096)
def _stems(text: str, lang: str) -> tuple[str, ...]:
    import bm25s

    if not _TOKEN.search(text):
        return ()
    return tuple(
        bm25s.tokenize(
            [text],
            stopwords=_STOPWORDS.get(lang, "en"),
            stemmer=_stemmer(lang).stemWords,
            return_ids=False,
            show_progress=False,
        )[0]
    )


@lru_cache(maxsize=1)
def _language_markers() -> dict[str, frozenset[str]]:
    from bm25s.stopwords import STOPWORDS_EN_PLUS, STOPWORDS_GERMAN

    de, en = frozenset(STOPWORDS_GERMAN), frozenset(STOPWORDS_EN_PLUS)
    # Words in both lists ("in", "was", "will") say nothing about the language.
    return {"de": de - en, "en": en - de}


def language_counts(text: str) -> dict[str, int]:
    """How many German-only and English-only stop words ``text`` contains."""
    words = [w.casefold() for w in _TOKEN.findall(text)] + [
        w.casefold() for w in re.findall(r"(?u)\b\w\b", text)
    ]
    return {lang: sum(w in markers for w in words) for lang, markers in _language_markers().items()}


def guess_language(text: str, *, min_hits: int = 4) -> str | None:
    """``"de"`` or ``"en"`` when ``text`` is clearly in that language (by its stop words), else None.

    A text is clear when it has ``min_hits`` or more marker words and at least three quarters of them
    belong to one language; short or mixed texts (a German sentence quoting an English goal) give None.
    """
    counts = language_counts(text)
    total = sum(counts.values())
    if total < min_hits:
        return None
    lang, hits = max(counts.items(), key=lambda kv: kv[1])
    return lang if hits >= 0.75 * total else None
