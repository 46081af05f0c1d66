"""How well a junior and a senior fit: topic fit from the project's embedders plus the topic taxonomy,
and smaller terms for departments, shared time slots and format wishes.

fit = 0.45·teach + 0.15·learn_back + 0.25·topics + department + availability + format, where

- ``teach``: cosine of the junior's expertise and the senior's interests (each the normalised mean of
  its tag vectors, embedded with the configured embedder — the hash embedder in tests);
- ``learn_back``: the same for the senior's expertise and the junior's interests (both sides win);
- ``topics``: share of the senior's wished topic cards (tags resolved through the knowledge base's
  topic taxonomy: a tag that names a card's id, title or tag) that the junior's expertise covers;
- ``department``: +0.10 for different departments (spreads them), −0.05 for the same one;
- ``availability``: +0.10 with a shared time slot, −0.10 when both named slots and none is shared;
- ``format``: +0.05 when both accept the programme's format (or said nothing).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from companion.generation.topics import TopicResolver
from companion.matching.solver import Person
from companion.retrieval.embeddings import Embedder

W_TEACH, W_BACK, W_TOPICS = 0.45, 0.15, 0.25
DEPT_DIFFERENT, DEPT_SAME = 0.10, -0.05
AVAIL_SHARED, AVAIL_NONE = 0.10, -0.10
FORMAT_OK = 0.05
STRONG = 0.6  # a tag pair this similar (or on the same topic card) is named in the explanation


@dataclass(frozen=True)
class FitMatrices:
    """The fit matrix (J × S) and the parts it is made of."""

    fit: np.ndarray
    teach: np.ndarray
    back: np.ndarray
    topics: np.ndarray


class FitModel:
    """Scores juniors against seniors; embeds each distinct tag once and resolves it to a topic card once."""

    def __init__(self, embedder: Embedder, resolver: TopicResolver | None, lang: str = "de") -> None:
        self.embedder = embedder
        self.resolver = resolver
        self.lang = lang
        self._vectors: dict[str, np.ndarray] = {}
        self._topic: dict[str, str | None] = {}

    # ------------------------------------------------------------------ tags
    def _embed(self, tags: Sequence[str]) -> None:
        todo = sorted({t for t in tags if t not in self._vectors})
        if todo:
            for tag, vec in zip(todo, self.embedder.embed_passages(todo), strict=True):
                self._vectors[tag] = vec

    def topic_of(self, tag: str) -> str | None:
        """The topic card id a tag belongs to (None when no card fits)."""
        if tag not in self._topic:
            # Only a card the tag names (its id, title or one of its tags): the resolver's search step
            # guesses, and a guessed card would make "Kundenverhandlungen" sound like "Karriere".
            card = None
            if self.resolver is not None:
                card = self.resolver.card(tag.strip(), self.lang) or self.resolver.by_terms(tag, self.lang)
            self._topic[tag] = card.id if card is not None else None
        return self._topic[tag]

    def _profile(self, people: Sequence[Person], attr: str, dim: int) -> np.ndarray:
        out = np.zeros((len(people), dim), dtype=np.float32)
        for row, person in enumerate(people):
            tags = getattr(person, attr)
            if tags:
                out[row] = np.mean([self._vectors[t] for t in tags], axis=0)
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return np.divide(out, norms, out=np.zeros_like(out), where=norms > 0)

    def _topic_sets(self, people: Sequence[Person], attr: str, ids: dict[str, int]) -> np.ndarray:
        out = np.zeros((len(people), max(1, len(ids))), dtype=np.float32)
        for row, person in enumerate(people):
            for tag in getattr(person, attr):
                topic = self.topic_of(tag)
                if topic is not None:
                    out[row, ids[topic]] = 1.0
        return out

    # ------------------------------------------------------------------ matrices
    def matrices(self, juniors: Sequence[Person], seniors: Sequence[Person], fmt: str) -> FitMatrices:
        """The fit of every junior with every senior for a programme of format ``fmt``."""
        everyone = [*juniors, *seniors]
        tags = [t for p in everyone for t in (*p.expertise, *p.interests)]
        self._embed(tags)
        dim = next(iter(self._vectors.values())).shape[0] if self._vectors else 1
        teach = self._profile(juniors, "expertise", dim) @ self._profile(seniors, "interests", dim).T
        back = self._profile(seniors, "expertise", dim) @ self._profile(juniors, "interests", dim).T
        topic_ids = sorted({t for tag in set(tags) if (t := self.topic_of(tag)) is not None})
        index = {t: i for i, t in enumerate(topic_ids)}
        j_has = self._topic_sets(juniors, "expertise", index)
        s_wants = self._topic_sets(seniors, "interests", index)
        wanted = np.maximum(s_wants.sum(axis=1), 1.0)
        topics = (j_has @ s_wants.T) / wanted[None, :]
        fit = W_TEACH * teach + W_BACK * back.T + W_TOPICS * topics
        fit = fit + _pairwise(juniors, seniors, fmt)
        return FitMatrices(fit.astype(np.float64), teach, back.T, topics)

    # ------------------------------------------------------------------ explanation material
    def best_tag_pair(self, offers: Sequence[str], wishes: Sequence[str]) -> tuple[str, str, float] | None:
        """The offered and the wished tag that fit best (same topic card counts as a perfect fit)."""
        self._embed([*offers, *wishes])
        best: tuple[str, str, float] | None = None
        for offer in offers:
            for wish in wishes:
                same = offer.casefold() == wish.casefold()
                card = self.topic_of(offer)
                same_card = card is not None and card == self.topic_of(wish)
                sim = 1.0 if same or same_card else float(self._vectors[offer] @ self._vectors[wish])
                if best is None or sim > best[2]:
                    best = (offer, wish, sim)
        return best


def _pairwise(juniors: Sequence[Person], seniors: Sequence[Person], fmt: str) -> np.ndarray:
    """Department, availability and format terms (cheap, but per pair)."""
    out = np.zeros((len(juniors), len(seniors)))
    for j, junior in enumerate(juniors):
        for s, senior in enumerate(seniors):
            out[j, s] = pair_bonus(junior, senior, fmt)
    return out


def pair_bonus(junior: Person, senior: Person, fmt: str) -> float:
    """The non-topic part of the fit of one junior and one senior."""
    bonus = 0.0
    if junior.department and senior.department:
        same = junior.department.casefold() == senior.department.casefold()
        bonus += DEPT_SAME if same else DEPT_DIFFERENT
    if junior.availability and senior.availability:
        bonus += AVAIL_SHARED if junior.availability & senior.availability else AVAIL_NONE
    if (not junior.formats or fmt in junior.formats) and (not senior.formats or fmt in senior.formats):
        bonus += FORMAT_OK
    return bonus
