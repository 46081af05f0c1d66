"""The knowledge library: browse and filter the cards in both languages, search them, read one card,
and see the agendas that cite it — a participant only their own pair's sessions, a coordinator only a
k-anonymous count per programme."""

from __future__ import annotations

import re
from typing import Any

from companion.retrieval.knowledge import load_knowledge
from companion.settings import Settings

from .test_pages import _first_session

CARD = re.compile(r'class="library-entry" data-card="([^"]+)" data-lang="([^"]+)"')


def _kb() -> Any:
    return load_knowledge(Settings(_env_file=None).knowledge_dir)  # type: ignore[call-arg]


def _entries(html: str) -> list[tuple[str, str]]:
    return CARD.findall(html)


def test_browse_filter_and_both_languages(demo: dict[str, Any]) -> None:
    kb = _kb()
    jonas = demo["browser"]("Jonas Demir")
    r = jonas.get("/library")
    assert r.status_code == 200 and 'lang="de"' in r.text and "Bibliothek" in r.text
    entries = _entries(r.text)
    assert len(entries) == len([c for c in kb.cards if c.lang == "de"]) and {lang for _, lang in entries} == {
        "de"
    }
    assert "KI und Automatisierung im Arbeitsalltag" in r.text
    assert 'href="/library"' in jonas.get("/me").text  # linked from the navigation

    r = jonas.get("/library?kind=topic&category=technology")
    want = {c.id for c in kb.cards if c.lang == "de" and c.kind == "topic" and c.category == "technology"}
    assert {cid for cid, _ in _entries(r.text)} == want and want

    r = jonas.get("/library?lang=en&kind=pitfall")
    entries = _entries(r.text)
    assert entries and {lang for _, lang in entries} == {"en"}
    assert {cid for cid, _ in entries} == {c.id for c in kb.cards if c.kind == "pitfall"}

    both = _entries(jonas.get("/library?lang=all").text)
    assert len(both) == len(kb.cards) and {lang for _, lang in both} == {"de", "en"}

    r = jonas.get("/library?kind=recipe")
    assert r.status_code == 400 and "Diese Art von Karte gibt es nicht." in r.text
    assert jonas.get("/library?lang=fr").status_code == 400


def test_search_finds_cards_with_the_matching_passage(demo: dict[str, Any]) -> None:
    mia = demo["browser"]("Mia Schulte")
    r = mia.get("/library", params={"q": "Onboarding neuer Kolleginnen"})
    assert r.status_code == 200 and "Treffer für" in r.text
    entries = _entries(r.text)
    assert entries and {lang for _, lang in entries} == {"de"}
    long = mia.get("/library", params={"q": "Onboarding " * 60})
    assert long.status_code == 200 and _entries(long.text)  # an overlong query is cut, not refused
    r = mia.get("/library", params={"q": "Onboarding", "kind": "topic", "lang": "en"})
    entries = _entries(r.text)
    assert entries and all(cid.startswith("topic-") and lang == "en" for cid, lang in entries)


def test_card_page_renders_sections_and_its_twin(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.get("/library/cards/topic-ai-automation")
    assert r.status_code == 200
    assert "<h2>Warum es wichtig ist</h2>" in r.text and "<h2>Fragen für die Junior-Seite</h2>" in r.text
    assert "<ul>\n<li>" in r.text  # the markdown bullets are a real list
    assert 'href="/library/cards/topic-ai-automation?lang=en"' in r.text
    en = hr.get("/library/cards/topic-ai-automation?lang=en")
    assert en.status_code == 200 and "<h2>Why it matters</h2>" in en.text and 'lang="de"' in en.text
    pattern = hr.get("/library/cards/pattern-first-session")
    assert pattern.status_code == 200 and 'class="pattern-steps"' in pattern.text
    missing = hr.get("/library/cards/no-such-card")
    assert missing.status_code == 404 and "Diese Karte gibt es nicht." in missing.text


def _cited(browser: Any, sid: int) -> set[str]:
    assert browser.api_post(f"/api/sessions/{sid}/agenda").status_code == 201
    agenda = browser.client.get(f"/api/sessions/{sid}/agenda").json()["result"]
    return {ref["card_id"] for ref in agenda["sources"] + agenda["principles"]}


def test_participants_see_their_own_citing_sessions_only(demo: dict[str, Any]) -> None:
    jonas, mia = demo["browser"]("Jonas Demir"), demo["browser"]("Mia Schulte")
    sid = _first_session(demo["url"], demo["ids"]["Jonas Demir"])
    card = sorted(_cited(jonas, sid))[0]
    page = jonas.get(f"/library/cards/{card}").text
    assert f'href="/me/sessions/{sid}"' in page and "Tandem Geschäftsführung" in page
    other = mia.get(f"/library/cards/{card}").text
    assert 'id="no-citations"' in other and f"/me/sessions/{sid}" not in other
    assert "Tandem Geschäftsführung" not in other


def test_coordinators_see_only_k_anonymous_counts(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    people = ("Jonas Demir", "Mia Schulte", "Lea Hoffmann")  # three pairs; the demo's k is 3
    first = demo["browser"](people[0])
    sid = _first_session(demo["url"], demo["ids"][people[0]])
    common = _cited(first, sid)
    card = sorted(common)[0]
    page = hr.get(f"/library/cards/{card}").text
    row = page.split('data-programme="1"')[1].split("</tr>")[0]
    assert "&lt; 3" in row and 'class="suppressed"' in row  # one pair is below k
    for name in people[1:]:
        common &= _cited(demo["browser"](name), _first_session(demo["url"], demo["ids"][name]))
    assert common, "the three agendas share no card"
    card = sorted(common)[0]
    page = hr.get(f"/library/cards/{card}").text
    row = page.split('data-programme="1"')[1].split("</tr>")[0]
    assert re.search(r">\s*3\s*</td>", row), row
    for secret in ("Tandem Geschäftsführung", "Runde Produktion", "Projekt Social", "/me/sessions/", "Jonas"):
        assert secret not in page, secret


def test_library_needs_a_sign_in(demo: dict[str, Any]) -> None:
    jonas = demo["browser"]("Jonas Demir")
    jonas.client.cookies.clear()
    r = jonas.get("/library", follow_redirects=False)
    assert r.status_code in (302, 303, 307) and r.headers["location"] == "/signin"
