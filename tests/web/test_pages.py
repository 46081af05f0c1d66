"""Pages render from real data, in the programme's language, and keep pair content to the pair."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from companion.auth import bootstrap
from companion.db.models import MentoringSession, PairMember


def _first_session(url: str, participant_id: int) -> int:
    async def q(session: Any) -> int:
        pair_id = await session.scalar(
            select(PairMember.pair_id).where(PairMember.participant_id == participant_id)
        )
        return int(
            await session.scalar(
                select(MentoringSession.id)
                .where(MentoringSession.pair_id == pair_id)
                .order_by(MentoringSession.number)
            )
        )

    return bootstrap.run(url, q, migrate=False)


def test_participant_sees_pair_and_sessions_in_german(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    r = jonas.get("/me")
    assert r.status_code == 200 and 'lang="de"' in r.text
    assert (
        "Mein Tandem" in r.text
        and "Dr. Helga Brandt" in r.text
        and "Nächste Session" in r.text
        and "Termin" not in r.text
    )
    # Mia is in the demo's group of four: a group is no "Tandem"
    mia = demo["browser"]("Mia Schulte").get("/me").text
    assert "<h1>Meine Gruppe</h1>" in mia and "Mein Tandem" not in mia
    sid = _first_session(demo["url"], demo["ids"]["Jonas Demir"])
    page = jonas.get(f"/me/sessions/{sid}")
    assert page.status_code == 200 and "Agenda erstellen" in page.text and "KI" in page.text
    # another pair's session is refused with a friendly page, not JSON
    other = _first_session(demo["url"], demo["ids"]["Mia Schulte"])
    r = jonas.get(f"/me/sessions/{other}")
    assert r.status_code == 403 and "keine Berechtigung" in r.text


def test_agenda_generation_and_print_view(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    sid = _first_session(demo["url"], demo["ids"]["Jonas Demir"])
    assert jonas.api_post(f"/api/sessions/{sid}/agenda").status_code == 201
    part = jonas.get(f"/me/sessions/{sid}/part/agenda")
    assert part.status_code == 200 and '<ol class="agenda">' in part.text and "Druckansicht" in part.text
    printed = jonas.get(f"/me/sessions/{sid}/agenda/print")
    assert printed.status_code == 200 and "agenda-print" in printed.text


def test_topic_change_and_reflection_form(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    sid = _first_session(demo["url"], demo["ids"]["Lea Hoffmann"])
    r = lea.post_form(f"/me/sessions/{sid}/topic", {"topic": "topic-remote-work"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Remote" in lea.get(f"/me/sessions/{sid}").text
    assert lea.api_post(f"/api/sessions/{sid}/reflection-prompts").status_code == 201
    lea.post_form(f"/me/sessions/{sid}/held", {})
    page = lea.get(f"/me/sessions/{sid}").text
    assert 'id="reflection-form"' in page and 'id="reflection-partner-reads"' in page
    assert "Dein Gegenüber liest die Zusammenfassung" in page and 'name="slot_private_note"' in page
    assert 'name="themes" value="none"' in page  # "none of these" among the ticked themes
    r = lea.post_form(f"/me/sessions/{sid}/reflection", {"slot_private_note": "nur privat"})
    assert r.status_code == 400 and "mindestens eine Frage" in r.text
    r = lea.post_form(
        f"/me/sessions/{sid}/reflection",
        {
            "slot_learned": "Mehr Mut zu Videos. Vertraulich: Mein Chef hasst TikTok.",
            "slot_next_step": "Ich drehe bis zum 3. März ein kurzes Video.",
            "slot_private_note": "Nur für mich.",
            "themes": "topic-social-media",
        },
        follow_redirects=False,
    )
    assert r.status_code == 303
    page = lea.get(f"/me/sessions/{sid}").text
    assert 'id="reflection-preview"' in page and "Noch nicht geteilt" in page
    assert (
        "vertraulich – wird nicht geteilt" in page
        and "Nur für mich." not in page.split('id="reflection-preview"')[1]
    )
    r = lea.post_form(f"/me/sessions/{sid}/reflection/share", {"exclude": "0"}, follow_redirects=False)
    assert r.status_code == 303
    assert "Geteilt." in lea.get(f"/me/sessions/{sid}").text
    summary = lea.api_post(f"/api/sessions/{sid}/summary").json()["result"]
    dumped = str(summary)
    assert "Mehr Mut" not in dumped and "TikTok" not in dumped and "Nur für mich" not in dumped
    # the demo's shared reflections of this session count too; Lea's next step comes from her next-step slot
    assert "Ich drehe bis zum 3. März ein kurzes Video." in summary["next_steps"]
    assert "topic-social-media" in summary["themes"]
    # On the page, each side's first-person steps stand under the name of whoever wrote them.
    part = lea.get(f"/me/sessions/{sid}/part/summary").text
    assert "Nächste Schritte von Lea Hoffmann" in part, part
    mine = part.split("Nächste Schritte von Lea Hoffmann", 1)[1].split("</ul>", 1)[0]
    assert "Ich drehe bis zum 3. März ein kurzes Video." in mine
    assert "Gelernt (Junior)" not in part  # names, not roles, once the pair's names are known
    # forms without the CSRF token are refused
    r = lea.client.post(f"/me/sessions/{sid}/topic", data={"topic": "x"}, headers={"accept": "text/html"})
    assert r.status_code == 403


def test_coordinator_pages_and_reporting_line_form_error(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    home = hr.get("/coordinator")
    assert home.status_code == 200 and "Brandt Antriebstechnik" in home.text
    r = hr.post_form(
        "/coordinator/programmes/1/pairs",
        {
            "junior_ids": [str(demo["ids"]["Lea Hoffmann"])],
            "senior_ids": [str(demo["ids"]["Thomas Keller"])],
            "format": "one-to-one",
        },
    )
    assert r.status_code == 422 and 'id="pair-errors"' in r.text
    assert "Lea Hoffmann berichtet direkt an Thomas Keller" in r.text and "reports directly" not in r.text
    r = hr.post_form("/coordinator/programmes/1/invites", {"participant_id": str(demo["ids"]["Ben Wagner"])})
    assert r.status_code == 200 and "/auth/invite/" in r.text  # after the 303 to the GET page
    r = hr.post_form(
        "/coordinator/programmes",
        {"name": "Digital Leadership", "language": "en", "k_threshold": "4"},
        follow_redirects=True,
    )
    assert r.status_code == 200 and 'lang="en"' in r.text and "Participants" in r.text


def test_insights_page_shows_no_names_or_reflections(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.get("/coordinator/programmes/1/insights")
    assert r.status_code == 200 and "<svg" in r.text and "&lt; 3" in r.text
    for name in (
        "Helga",
        "Brandt",
        "Jonas",
        "Demir",
        "Lea",
        "Hoffmann",
        "Mia",
        "Schulte",
        "Tandem Geschäftsführung",
    ):
        assert name not in r.text.replace("Brandt Antriebstechnik", ""), name
    assert "Haftungsfragen" not in r.text and "Meisterkreis" not in r.text  # demo reflection words
    jonas = demo["browser"]("Jonas Demir")
    assert jonas.get("/coordinator/programmes/1/insights").status_code == 403
