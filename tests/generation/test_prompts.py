"""The prompt files carry every principle and people-aware German; the user message gives the model
whole sentences of the knowledge cards, the participants' pronouns and how many people each side has."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from companion.generation.checks import _MASCULINE_ROLE
from companion.generation.context import ContextBuilder
from companion.generation.prompting import (
    LANGUAGES,
    PASSAGE_CHARS,
    TASKS,
    PromptLibrary,
    build_user_message,
    sentences,
    whole_text,
)
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase

Make = Callable[..., GenerationContext]

# Each principle, as the prompt of that language must name it.
PRINCIPLES = {
    "de": {
        "eye level": r"Augenhöhe",
        "dialogue both ways": r"Dialog in beide Richtungen",
        "not only technology": r"Nicht nur Technik",
        "structure": r"Struktur",
        "voluntariness": r"Freiwilligkeit",
        "confidentiality": r"Vertraulichkeit",
        "both win": r"[Bb]eide gewinnen",
    },
    "en": {
        "eye level": r"Eye level",
        "dialogue both ways": r"[Dd]ialogue both ways",
        "not only technology": r"Not only technology",
        "structure": r"Structure",
        "voluntariness": r"Voluntariness",
        "confidentiality": r"Confidentiality",
        "both win": r"Both sides win",
    },
}
_QUOTED = re.compile(r"„[^“]*“|\"[^\"]*\"")


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("task", TASKS)
def test_every_prompt_names_every_principle(task: str, lang: str) -> None:
    text = PromptLibrary.load().get(task, lang)
    missing = [name for name, pattern in PRINCIPLES[lang].items() if not re.search(pattern, text)]
    assert not missing, f"{task}.{lang}.md lacks {missing}"


@pytest.mark.parametrize("task", ["agenda", "preparation", "reflection-prompts"])
def test_german_prompts_are_people_aware(task: str) -> None:
    # (summary.de.md's rules belong to the summary work; it gets the principle lines only.)
    text = PromptLibrary.load().get(task, "de")
    own_words = _QUOTED.sub(" ", text)  # quoted examples of what not to write do not count
    assert not _MASCULINE_ROLE.search(own_words), _MASCULINE_ROLE.findall(own_words)
    assert not re.search(r"\b(?:er|ihm)\b", own_words), "the prompt itself defaults to 'er'"
    assert "Pronomen" in text and "Namen" in text and "generische Maskulinum" in text
    assert "Plural" in text or "„ihr“" in text


def test_the_summary_prompt_asks_for_names_or_neutral_forms() -> None:
    text = PromptLibrary.load().get("summary", "de")
    assert "nie im generischen Maskulinum" in text


@pytest.mark.parametrize("lang", LANGUAGES)
def test_prompts_ask_for_honest_citations_and_retries_with_reasons(lang: str) -> None:
    library = PromptLibrary.load()
    for task in ("agenda", "preparation"):
        text = library.get(task, lang)
        assert ("wirklich verwendest" if lang == "de" else "really use") in text
        assert ("leere Liste" if lang == "de" else "empty list") in text
    agenda = library.get("agenda", lang)
    assert ("fürs nächste Mal" if lang == "de" else "for next time") in agenda
    assert ("Kennenlernen" if lang == "de" else "getting-to-know") in agenda
    assert ("Retrospektive" if lang == "de" else "retrospective") in agenda


def test_sentences_keep_abbreviations_and_ordinals() -> None:
    assert sentences("Das ist z. B. gut. Am 3. Mai geht es los! Danach: ca. 20 Leute. Fertig") == [
        "Das ist z. B. gut.",
        "Am 3. Mai geht es los!",
        "Danach: ca. 20 Leute.",
        "Fertig",
    ]
    assert sentences("Use it, e.g. daily. Then stop.") == ["Use it, e.g. daily.", "Then stop."]


def test_a_long_section_is_shortened_to_whole_sentences() -> None:
    text = " ".join(
        f"Satz Nummer {i} erklärt etwas ausführlich über das Thema und seine Folgen." for i in range(20)
    )
    short = whole_text(text, 200)
    assert len(short) <= 200 and short.endswith(".")
    assert all(s in text for s in sentences(short))
    assert whole_text("Kurz.\n- Punkt eins\n- Punkt zwei", 200) == "Kurz.\n- Punkt eins\n- Punkt zwei"
    one = "Ein einziger sehr langer Satz " + "mit vielen Wörtern " * 30 + "am Ende."
    assert whole_text(one, 100) == one  # never cut mid-sentence, even when one sentence is too long


def test_every_passage_in_the_prompt_ends_on_a_sentence(
    knowledge: KnowledgeBase, builder: ContextBuilder, make_ctx: Make
) -> None:
    for lang in LANGUAGES:
        ctx = builder.prepare(make_ctx(language=lang))
        message = build_user_message("agenda", ctx, knowledge)
        block = message.split("<knowledge>")[1].split("</knowledge>")[0].strip()
        for part in block.split("\n\n"):
            header, _, body = part.partition("\n")
            card_id = header.strip("[").split(" · ")[0]
            passage = next(p for p in ctx.passages if p.card_id == card_id and p.heading in header)
            assert body, header
            original = " ".join(passage.text.split())
            for line in body.splitlines():
                assert " ".join(line.split()).replace("&amp;", "&") in original, (header, line)
                assert re.search(r"[.!?…:“”\")]$", line) or line.startswith("-"), (header, line)
            assert len(body) <= PASSAGE_CHARS + 200


def test_pronouns_and_people_reach_the_model(knowledge: KnowledgeBase, make_ctx: Make) -> None:
    ctx = make_ctx(
        juniors=[{"name": "Lea", "pronouns": "sie/ihr"}, {"name": "Tom", "pronouns": "er/ihm"}],
        seniors=[{"name": "Petra Klein", "role": "Werkleiterin", "pronouns": "sie/ihr"}],
        format="group",
        pattern_id="pattern-group-session",
    )
    message = build_user_message("agenda", ctx, knowledge)
    data = message.rsplit("<pair_data>", 1)[1]
    assert '"pronouns": "sie/ihr"' in data and '"pronouns": "er/ihm"' in data
    assert "people: 2 juniors (use the plural), 1 senior" in message
    unknown = build_user_message("agenda", make_ctx(juniors=[], seniors=[]), knowledge)
    assert "names unknown: use neutral forms" in unknown
