"""Coordinators switch the page language for their browser; participants and generated text keep the
programme's language; the switch returns to the page it came from and cannot redirect elsewhere."""

from __future__ import annotations

from typing import Any

from companion.web.pages_language import back_to


def test_coordinator_switches_to_english_and_back(demo: dict[str, Any]) -> None:
    hr = demo["browser"]("Katrin Vogel (HR)")
    page = hr.get("/coordinator/programmes/1").text
    assert 'lang="de"' in page and 'id="lang-switch"' in page and "Teilnehmende" in page
    r = hr.post_form(
        "/coordinator/language",
        {"language": "en", "next": "/coordinator/programmes/1"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/coordinator/programmes/1"
    page = hr.get("/coordinator/programmes/1").text
    assert 'lang="en"' in page and "Participants" in page and "Teilnehmende" not in page
    # a form error on the switched page speaks the page's language too
    r = hr.post_form(
        "/coordinator/programmes/1/settings", {"name": "B", "language": "de", "k_threshold": "2"}
    )
    assert r.status_code == 400 and "Anonymity threshold k: please enter a number from 3." in r.text
    insights = hr.get("/coordinator/programmes/1/insights").text
    assert 'lang="en"' in insights
    hr.post_form("/coordinator/language", {"language": "de", "next": "/coordinator"})
    assert 'lang="de"' in hr.get("/coordinator").text
    # an unknown language clears the choice: the programme's own again
    hr.post_form("/coordinator/language", {"language": "fr", "next": "/coordinator"})
    assert 'lang="de"' in hr.get("/coordinator/programmes/1").text


def test_a_switch_that_cannot_be_read_returns_to_the_programme_language(demo: dict[str, Any]) -> None:
    """A tampered switch (control characters, an over-long language) is no 500: back to the coordinator
    home in the programme's language."""
    hr = demo["browser"]("Katrin Vogel (HR)")
    hr.post_form("/coordinator/language", {"language": "en", "next": "/coordinator"})
    r = hr.post_form(
        "/coordinator/language",
        {"language": "en\x00", "next": "/coordinator/programmes/1"},
        follow_redirects=False,
    )
    assert r.status_code == 303 and r.headers["location"] == "/coordinator"
    assert 'lang="de"' in hr.get("/coordinator").text
    r = hr.post_form("/coordinator/language", {"language": "e" * 50, "next": "/coordinator"})
    assert r.status_code == 200 and 'lang="de"' in r.text


def test_participants_keep_the_programme_language(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    assert 'id="lang-switch"' not in lea.get("/me").text
    r = lea.post_form("/coordinator/language", {"language": "en", "next": "/me"}, follow_redirects=False)
    assert r.status_code == 403
    lea.client.cookies.set("companion_lang", "en")  # a cookie set by hand changes nothing either
    assert 'lang="de"' in lea.get("/me").text


def test_back_to_stays_on_this_site() -> None:
    assert back_to("/coordinator/programmes/1?x=1") == "/coordinator/programmes/1?x=1"
    for outside in ("https://evil.example/", "//evil.example/", "/\\evil.example", "", "coordinator"):
        assert back_to(outside) == "/coordinator", outside


def test_dates_and_months_read_the_page_language(demo: dict[str, Any]) -> None:
    import re

    from companion.i18n import month_label

    hr = demo["browser"]("Katrin Vogel (HR)")
    insights = hr.get("/coordinator/programmes/1/insights").text
    months = re.findall(r"<tr><td>([^<]+)</td>", insights.split("<tbody>")[1])
    assert months and all(re.fullmatch(r"[A-ZÄÖÜ][a-zäöü]+ 20\d\d", m) for m in months), months
    assert "2026-" not in insights.split("<main")[1].split("<svg")[0]
    assert month_label("2026-03", "de") == "März 2026" and month_label("2026-03", "en") == "March 2026"
    lea = demo["browser"]("Lea Hoffmann")
    assert re.search(r"\d\d\.\d\d\.20\d\d, \d\d:\d\d", lea.get("/me").text)
