"""English possessives follow the pronouns people gave: "her area" for someone who gave she/her,
"his" for he/him, and the singular "their" for they/them, for no pronouns and whenever it is unclear
who is meant (several people, "you", another person in between, quoted words)."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from companion.generation.offline import OfflineComposer
from companion.generation.people import People
from companion.generation.pronouns import Possessives
from companion.generation.schemas import GenerationContext

Make = Callable[..., GenerationContext]


def _own(juniors: list[dict[str, str]], seniors: list[dict[str, str]], lang: str = "en") -> Possessives:
    ctx = GenerationContext.model_validate({"language": lang, "juniors": juniors, "seniors": seniors})
    return Possessives(People(ctx))


BEN_PETRA = ([{"name": "Ben", "pronouns": "he/him"}], [{"name": "Petra Schulz", "pronouns": "she/her"}])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Petra Schulz tells where things stand in their area today.",
            "Petra Schulz tells where things stand in her area today.",
        ),
        ("Ben also asks about their own team.", "Ben also asks about his own team."),
        (
            "Petra Schulz describes the task; Ben shows their example.",
            "Petra Schulz describes the task; Ben shows his example.",
        ),
        # the person right before "their" is an object, not a subject: left as written
        (
            "Petra Schulz shows Ben something from their own field that Ben needs for their development.",
            "Petra Schulz shows Ben something from their own field that Ben needs for his development.",
        ),
        # several people, "you", a new sentence: "their" stays
        ("Ben and Petra Schulz talk about their paths.", "Ben and Petra Schulz talk about their paths."),
        ("Petra Schulz describes it; then you look at their numbers.", None),
        ("Ben shows the ad. Their feeds differ.", None),
        # the pair's own words are never changed, and do not hide the subject after them
        ("Ben shows “their own goal” and their example.", "Ben shows “their own goal” and his example."),
    ],
)
def test_their_follows_the_subjects_pronouns(text: str, expected: str | None) -> None:
    assert _own(*BEN_PETRA)(text) == (expected or text)


def test_they_them_no_pronouns_and_german_keep_the_text() -> None:
    text = "Sam shows their example; Helen tells about their area."
    assert _own([{"name": "Sam", "pronouns": "they/them"}], [{"name": "Helen"}])(text) == text
    german = "Petra erzählt aus ihrem Bereich."
    assert (
        _own([{"name": "Ben", "pronouns": "er/ihm"}], [{"name": "Petra", "pronouns": "sie/ihr"}], "de")(
            german
        )
        == german
    )


def test_a_side_of_several_people_keeps_their() -> None:
    own = _own([{"name": "Ana", "pronouns": "she/her"}, {"name": "Tom", "pronouns": "he/him"}], [])
    assert own("Ana shows their example.") == "Ana shows their example."


async def test_english_agenda_and_preparation_use_the_given_pronouns(
    offline: OfflineComposer, make_ctx: Make
) -> None:
    ctx = make_ctx(
        language="en",
        topic="Instagram job ads",
        goals=["Find out why our Instagram job ads get no applications"],
        duration_minutes=45,
        session_number=1,
        juniors=[{"name": "Mia", "pronouns": "she/her", "expertise": "Instagram"}],
        seniors=[{"name": "James Carter", "pronouns": "he/him", "role": "Head of HR"}],
    )
    agenda = await offline.agenda(ctx)
    text = " ".join(f"{i.title} {i.purpose} {' '.join(i.prompts)}" for i in agenda.items)
    assert re.search(r"\b(?:his|her) (?:own )?\w+", text), text
    # no sentence in which one of them is the subject of a verb and "their" follows directly
    assert not re.search(r"\b(?:Mia|James Carter) (?:tells|opens|shows|describes) [^.;:]*?\btheir\b", text), (
        text
    )
    prep = await offline.preparation(ctx)
    lines = [*prep.junior_questions, *prep.senior_questions, *prep.junior_to_bring, *prep.senior_to_bring]
    assert not re.search(
        r"\b(?:Mia|James Carter) (?:tells|opens|shows|describes) [^.;:]*?\btheir\b", " ".join(lines)
    )
