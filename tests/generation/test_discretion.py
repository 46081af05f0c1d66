"""What the partner may read of a reflection: confidential markers in both languages and their
scope, the private slot, exclusions, and neutral descriptions for people outside the pair."""

from __future__ import annotations

import pytest

from companion.generation.discretion import People, is_confidential, neutralise_names, shared_view


@pytest.mark.parametrize(
    "sentence",
    [
        "Vertraulich: Ich halte unseren Agenturvertrag für rausgeworfenes Geld.",
        "Das bleibt aber unter uns.",
        "Bitte nicht weitersagen, aber die IT hat kein Budget.",
        "Unter vier Augen: Der Werksleiter hält das für eine Mode.",
        "Confidentially: two of the four leavers went because of one manager in Finance.",
        "I don't want that named outside this group.",
        "Between you and me, the budget is gone.",
        "Nur für dich: die Zahlen sind schlecht.",
        "Zwischen uns beiden: ich bin gerade überfordert.",
        "Das ist nicht für die Runde bestimmt: ich kündige.",
        "Please do not share this: I am close to burning out.",
        "Just between us, the reorganisation is coming.",
    ],
)
def test_confidential_markers(sentence: str) -> None:
    assert is_confidential(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Wir haben offen gesprochen.",
        "Die Vertragslaufzeit endet im März.",
        "Ich habe zwischen uns und dem Vertrieb vermittelt.",
        "Ich nutze Instagram privat und beruflich.",
    ],
)
def test_ordinary_sentences_are_not_confidential(sentence: str) -> None:
    assert not is_confidential(sentence)


@pytest.mark.parametrize(
    ("answer", "lang"),
    [("Privat: Meine Mutter ist krank. Ich schaffe wenig.", "de"), ("Personal: my father is ill.", "en")],
)
def test_a_private_label_hides_its_own_sentence_and_the_rest_of_the_paragraph(answer: str, lang: str) -> None:
    view = shared_view({"learned": f"{answer}\nKI hilft beim Protokoll."}, lang)
    assert [s.hidden for s in view][:-1] == ["confidential"] * (len(view) - 1)
    assert view[-1].hidden is None and view[-1].text == "KI hilft beim Protokoll."


def test_scope_of_markers_private_slot_and_exclusions() -> None:
    view = shared_view(
        {
            "learned": "Der Vertrieb ist überlastet. Das bleibt unter uns. Wir haben viel gelacht.",
            "surprised": "Unter uns: Der Chef nervt. Und zwar sehr.\nDas Team ist trotzdem gut.",
            "next_step": "Ich teste bis zum 3. März einen Assistenten.",
            "private_note": "Nur für mich.",
        },
        "de",
        excluded=[2],
    )
    hidden = {s.original: s.hidden for s in view}
    assert hidden["Der Vertrieb ist überlastet."] == "confidential"  # taken along by "Das bleibt unter uns."
    assert hidden["Wir haben viel gelacht."] == "excluded"
    assert hidden["Und zwar sehr."] == "confidential"  # "Unter uns: …" covers its paragraph
    assert (
        hidden["Das Team ist trotzdem gut."] is None
        and hidden["Ich teste bis zum 3. März einen Assistenten."] is None
    )
    assert "Nur für mich." not in hidden


def test_people_outside_the_pair_get_neutral_descriptions() -> None:
    people = People(members=("Lea Hoffmann", "Frank Keller"), others=("Sabine Ott",))
    assert neutralise_names("Ich sprach mit Frau Dr. Brandner aus der Rechtsabteilung.", people) == (
        "Ich sprach mit einer Kollegin aus der Rechtsabteilung."
    )
    assert neutralise_names("Herr Schmidtbauer prüft alles.", people) == "Ein Kollege prüft alles."
    assert (
        neutralise_names("Sabines Idee war gut, sagt Frank.", people)
        == "Eine Person Idee war gut, sagt Frank."
    )
    assert (
        neutralise_names("Jonas Becker hat das bestätigt, Lea auch.", people)
        == "Ein Kollege hat das bestätigt, Lea auch."
    )
    assert neutralise_names("I talked to Ms Brandner.", people, "en") == "I talked to a colleague."


@pytest.mark.parametrize(
    "sentence",
    [
        "Mein eigenes Profil wirkt auf Bewerber:innen ziemlich veraltet.",
        "Sein Team arbeitet schon lange so.",
        "Will you send me the figures by Friday?",
        "May I try the new tool first?",
    ],
)
def test_function_words_at_a_sentence_start_are_not_names(sentence: str) -> None:
    # The name dictionary lists "Mein", "Will", "May": a summary once read "Eine Kollegin eigenes Profil".
    assert neutralise_names(sentence, People(members=("Lea", "Frank")), "de") == sentence


@pytest.mark.parametrize(
    "sentence",
    [
        "Wir geben der Idee eine zweite Chance.",
        "Ich brauche drei Tage für den Entwurf.",
        "Der Ton in den Meetings ist rau.",
        "Sie hat keinen Titel im Profil.",
    ],
)
def test_nouns_after_an_article_or_number_stay_nouns(sentence: str) -> None:
    # The name dictionary lists Chance, Tage, Ton and Titel as male first names.
    people = People(members=("Lea Hoffmann", "Frank Keller"))
    assert neutralise_names(sentence, people) == sentence


def test_a_first_name_without_an_article_is_still_neutralised() -> None:
    people = People(members=("Lea Hoffmann", "Frank Keller"))
    assert neutralise_names("Gestern hat Anna das vorgeschlagen.", people) == (
        "Gestern hat eine Kollegin das vorgeschlagen."
    )
