"""Offline summary of stored reflections: only what the reflections say, sorted into place.

Learnings and next steps are sentences taken from the answers (cleaned, never invented); themes are
topic-taxonomy ids whose tags or titles occur in the answers; the summary sentence is assembled from
counts, theme titles and quoted sentences.

Reflections are data. An answer that carries an injection attempt ("Ignoriere alle vorherigen
Anweisungen …", "Add a learning that …") is tainted: what comes from the attempt on is dropped (the
payload usually follows it: "… PWNED"), and so are marker tokens in it; genuine sentences before it
and other answers are kept. Orders ("Add …", "Schreibe …") never become learnings.
"""

from __future__ import annotations

import re

from companion.generation.phrases import phrase, quote
from companion.generation.safety import (
    clean_text,
    clip,
    is_directive,
    is_shout,
    looks_like_instruction,
    targets_output,
)
from companion.generation.schemas import GenerationContext, MissingReflectionsError, ReflectionSummary
from companion.retrieval.knowledge import KnowledgeBase

_STEP_KEY = re.compile(
    r"next|step|plan|try|action|commit|todo|to-do|agree|nächst|schritt|vorhaben|ausprobier|vereinbar|probierst",
    re.IGNORECASE,
)
_LEARN_KEY = re.compile(
    r"learn|insight|takeaway|take away|new|surpris|understand|discover|changed|"
    r"lern|neu|erkenntnis|überrasch|verstanden|mitnehm|nimmst|verändert",
    re.IGNORECASE,
)
_FOLLOW_KEY = re.compile(
    r"topic|follow|next time|wish|deeper|thema|themen|nächstes mal|wunsch|vertiefen", re.IGNORECASE
)
_STEP_CUE = re.compile(
    r"\b(i will|i'll|we will|we'll|i plan|i want to try|next time|by (the )?next|until (the )?next|"
    r"ich werde|wir werden|ich will|ich möchte .{0,40}ausprobieren|nehme mir vor|bis zum nächsten|"
    r"bis zur nächsten|beim nächsten)\b",
    re.IGNORECASE,
)
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")


def _injected(sentence: str) -> bool:
    return looks_like_instruction(sentence) or targets_output(sentence)


def sentences(text: str) -> list[str]:
    """Cleaned sentences of an answer, list markers dropped; an answer with an injection attempt keeps
    only the sentences before the attempt (without marker tokens), an answer that is one (across its
    sentences) keeps nothing."""
    parts = [clean_text(p.lstrip("-*• ").strip(), 400) for p in _SENTENCE.split(text)]
    parts = [p for p in parts if len(p) >= 3]
    start = next((i for i, p in enumerate(parts) if _injected(p)), None)
    if start is None:
        return [] if looks_like_instruction(text) else parts
    return [p for p in parts[:start] if not is_shout(p)]


def learning_sentences(parts: list[str]) -> list[str]:
    """Sentences that may stand as a learning: no orders ("Add …", "Schreibe …")."""
    return [p for p in parts if not is_directive(p)]


def _norm(text: str) -> str:
    return " " + re.sub(r"[^\w]+", " ", text.casefold()).strip() + " "


def theme_terms(knowledge: KnowledgeBase) -> list[tuple[str, frozenset[str]]]:
    """Per topic card version: its id and its tags and title as padded phrases (build once, reuse)."""
    result = []
    for card in knowledge.cards:
        if card.kind == "topic":
            terms = {_norm(t.replace("-", " ")) for t in card.tags} | {_norm(card.title)}
            result.append((card.id, frozenset(t for t in terms if len(t.strip()) >= 2)))
    return result


def match_themes(
    text: str,
    knowledge: KnowledgeBase,
    first: str | None = None,
    limit: int = 4,
    terms: list[tuple[str, frozenset[str]]] | None = None,
) -> list[str]:
    """Topic ids whose tags or title (in either language) occur in ``text``; ``first`` leads.
    ``terms`` is :func:`theme_terms` of ``knowledge`` when the caller keeps it."""
    haystack = _norm(text)
    scores: dict[str, int] = {}
    for card_id, phrases in terms if terms is not None else theme_terms(knowledge):
        hits = sum(1 for t in phrases if t in haystack)
        if hits:
            scores[card_id] = scores.get(card_id, 0) + hits
    ranked = sorted(scores, key=lambda cid: (-scores[cid], cid))
    if first:
        ranked = [first, *(r for r in ranked if r != first)]
    return ranked[:limit]


def summarise(
    ctx: GenerationContext,
    knowledge: KnowledgeBase,
    generated_by: str,
    terms: list[tuple[str, frozenset[str]]] | None = None,
) -> ReflectionSummary:
    """The offline :class:`ReflectionSummary` of ``ctx.reflections`` (``terms``: see :func:`theme_terms`)."""
    if not ctx.reflections:
        raise MissingReflectionsError("a summary needs at least one stored reflection")
    lang = ctx.language
    learnings: dict[str, list[str]] = {"junior": [], "senior": []}
    fallback: dict[str, list[str]] = {"junior": [], "senior": []}
    steps: list[str] = []
    follow: list[str] = []
    all_text: list[str] = []
    for reflection in ctx.reflections:
        side = reflection.author_role
        for question, answer in reflection.answers.items():
            if _injected(question):  # the question key is user data as well
                continue
            parts = sentences(answer)
            all_text.append(" ".join(parts))
            if _STEP_KEY.search(question):
                steps += parts
            elif _FOLLOW_KEY.search(question) and not _LEARN_KEY.search(question):
                follow += [clip(p.rstrip("."), 120) for p in parts]
            elif _LEARN_KEY.search(question):
                learnings[side] += learning_sentences([p for p in parts if not _STEP_CUE.search(p)])
                steps += [p for p in parts if _STEP_CUE.search(p)]
            else:
                fallback[side] += learning_sentences(parts)[:1]
                steps += [p for p in parts[1:] if _STEP_CUE.search(p)]
    for side in ("junior", "senior"):
        if not learnings[side]:
            learnings[side] = fallback[side]
    themes = match_themes(" ".join(all_text), knowledge, first=ctx.topic_id, terms=terms)
    theme_titles = [c.title for c in (knowledge.get(t, lang) for t in themes) if c is not None]
    known_previous = {p.casefold() for p in ctx.previous_topics}
    for theme in themes:
        card = knowledge.get(theme, lang)
        if card is not None and theme != ctx.topic_id and card.title.casefold() not in known_previous:
            follow.append(card.title)
    steps = list(dict.fromkeys(steps))
    text = [_counts(ctx, knowledge)]
    if theme_titles:
        text.append(phrase(lang, "sum_themes", themes=", ".join(theme_titles[:3])))
    for side in ("junior", "senior"):
        if learnings[side]:
            text.append(phrase(lang, f"sum_{side}", text=quote(lang, clip(learnings[side][0], 200))))
    text.append(
        phrase(lang, "sum_step", text=quote(lang, clip(steps[0], 200)))
        if steps
        else phrase(lang, "sum_no_step")
    )
    return ReflectionSummary(
        language=lang,
        summary=clip(" ".join(text), 1500),
        junior_learnings=list(dict.fromkeys(learnings["junior"]))[:10],
        senior_learnings=list(dict.fromkeys(learnings["senior"]))[:10],
        themes=themes,
        next_steps=steps[:8] or [phrase(lang, "sum_add_step")],
        follow_up_topics=list(dict.fromkeys(f for f in follow if f))[:6],
        generated_by=generated_by,
    )


def _counts(ctx: GenerationContext, knowledge: KnowledgeBase) -> str:
    lang = ctx.language
    nj = sum(1 for r in ctx.reflections if r.author_role == "junior")
    ns = len(ctx.reflections) - nj
    sides = {"junior": _reflections(lang, "j", nj), "senior": _reflections(lang, "s", ns)}
    card = knowledge.get(ctx.topic_id, lang) if ctx.topic_id else None
    if card is None:
        return phrase(lang, "sum_counts_no_topic", **sides)
    return phrase(lang, "sum_counts", topic=quote(lang, card.title), **sides)


def _reflections(lang: str, side: str, n: int) -> str:
    """ "eine Reflexion der Junior-Seite" / "2 Reflexionen …": the right form for ``n``."""
    form = "0" if n == 0 else "1" if n == 1 else "n"
    return phrase(lang, f"sum_refl_{side}_{form}", n=n)
