"""The demo's reflections read like real ones: each by its member, about the pair's own first topic."""

from __future__ import annotations

from typing import Any

from tests.web.test_pages import _first_session


def test_a_demo_summary_names_who_wrote_and_keeps_the_private_note(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    sid = _first_session(demo["url"], demo["ids"]["Jonas Demir"])
    assert "nervös" in jonas.get(f"/me/sessions/{sid}?edit=1").text  # Jonas sees his own note
    r = jonas.api_post(f"/api/sessions/{sid}/summary")
    assert r.status_code == 201, r.text
    text = str(r.json())
    # Each line goes to the person who wrote it, about the pair's own topic (AI at work).
    assert "Jonas" in text and "Helga Brandt" in text
    assert "Angebotsentwurf" in text
    assert "nervös" not in text  # ... and it never reaches the summary


def test_the_group_shows_whose_reflection_is_still_missing(demo: dict[str, Any]) -> None:
    mia = demo["browser"]("Mia Schulte")
    sid = _first_session(demo["url"], demo["ids"]["Mia Schulte"])
    r = mia.api_post(f"/api/sessions/{sid}/summary")
    assert r.status_code == 201, r.text
    text = str(r.json())
    assert "die Reflexion von Ben Wagner steht noch aus" in text
    assert "Meisterkreis" in text and "Schichtübergabe" in text
