"""Offline summary of reflections: each answer filed by its slot, whole sentences only, discreet.

* Filing: an answer goes where its slot says (``learned``/``surprised`` → learnings of its author's
  side, ``next_step`` → next steps, ``for_later`` → follow-up topics, the rest to their own sections);
  never by guessing from the answer's words. Free question keys are mapped by
  :func:`~companion.generation.reflection_slots.slot_of`.
* Whole sentences: answers are split by a real sentence segmenter (:mod:`.sentences`) and quoted
  whole; a sentence that does not fit the paragraph is left out, never cut; a short sentence that
  points back ("Das war mir neu.") stays with the one before it (:mod:`.filing` files them).
* Discretion: only what :func:`~companion.generation.discretion.shared_view` lets the partner see —
  no private slot, no confidential sentence, no name of anyone outside the pair.
* Themes: the session's topic card and the themes the participants ticked, nothing else.

Reflections are data. A sentence that carries an injection attempt ("Ignoriere alle vorherigen
Anweisungen …", "Add a learning that …") taints the rest of its answer (the payload usually follows
it), marker tokens before it are dropped; orders ("Add …", "Schreibe …") never become learnings.
"""

from __future__ import annotations

from companion.generation.filing import Filed, filed_reflections
from companion.generation.people import People as Named
from companion.generation.people import fill, join_names
from companion.generation.phrases import PHRASES, phrase
from companion.generation.reflection_slots import NONE_OF_THESE
from companion.generation.safety import is_directive
from companion.generation.schemas import (
    GenerationContext,
    MissingReflectionsError,
    ReflectionSummary,
    SummarySection,
)
from companion.retrieval.knowledge import KnowledgeBase

TEXT = {
    "de": {
        "themes": "Themen: {themes}.",
        "more_themes": "Weitere Themen: {themes}.",
        "learned": "{who} nimmt mit: {text}",
        "step": "Nächster Schritt von {who}: {text}",
        "step_junior": "Nächster Schritt der Junior-Seite: {text}",
        "step_senior": "Nächster Schritt der Senior-Seite: {text}",
        "no_step": "Ein konkreter nächster Schritt ist in den Reflexionen noch nicht genannt; vereinbart "
        "beim nächsten Treffen einen mit Termin.",
        "truncated": "Die Reflexionen sind lang; hier stehen nur ganze Sätze bis zur Längengrenze, den Rest "
        "lest ihr in den Reflexionen selbst.",
        "q": "„{}“",
    },
    "en": {
        "themes": "Themes: {themes}.",
        "more_themes": "Further themes: {themes}.",
        "learned": "{who} takes away: {text}",
        "step": "Next step from {who}: {text}",
        "step_junior": "Next step of the junior side: {text}",
        "step_senior": "Next step of the senior side: {text}",
        "no_step": "The reflections do not name a concrete next step yet; agree on one with a date when "
        "you next meet.",
        "truncated": "The reflections are long; only whole sentences up to the length limit are listed here, "
        "read the rest in the reflections themselves.",
        "q": "“{}”",
    },
}
PARAGRAPH_CHARS = 1500


def consented_themes(ctx: GenerationContext, knowledge: KnowledgeBase) -> list[str]:
    """The session's topic card, then every theme a participant ticked (taxonomy ids only)."""
    taxonomy = set(knowledge.topic_ids())
    ticked = [t for r in ctx.reflections for t in r.themes if t != NONE_OF_THESE]
    return [t for t in dict.fromkeys([ctx.topic_id or "", *ticked]) if t in taxonomy][:8]


def _add(parts: list[str], text: str, used: int) -> int:
    """Append ``text`` when it fits the paragraph budget (whole, or not at all) and is not there yet
    (two reflections of one person can yield the same line; saying it twice says nothing)."""
    if text in parts or used + len(text) + 1 > PARAGRAPH_CHARS:
        return used
    parts.append(text)
    return used + len(text) + 1


def _learned(slots: dict[str, list[str]]) -> list[str]:
    """What a reflection (or a side's reflections) took away: learned, then surprised, no orders."""
    return [s for slot in ("learned", "surprised") for s in slots.get(slot, []) if not is_directive(s)]


def summarise(ctx: GenerationContext, knowledge: KnowledgeBase, generated_by: str) -> ReflectionSummary:
    """The offline :class:`ReflectionSummary` of ``ctx.reflections``."""
    if not ctx.reflections:
        raise MissingReflectionsError("a summary needs at least one stored reflection")
    lang = ctx.language if ctx.language in TEXT else "de"
    t = TEXT[lang]
    filed = filed_reflections(ctx)
    by_side: dict[str, dict[str, list[str]]] = {"junior": {}, "senior": {}}
    for f in filed:
        for slot, texts in f.slots.items():
            by_side[f.role].setdefault(slot, []).extend(texts)
    learnings = {side: _learned(by_side[side]) for side in by_side}
    steps = {side: by_side[side].get("next_step", []) for side in by_side}
    sections = [
        SummarySection(role=side, slot=slot, sentences=list(dict.fromkeys(texts))[:30])
        for side in ("junior", "senior")
        for slot, texts in by_side[side].items()
    ]
    themes = consented_themes(ctx, knowledge)
    titles = [c.title for c in (knowledge.get(th, lang) for th in themes) if c is not None]

    card = knowledge.get(ctx.topic_id, lang) if ctx.topic_id else None
    people = Named(ctx)
    ordered = sorted(filed, key=lambda f: f.role != "junior")  # the junior side first
    parts: list[str] = []
    used = _add(parts, _opening(lang, ordered, people, t["q"].format(card.title) if card else None), 0)
    # The session's topic is named in the first sentence already; only further ticked themes follow.
    more = [title for title in titles if card is None or title != card.title]
    if more:
        used = _add(
            parts, t["themes" if card is None else "more_themes"].format(themes=", ".join(more[:4])), used
        )
    # Each reflection by its writer's name ("Lea nimmt mit", "Nächster Schritt von Herrn Vogt"): the
    # author, or the only person of that side. In a group whose writer is not known the side stands
    # ("Die Junior-Seite nimmt mit"), so one person's sentence is never put in everybody's mouth; never
    # a default masculine. ``fill`` puts a name after "von" in its oblique case.
    for f in ordered:
        if learned := _learned(f.slots):
            who = _writer(f, people) or people.neutral(f.role)
            used = _add(
                parts, fill(lang, t["learned"], {"who": who, "text": t["q"].format(learned[0])}), used
            )
    for f in ordered:
        if f.slots.get("next_step"):
            writer = _writer(f, people)
            values = {"who": writer or "", "text": t["q"].format(f.slots["next_step"][0])}
            used = _add(parts, fill(lang, t["step" if writer else f"step_{f.role}"], values), used)
    if not steps["junior"] and not steps["senior"]:
        used = _add(parts, t["no_step"], used)
    truncated = any(f.truncated for f in filed)
    all_steps = list(dict.fromkeys(steps["junior"] + steps["senior"]))
    follow = [s for side in ("junior", "senior") for s in by_side[side].get("for_later", [])]
    return ReflectionSummary(
        language=lang,
        summary=" ".join(parts),
        junior_learnings=list(dict.fromkeys(learnings["junior"]))[:10],
        senior_learnings=list(dict.fromkeys(learnings["senior"]))[:10],
        themes=themes,
        next_steps=all_steps[:8],
        follow_up_topics=list(dict.fromkeys(follow))[:6],
        sections=sections[:16],
        notes=[t["truncated"]] if truncated else [],
        generated_by=generated_by,
    )


def finalise_summary(
    result: ReflectionSummary, ctx: GenerationContext, knowledge: KnowledgeBase
) -> ReflectionSummary:
    """A composer's summary with the consented themes: the topic card and what participants ticked.
    Other themes a composer (the LLM) proposed are kept as ``suggested_themes`` and never counted."""
    themes = consented_themes(ctx, knowledge)
    suggested = [th for th in dict.fromkeys([*result.suggested_themes, *result.themes]) if th not in themes]
    return result.model_copy(update={"themes": themes, "suggested_themes": suggested[:8]})


def _writer(f: Filed, people: Named) -> str | None:
    """Who wrote ``f``: its author when they are one of the pair, else the only person of its side."""
    side = people.side(f.role)
    return people.member(f.author) or (side[0].name if len(side) == 1 else None)


def _opening(lang: str, filed: list[Filed], people: Named, topic: str | None) -> str:
    """Who reflected ("Zur Session „…“ haben Lea Schulz und Thomas Berger reflektiert"), and whose
    reflection is still to come; by count per side when a writer's name is not known. ``filed`` is
    in the paragraph's order, the junior side first."""
    writers = [_writer(f, people) for f in filed]
    if filed and all(writers):
        # Everyone of the pair who has not written yet, in a group too ("die Reflexion von Ben steht
        # noch aus"), not only a side without any reflection.
        missing = [
            p.name for side in ("junior", "senior") for p in people.side(side) if p.name not in writers
        ]
        key = "sum_by" + ("_missing" if missing else "") + ("" if topic else "_no_topic")
        values = {
            "who": join_names(list(dict.fromkeys(w for w in writers if w)), lang),
            "missing": join_names(missing, lang),
            "topic": topic or "",
        }
        return fill(lang, PHRASES[lang][key], values)
    nj = sum(1 for f in filed if f.role == "junior")
    sides = {"junior": _reflections(lang, "j", nj), "senior": _reflections(lang, "s", len(filed) - nj)}
    if topic is None:
        return phrase(lang, "sum_counts_no_topic", **sides)
    return phrase(lang, "sum_counts", topic=topic, **sides)


def _reflections(lang: str, side: str, n: int) -> str:
    """ "eine Reflexion der Junior-Seite" / "2 Reflexionen …": the right form for ``n``."""
    form = "0" if n == 0 else "1" if n == 1 else "n"
    return phrase(lang, f"sum_refl_{side}_{form}", n=n)


def prompt_reflections(ctx: GenerationContext) -> list[dict[str, object]]:
    """The reflections as the LLM may see them: shared sentences per slot, ticked themes; never the
    private slot, a confidential sentence or the name of someone outside the pair."""
    people = Named(ctx)
    return [
        {
            "author_role": f.role,
            **({"author": name} if (name := people.member(f.author)) else {}),
            "answers": {slot: " ".join(texts) for slot, texts in f.slots.items()},
            "ticked_themes": f.ticked,
        }
        for f in filed_reflections(ctx)
    ]
