"""Every page starts with a skip link (WCAG 2.4.1 bypass blocks): the first focusable element of the
body, named in the page's language, pointing at the main landmark (the browser test presses it)."""

from __future__ import annotations

import re
from typing import Any

FOCUSABLE = re.compile(r"<(a\s[^>]*href|button|input(?![^>]*type=\"hidden\")|select|textarea)\b[^>]*>", re.S)


def _first_focusable(html: str) -> str:
    body = html.split("<body", 1)[1]
    found = FOCUSABLE.search(body)
    assert found, "nothing focusable on the page"
    return found.group(0)


def test_every_page_starts_with_a_skip_link_to_main(demo: dict[str, Any]) -> None:
    hr, lea = demo["browser"]("Katrin Vogel (HR)"), demo["browser"]("Lea Hoffmann")
    pages = [
        (lea, "/me", "Zum Inhalt springen"),
        (lea, "/me/preferences", "Zum Inhalt springen"),
        (lea, "/library", "Zum Inhalt springen"),
        (lea, "/me/sessions/999999", "Zum Inhalt springen"),  # an error page too
        (hr, "/coordinator", "Zum Inhalt springen"),
        (hr, "/coordinator/programmes/1/matching", "Zum Inhalt springen"),
    ]
    for who, url, label in pages:
        html = who.get(url).text
        first = _first_focusable(html)
        assert 'class="skip-link' in first and 'href="#main"' in first, (url, first)
        assert f">{label}</a>" in html and '<main id="main" tabindex="-1">' in html, url
    hr.post_form("/coordinator/language", {"language": "en", "next": "/coordinator"})
    english = hr.get("/coordinator").text
    assert 'href="#main" id="skip-link">Skip to content</a>' in english
