"""Texts people read: a refused reflection says why, counts use singular and plural, who wrote a
result is said in words, and the German pages call a meeting "Session" throughout."""

from __future__ import annotations

from typing import Any

from .test_pages import _first_session


def test_empty_reflection_says_why_and_saves_nothing(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    sid = _first_session(demo["url"], demo["ids"]["Lea Hoffmann"])
    assert lea.api_post(f"/api/sessions/{sid}/reflection-prompts").status_code == 201
    lea.post_form(f"/me/sessions/{sid}/held", {})
    r = lea.post_form(
        f"/me/sessions/{sid}/reflection", {"slot_learned": "   ", "slot_private_note": "nur für mich"}
    )
    assert r.status_code == 400
    summary = r.text.split('id="error-summary"')[1].split("</div>")[0]  # at the top, linked to the field
    assert "Bitte beantworte mindestens eine Frage" in summary and "flash error" not in r.text
    assert 'href="#reflection-slot-learned"' in summary and 'id="reflection-slot-learned"' in r.text
    assert ">nur für mich</textarea>" in r.text  # the input is kept
    assert "Deine Reflexion ist gespeichert" not in lea.get(f"/me/sessions/{sid}").text
    r = lea.post_form(
        f"/me/sessions/{sid}/reflection", {"slot_learned": "x" * 5001, "slot_next_step": "Video drehen"}
    )
    summary = r.text.split('id="error-summary"')[1].split("</div>")[0]
    assert r.status_code == 400 and "Was hast du heute gelernt" in summary
    assert "Bitte höchstens 5000 Zeichen" in summary and ">Video drehen</textarea>" in r.text
    # a theme that is not in the taxonomy is refused by the service: a message, the text kept, no 500
    r = lea.post_form(
        f"/me/sessions/{sid}/reflection", {"slot_next_step": "Video drehen", "themes": ["topic-erfunden"]}
    )
    assert r.status_code == 400 and 'id="reflection-error"' in r.text and ">Video drehen</textarea>" in r.text


def test_generated_by_in_words_and_session_wording(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    sid = _first_session(demo["url"], demo["ids"]["Jonas Demir"])
    before = jonas.get(f"/me/sessions/{sid}").text  # page texts only (generated text may say "Termin")
    assert jonas.api_post(f"/api/sessions/{sid}/agenda").status_code == 201
    page = jonas.get(f"/me/sessions/{sid}").text
    assert "Ohne KI-Modell aus der Wissensbasis zusammengestellt." in page
    assert "erstellt von offline" not in page
    home = jonas.get("/me").text
    assert "2 Reflexionen" in home and "Reflexion(en)" not in home
    for text in (before, home):
        assert "Termin" not in text, "German pages say Session, not Termin"
    # a sign-in link made on the command line (the demo's) reads as a phrase, not "von per …"
    assert "per Kommandozeile" in home and "von per" not in home


def test_pages_about_meetings_say_session_and_dates_termin(demo: dict[str, Any]) -> None:
    """Figures about meetings held or planned say "Session"; stalled pairs are named as such; the mail
    choices name the session for reminders and reflection questions."""
    hr = demo["browser"]("Katrin Vogel (HR)")
    insights = hr.get("/coordinator/programmes/1/insights").text
    assert "Ins Stocken geratene Tandems" in insights
    assert "(seit 30 Tagen keine Session, weder stattgefunden noch geplant, oder zwei Absagen" in insights
    assert "Termin" not in insights
    health = hr.get("/coordinator/programmes/1/health").text
    assert "Zahlen zu Tandems, Gruppen, Sessions und Beteiligung" in health
    assert "ins Stocken geraten (30 Tage ohne Session)" in health
    assert "Sessions pro Monat: geplant und stattgefunden" in health
    assert "Anteil stattgefundener Sessions mit …" in health
    # the participant's mail choices: reminders and reflection come with each session (the meeting);
    # calendar invitations are about its date, so they keep "Termin"
    choices = demo["browser"]("Jonas Demir").get("/me/notifications").text
    assert "Eine Erinnerung vor jeder Session, mit Agenda" in choices
    assert "Die Fragen zur Reflexion nach jeder Session" in choices
    assert "Ein freundlicher Hinweis, wenn ihr euch länger nicht getroffen habt" in choices  # Tandem or group
    assert "Kalendereinladungen, wenn ein Termin geplant, verschoben oder abgesagt wird" in choices


def test_links_written_from_the_catalogue_read_in_the_pages_language(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    assert 'id="matching-link">Matching und Programmrahmen</a>' in hr.get("/coordinator/programmes/1").text
    hr.post_form("/coordinator/language", {"language": "en", "next": "/coordinator"})
    assert 'id="matching-link">Matching and programme frame</a>' in hr.get("/coordinator/programmes/1").text
    me = demo["browser"]("Jonas Demir").get("/me").text
    assert ">Themenplan</a>" in me and ">Meine Wünsche fürs Matching</a>" in me
