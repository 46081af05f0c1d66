"""How the mails read to the people who get them: every mail of the cycle, rendered in German and
English, in a one-to-one pair and in a group. German calls the meeting a "Session" and only its date
or calendar entry a "Termin"; nothing assumes two people or a masculine person; no placeholder leaks;
nudges leave room to say no; no mail carries what someone wrote."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from companion.notifications import compose, cycle
from companion.notifications.i18n import Texts
from companion.notifications.pages import kind_labels

BERLIN = ZoneInfo("Europe/Berlin")
PREFS = "http://127.0.0.1:8000/notifications/5.abc"
URL = "http://127.0.0.1:8000/me/sessions/7"
STARTS = datetime(2026, 12, 8, 9, 0, tzinfo=UTC)  # 10:00 in Berlin
PAIR, GROUP = "Tandem Geschäftsführung", "Runde Produktion & Personal"


def facts(pair: str, duration: int = 60) -> compose.SessionFacts:
    return compose.SessionFacts(
        pair=pair,
        number=3,
        starts_at=STARTS,
        duration=duration,
        topic="KI im Arbeitsalltag",
        url=URL,
        programme="Reverse Mentoring 2026",
        group=pair == GROUP,
    )


def mails(language: str) -> dict[str, compose.Content]:
    """Every mail the service sends, with and without the optional parts, for a pair and a group."""
    t = Texts(language, BERLIN)
    expires = datetime(2026, 12, 10, 17, 30, tzinfo=UTC)
    link = "http://127.0.0.1:8000/auth/invite/abc"
    made = {
        "invite": compose.invite(
            t,
            name="Dr. Helga Brandt",
            programme="Reverse Mentoring 2026",
            coordinator="Katrin Vogel",
            url=link,
            expires_at=expires,
            signin_url="http://127.0.0.1:8000/signin",
        ),
        "invite-anonymous": compose.invite(
            t,
            name="Jonas Demir",
            programme="Reverse Mentoring 2026",
            coordinator=None,
            url=link,
            expires_at=expires,
            signin_url="http://127.0.0.1:8000/signin",
        ),
        "signin": compose.signin(t, name="Katrin Vogel", programme=None, url=link, expires_at=expires),
        "test": compose.test(t),
    }
    for who, pair, duration in (("pair", PAIR, 60), ("group", GROUP, 90)):
        made[f"invite-{who}"] = compose.invite(  # someone already in a one-to-one pair / a group
            t,
            name="Mia Schulte",
            programme="Reverse Mentoring 2026",
            coordinator="Katrin Vogel",
            url=link,
            expires_at=expires,
            signin_url="http://127.0.0.1:8000/signin",
            group=pair == GROUP,
        )
        f = facts(pair, duration)
        for label, method, moved in (
            ("new", "REQUEST", False),
            ("moved", "REQUEST", True),
            ("cancelled", "CANCEL", False),
        ):
            made[f"calendar-{label}-{who}"] = cycle.calendar(
                t, name="Mia Schulte", facts=f, method=method, moved=moved, preferences_url=PREFS
            )
        made[f"reminder-{who}"] = cycle.reminder(
            t,
            name="Mia Schulte",
            facts=f,
            agenda=[("Ankommen", 10), ("Ausprobieren", 35)],
            questions=["Welche Werkzeuge nutzt du täglich?"],
            to_bring=["Laptop"],
            preferences_url=PREFS,
        )
        made[f"reminder-bare-{who}"] = cycle.reminder(
            t, name="Mia Schulte", facts=f, agenda=None, questions=[], to_bring=[], preferences_url=PREFS
        )
        made[f"reflection-{who}"] = cycle.reflection(
            t, name="Mia Schulte", facts=f, prompts=["Was hat dich überrascht?"], preferences_url=PREFS
        )
        made[f"reflection-unmarked-{who}"] = cycle.reflection(
            t, name="Mia Schulte", facts=f, prompts=[], preferences_url=PREFS, held=False
        )
        for label, cancellations in (("quiet", False), ("cancellations", True)):
            made[f"nudge-{label}-{who}"] = cycle.nudge(
                t,
                name="Mia Schulte",
                pair=pair,
                programme="Reverse Mentoring 2026",
                cancellations=cancellations,
                url="http://127.0.0.1:8000/me",
                preferences_url=PREFS,
                group=pair == GROUP,
            )
    return made


def reading(content: compose.Content) -> str:
    """Subject and plain-text body, as the recipient reads them."""
    mail = compose.to_mail(content, "mia@example.org", "Mia Schulte")
    return f"{mail.subject}\n{mail.text}"


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?:])\s+|\n", text) if s.strip()]


@pytest.mark.parametrize("language", ["de", "en"])
def test_no_placeholder_or_empty_value_leaks(language: str) -> None:
    for kind, content in mails(language).items():
        text = reading(content)
        assert not re.search(r"[{}]|\bNone\b|%\(|\$\{", text), kind
        html = compose.to_mail(content, "mia@example.org").html
        assert not re.search(r"[{}]", html.split("<body", 1)[1]), kind


def test_german_mails_call_the_meeting_a_session_and_only_the_date_a_termin() -> None:
    # what a sentence may say "Termin" about: the date (new, fixed, to find) or the calendar entry
    date_or_calendar = re.compile(
        r"[Nn]eue[nr]? Termin|[Dd]er Termin für|den Termin aus deinem Kalender|steht der Termin in deinem Kalender"
    )
    for kind, content in mails("de").items():
        text = reading(content)
        for sentence in sentences(text):
            if "Termin" in sentence:
                assert date_or_calendar.search(sentence), f"{kind}: {sentence}"
        if kind.startswith(("reminder", "reflection", "nudge")):  # about the meeting itself
            assert "Termin" not in text, kind
            assert "Session" in content.subject, kind
        if content.button and content.button[1] == URL:
            assert content.button[0] == "Zur Session", kind
    by_kind = mails("de")
    assert by_kind["reflection-pair"].subject == "Wie war eure Session? Halte fest, was bleibt"
    assert by_kind["reminder-pair"].subject == "Bald ist es so weit: eure Session am 08.12.2026"
    assert by_kind["nudge-quiet-pair"].subject == "Lust auf eure nächste Session?"
    assert by_kind["nudge-quiet-pair"].button == ("Session planen", "http://127.0.0.1:8000/me")
    assert by_kind["calendar-moved-pair"].subject == "Neuer Termin: Reverse-Mentoring-Session am 08.12.2026"
    assert "hat einen neuen Termin: Dienstag, 8. Dezember 2026 um 10:00 Uhr, 60 Minuten" in reading(
        by_kind["calendar-moved-pair"]
    )
    assert "der Termin für eure 3. Session" in reading(by_kind["calendar-new-pair"])
    assert "Auf der Session-Seite" in reading(by_kind["reminder-bare-pair"])
    assert "eure Sessions und zu jeder Session eine Agenda" in reading(by_kind["invite"])


def test_mail_choices_name_the_session_for_reminders_and_reflection() -> None:
    labels = dict(kind_labels(Texts("de", BERLIN)))
    assert (
        labels["reminder"]
        == "Eine Erinnerung vor jeder Session, mit Agenda und deinen Fragen zur Vorbereitung"
    )
    assert labels["reflection"] == "Die Fragen zur Reflexion nach jeder Session"
    assert "Termin" not in labels["nudge"]
    assert "Termin" in labels["calendar"]  # the calendar entry is about the date


@pytest.mark.parametrize("language", ["de", "en"])
def test_nothing_assumes_two_people_or_a_masculine_person(language: str) -> None:
    two = {
        "de": r"\b(euch beiden|ihr beiden?|euch zweien|ihr zwei|beide von euch)\b",
        "en": r"\b(you both|both of you|the two of you)\b",
    }
    masculine = r"\b(der|den|dem|des|ein|einen|einem) (Junior|Senior|Mentor|Mentee|Teilnehmer|Koordinator)\b"
    masculine += r"|\bsein(e|er|em|en|es)?\b|\bhis\b|\bhim\b|\bhe\b"
    for kind, content in mails(language).items():
        text = reading(content)
        assert not re.search(two[language], text, re.I), kind
        assert not re.search(masculine, text), kind


def test_german_mails_say_du_and_greet_by_first_name() -> None:
    formal = re.compile(r"\b(Ihnen|Ihre[mnrs]?|Sehr geehrte[r]?)\b")
    for kind, content in mails("de").items():
        assert not formal.search(reading(content)), kind
    by_kind = mails("de")
    assert by_kind["invite"].greeting == "Hallo Helga,"  # no title, no surname
    # after the greeting's comma the letter goes on in lower case, also with several people ("ihr")
    assert (
        reading(by_kind["nudge-quiet-group"])
        .split("\n")[3]
        .startswith("ihr habt euch in der Gruppe „Runde Produktion & Personal“ eine Weile nicht getroffen.")
    )


@pytest.mark.parametrize("language", ["de", "en"])
def test_nudges_leave_room_to_say_no(language: str) -> None:
    fine = {
        "de": "Passt es gerade nicht, ist das in Ordnung.",
        "en": "if now is not a good time, that is fine",
    }
    pressure = {
        "de": r"\b(musst|müsst|solltest|solltet|bitte unbedingt|dringend)\b",
        "en": r"\b(must|should|have to|urgent)\b",
    }
    for kind, content in mails(language).items():
        if kind.startswith("nudge"):
            text = reading(content)
            assert fine[language] in text, kind
            assert not re.search(pressure[language], text, re.I), kind


@pytest.mark.parametrize("language", ["de", "en"])
def test_reflection_mail_says_who_reads_what_and_how_to_get_there(language: str) -> None:
    by_kind = mails(language)
    marked, unmarked = reading(by_kind["reflection-pair"]), reading(by_kind["reflection-unmarked-pair"])
    private = {"de": "deine private Notiz bleibt bei dir", "en": "your private note stays with you"}[language]
    held = {"de": "zuerst auf der Session-Seite als stattgefunden", "en": "First mark it as held"}[language]
    over = {"de": "ist vorbei", "en": "is over"}[language]
    assert private in marked and private in unmarked
    assert held in unmarked and held not in marked  # only when the page would ask for it first
    assert over in marked and over not in unmarked  # nobody said the unmarked one took place
    assert f"{URL}#reflection" in marked


def test_english_subjects_say_what_the_mail_is_about() -> None:
    by_kind = mails("en")
    assert by_kind["reflection-pair"].subject == "How was your session? Note what stays with you"
    assert "Plan a new one whenever it suits you." in reading(by_kind["calendar-cancelled-group"])


def test_a_reminder_without_questions_says_how_to_get_them_instead_of_promising_them() -> None:
    made = mails("de")
    bare = [reading(c) for key, c in made.items() if key.startswith("reminder-bare-")]
    assert bare and all("Fragen zur Vorbereitung erstellen lassen" in text for text in bare)
    assert not any("findest du auch Fragen" in text for text in bare)
    full = [reading(c) for key, c in made.items() if key.startswith("reminder-") and "bare" not in key]
    assert full and not any("erstellen lassen" in text for text in full)  # the questions are in the mail
    # Questions "for you and your partner" would be wrong for a group: there are several others.
    assert "für dich und die anderen in deiner Gruppe" in reading(made["reminder-bare-group"])
    assert "für dich und dein Gegenüber" in reading(made["reminder-bare-pair"])


@pytest.mark.parametrize("language", ["de", "en"])
def test_a_group_is_a_group_and_a_name_with_its_own_kind_word_is_not_doubled(language: str) -> None:
    """A group of four is no "Tandem"; "Tandem Geschäftsführung" reads as one name, not as
    "im Tandem „Tandem Geschäftsführung“"."""
    texts = {key: reading(content) for key, content in mails(language).items()}
    group = [text for key, text in texts.items() if key.endswith("-group")]
    pair = [text for key, text in texts.items() if key.endswith("-pair")]
    assert group and pair
    if language == "de":
        assert all("Tandem" not in text for text in group), [t for t in group if "Tandem" in t][:1]
        assert any("in der Gruppe „Runde Produktion & Personal“" in text for text in group)
        assert any("zur Gruppe „Runde Produktion & Personal“" in text for text in group)
        assert all("Tandem „Tandem" not in text for text in pair)
        assert any("im Tandem Geschäftsführung" in text for text in pair)
        assert any("zum Tandem Geschäftsführung" in text for text in pair)
    else:
        assert all("pair “" not in text for text in group)
        assert any("group “Runde Produktion & Personal”" in text for text in group)


def test_the_invite_says_where_to_find_the_members_own_pair_or_group() -> None:
    de, en = mails("de"), mails("en")
    assert "Dort findest du deine Gruppe, eure Sessions" in reading(de["invite-group"])
    assert "Dort findest du dein Tandem, eure Sessions" in reading(de["invite-pair"])
    assert "Gruppe" not in reading(de["invite-pair"])
    # in no pair yet (or in both kinds): either may be waiting there
    assert "Dort findest du dein Tandem oder deine Gruppe, eure Sessions" in reading(de["invite"])
    assert "There you will find your group, your sessions" in reading(en["invite-group"])
    assert "There you will find your pair, your sessions" in reading(en["invite-pair"])
    assert "There you will find your pair, your sessions" in reading(en["invite"])
    assert "group" not in reading(en["invite-pair"]) + reading(en["invite"])
