"""Preparation follows what happens in the session's activities, and names the goal each line is for."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from companion.generation.activities import Activity, parse
from companion.generation.offline import OfflineComposer
from companion.generation.prep_activity import brought, mode_of, prepare
from companion.generation.reflection_slots import slot_of
from companion.generation.schemas import GenerationContext
from companion.retrieval.knowledge import KnowledgeBase

Make = Callable[..., GenerationContext]


def _activity(knowledge: KnowledgeBase, card_id: str, lang: str, title: str) -> Activity:
    card = knowledge.get(card_id, lang)
    assert card is not None
    return next(a for a in parse(card, lang) if a.title == title)


@pytest.mark.parametrize(
    ("card", "lang", "title", "mode"),
    [
        ("topic-feedback-culture", "de", "Feedback nach oben üben", "rehearse"),
        ("topic-feedback-culture", "de", "Feedback-Landkarte", "map"),
        ("topic-feedback-culture", "de", "Lob-Werkstatt", "write"),
        ("topic-feedback-culture", "de", "Experiment als nächster Schritt", "experiment"),
        ("topic-social-media", "de", "Feed-Rundgang", "show"),
        ("topic-social-media", "de", "Profil-Check", "show"),
        ("topic-mobile-first", "de", "Perspektive ohne Schreibtisch", "map"),  # "Schreibtisch" writes nothing
        ("topic-feedback-culture", "en", "Practising feedback upwards", "rehearse"),
        ("topic-social-media", "en", "Feed tour", "show"),
        ("topic-work-life-balance", "en", "Personal experiment as the next step", "experiment"),
    ],
)
def test_the_mode_follows_the_idea(
    knowledge: KnowledgeBase, card: str, lang: str, title: str, mode: str
) -> None:
    assert mode_of(_activity(knowledge, card, lang, title), lang) == mode


def test_what_an_idea_says_a_side_brings(knowledge: KnowledgeBase) -> None:
    mail = _activity(knowledge, "topic-communication-tools", "de", "Mail oder Chat?")
    assert brought(mail, "de") == {"senior": "zehn E-Mails der letzten Woche"}
    figures = _activity(knowledge, "topic-social-media", "en", "Figures of the last ads")
    assert brought(figures, "en") == {"senior": "reach, clicks and applications of the last five job ads"}
    footprint = _activity(knowledge, "topic-sustainability", "en", "Footprint of the area")
    assert brought(footprint, "en") == {"senior": "consumption figures of your own area"}
    # "brings in" a view is no object to carry along.
    ci = _activity(knowledge, "topic-modern-dev-practices", "en", "Preparing a CI/CD decision")
    assert brought(ci, "en") == {}


def test_one_mode_one_line_and_no_device_for_a_rehearsal(knowledge: KnowledgeBase) -> None:
    a = _activity(knowledge, "topic-feedback-culture", "de", "Feedback-Probe")
    b = _activity(knowledge, "topic-feedback-culture", "de", "Feedback nach oben üben")
    lines = prepare("de", [(a.title, a, "understand"), (b.title, b, "try")], {"J": "Lea", "S": "Frau Keller"})
    assert lines.junior_questions == [
        "Für „Feedback-Probe“ und „Feedback nach oben üben“: Welche echte Situation nimmst du als "
        "Übungsfall, und was soll sich danach bei Frau Keller ändern?"
    ]
    assert len(lines.senior_questions) == 1
    everything = " ".join(lines.junior_bring + lines.senior_bring)
    assert "Gerät" not in everything and "Situation" in everything


def test_the_named_object_replaces_the_general_one(knowledge: KnowledgeBase) -> None:
    mail = _activity(knowledge, "topic-communication-tools", "de", "Mail oder Chat?")
    lines = prepare("de", [(mail.title, mail, "understand")], {"J": "Aylin und Ben", "S": "Herr Vogt"})
    assert lines.senior_bring == ["Für „Mail oder Chat?“: zehn E-Mails der letzten Woche"]
    assert lines.junior_bring == [
        "Für „Mail oder Chat?“: eigene Beobachtungen der letzten Wochen, kurz notiert"
    ]


def test_an_experiment_asks_for_a_date_not_a_device(knowledge: KnowledgeBase) -> None:
    act = _activity(knowledge, "topic-feedback-culture", "en", "Experiment as the next step")
    lines = prepare("en", [(act.title, act, "try")], {"J": "Sam", "S": "Ruth"})
    assert "when exactly" in lines.senior_questions[0]
    assert "calendar" in lines.senior_bring[0]
    assert "next meeting" in lines.junior_questions[0] and not lines.junior_bring


async def test_preparation_reads_for_a_feedback_session(offline: OfflineComposer, make_ctx: Make) -> None:
    prep = await offline.preparation(
        make_ctx(
            topic="topic-feedback-culture",
            goals=[
                "Verstehen, warum Jüngere öfter Rückmeldung wollen",
                "Eine kurze Feedback-Runde im Team ausprobieren",
            ],
            juniors=[{"name": "Lea", "expertise": "Retros"}],
            seniors=[{"name": "Frau Keller", "pronouns": "sie"}],
            duration_minutes=45,
        )
    )
    lines = [*prep.junior_questions, *prep.senior_questions, *prep.junior_to_bring, *prep.senior_to_bring]
    # No sentence twice with only a title changed, and no device for a conversation about feedback.
    bare = [re.sub(r" \(Ziel: .*\)$", "", line) for line in lines]
    stems = [line.split("“: ", 1)[-1] if line.startswith("Für „") else line for line in bare]
    assert len(stems) == len(set(stems))
    assert not any("Gerät" in line for line in lines)
    # Every goal-kind line says which goal it is for, as a label after the line.
    labels = {line.rsplit(" (Ziel: ", 1)[1] for line in lines if " (Ziel: " in line}
    assert labels == {
        "„Verstehen, warum Jüngere öfter Rückmeldung wollen“)",
        "„Eine kurze Feedback-Runde im Team ausprobieren“)",
    }


async def test_a_goal_line_in_english_keeps_its_sentence_whole(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    prep = await offline.preparation(
        make_ctx(
            language="en",
            topic="topic-social-media",
            goals=["Understand why our job ads get no applications"],
        )
    )
    line = next(q for q in prep.junior_questions if "(Goal: " in q)
    question, label = line.split(" (Goal: ", 1)
    assert question.endswith("?") and question[0].isupper()
    assert label == "“Understand why our job ads get no applications”)"


async def test_reflection_prompts_ask_about_each_goal_by_what_it_wants(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    prompts = await offline.reflection_prompts(
        make_ctx(
            topic="topic-feedback-culture",
            goals=[
                "Verstehen, warum Jüngere öfter Rückmeldung wollen",
                "Eine Feedback-Runde im Team ausprobieren",
            ],
            seniors=[{"name": "Frau Keller", "pronouns": "sie"}],
        )
    )
    junior = [p for p in prompts.junior_prompts if "(Ziel: " in p]
    senior = [p for p in prompts.senior_prompts if "(Ziel: " in p]
    assert junior == [
        "Was hat sich heute für dieses Ziel geklärt, und was hast du dabei selbst gelernt? "
        "(Ziel: „Verstehen, warum Jüngere öfter Rückmeldung wollen“)",
        "Was hast du eingebracht, damit es ohne deine Hilfe klappt, und wo hakt es noch? "
        "(Ziel: „Eine Feedback-Runde im Team ausprobieren“)",
    ]
    # Each files into a slot of the reflection form, whatever words the goal label holds.
    assert [slot_of(p) for p in junior + senior] == ["learned", "contributed", "learned", "learned"]


async def test_english_reflection_prompts_use_names_and_the_last_session_looks_back(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    ctx = make_ctx(language="en", goals=["Decide whether we pilot a four-day week"], session_number=6)
    prompts = await offline.reflection_prompts(ctx)
    text = " ".join(prompts.junior_prompts + prompts.senior_prompts)
    assert "the senior" not in text and "the junior" not in text
    assert "Lea" in text  # "Which perspective of Lea changed your thinking most?"
    assert any(
        p.startswith("What did you learn about this goal over the programme") for p in prompts.junior_prompts
    )
    regular = await offline.reflection_prompts(make_ctx(language="en"))
    assert any("Frank's point of view" in p for p in regular.junior_prompts), regular.junior_prompts


def test_the_goal_label_does_not_decide_the_slot() -> None:
    asked = "Was hast du zum Entwurf beigetragen, und was sollte noch besser werden?"
    assert slot_of(f"{asked} (Ziel: „Besprechen, ob uns etwas überrascht“)") == "contributed"


async def test_two_goals_of_one_kind_share_a_line_and_the_close_does_not_repeat(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    ctx = make_ctx(
        topic="topic-feedback-culture",
        goals=["Verstehen, wie Jüngere Feedback erleben", "Verstehen, warum Lob selten ankommt"],
    )
    prep = await offline.preparation(ctx)
    lines = [*prep.junior_questions, *prep.senior_questions, *prep.junior_to_bring, *prep.senior_to_bring]
    labelled = [line for line in lines if "(Ziel" in line]
    assert labelled and all(
        line.endswith(
            "(Ziele: „Verstehen, wie Jüngere Feedback erleben“; „Verstehen, warum Lob selten ankommt“)"
        )
        for line in labelled
    ), labelled
    agenda = await offline.agenda(ctx)
    closing = agenda.items[-1].prompts
    skeletons = [re.sub(r"„[^“]*“", "„…“", q) for q in closing]
    assert len(skeletons) == len(set(skeletons)), closing


async def test_a_goal_whose_activity_already_asks_for_it_adds_no_second_line(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    """A text workshop already asks for a template; the draft goal would ask for one again."""
    prep = await offline.preparation(
        make_ctx(
            topic="topic-onboarding", goals=["Eine Willkommensnachricht für neue Kolleg:innen schreiben"]
        )
    )
    lines = [*prep.junior_questions, *prep.junior_to_bring]
    templates = [line for line in lines if "Vorlage" in line]
    # The message workshop asks for a template; the draft goal adds no second "Vorlage" line.
    assert len(templates) == 2 and all(line.startswith("Für „Willkommensnachricht") for line in templates), (
        templates
    )
