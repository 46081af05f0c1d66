"""A German programme shows German on every error path people can reach: a used or expired sign-in
link, a bad date, the rate limit, k below 3, the generic error page, validation messages, the live
progress labels and the mails. A small English-word detector fails the test on English text."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from html.parser import HTMLParser
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from companion.notifications import compose
from companion.notifications.i18n import Texts
from companion.web.page_errors import page_detail, status_text, validation_message

from .test_pages import _first_session

# Words that are English and not also German (no "was", "will", "Link", "Session", "Agenda", "Team").
ENGLISH = frozenset(
    re.findall(
        r"\w+",
        """the and is not this that please could should with your you of to be than or equal greater input
        valid expired used ask read requests many retrieving retrieved composing allowed method found wrong
        went something try again nothing field required must would have has been are which there what when
        does do can cannot it its too sign out save back delete create planned cancelled working progress
        reflection reflections""",
    )
)
# visible attributes people read or hear (screen readers), and the progress labels of the scripts
ATTRIBUTES = {"title", "aria-label", "placeholder", "alt", "data-working", "data-failed", "data-busy"}
ATTRIBUTES |= {"data-retrieving", "data-retrieved", "data-composing", "data-stream-failed"}


class _Visible(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        for name, value in attrs:
            if value and name in ATTRIBUTES:
                self.parts.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def english_words(text: str) -> list[str]:
    """English words in ``text`` (HTML is reduced to what people read or hear)."""
    if "<" in text:
        parser = _Visible()
        parser.feed(text)
        text = " ".join(parser.parts)
    text = re.sub(r"\S+@\S+|https?://\S+|/[\w/{}.-]+", " ", text)  # addresses and paths are not words
    # lower case or capitalised ("IT", a department, is no English word); codes such as "one-to-one"
    # are words in a sentence too
    return [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH and not w.isupper()]


def assert_german(text: str, where: str) -> None:
    found = english_words(text)
    assert not found, f"{where}: English on a German page: {found[:12]}"


def test_the_detector_finds_english_and_passes_german() -> None:  # negative and positive controls
    for english in (
        "This sign-in link is not valid (already used or expired).",
        "<p>Too Many Requests</p>",
        "k_threshold: Input should be greater than or equal to 3",
        '<ol data-working="x" data-retrieving="retrieving"></ol>',
        '<button aria-label="Sign out">x</button>',
    ):
        assert english_words(english), english
    german = '<p title="Zurück">Diese Session ist abgesagt.</p><a href="/me/sessions/1">Link</a>'
    assert english_words(german) == []
    assert english_words("<script>const the = 1;</script><p>Agenda</p>") == []


def test_used_and_expired_sign_in_links_say_so_in_german(demo: dict[str, Any]) -> None:
    demo["browser"]("Lea Hoffmann")  # signs in with her link: now it is used
    link = demo["links"]["Lea Hoffmann"]
    path = "/" + link.split("/", 3)[3]
    fresh = demo["browser"]("Jonas Demir").client
    fresh.cookies.clear()  # signed out: a person opening the link again in another browser
    page = fresh.get(path, headers={"accept": "text/html"})
    token = re.search(r'name="_csrf_token" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
    assert_german(page.text, "invite page")
    r = fresh.post(path, data={"_csrf_token": token}, headers={"accept": "text/html"})
    assert r.status_code in (400, 401, 403, 404, 410) and "Anmeldelink gilt nicht mehr" in r.text
    assert_german(r.text, "used sign-in link")
    # an unknown link fails alike (used, expired and unknown links are not told apart)
    r = fresh.post("/auth/invite/" + "x" * 43, data={"_csrf_token": token}, headers={"accept": "text/html"})
    assert "Anmeldelink gilt nicht mehr" in r.text
    assert_german(r.text, "expired sign-in link")


def test_bad_date_k_below_three_and_validation_messages(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    sid = _first_session(demo["url"], demo["ids"]["Lea Hoffmann"])
    me = lea.get("/me").text
    pair_id = re.search(r'action="/me/pairs/(\d+)/sessions"', me).group(1)  # type: ignore[union-attr]
    r = lea.post_form(f"/me/pairs/{pair_id}/sessions", {"scheduled_at": "morgen irgendwann"})
    assert r.status_code == 400 and "Das Datum ließ sich nicht lesen" in r.text
    assert_german(r.text, "bad date")
    hr = demo["browser"]("Katrin Vogel (HR)")
    r = hr.post_form(
        "/coordinator/programmes/1/settings", {"name": "Brandt", "language": "de", "k_threshold": "2"}
    )
    assert r.status_code == 400 and "Anonymitätsschwelle k: Bitte gib eine Zahl ab 3 ein." in r.text
    assert "Input should" not in r.text and "k_threshold" not in r.text.split("<main")[1].split("name=")[0]
    assert_german(r.text, "k below 3")
    r = hr.post_form("/coordinator/programmes", {"name": "Neu", "language": "de", "k_threshold": "1"})
    assert r.status_code == 400 and "ab 3" in r.text
    assert_german(r.text, "new programme with k below 3")
    r = hr.post_form(
        "/coordinator/programmes/1/settings", {"name": "Brandt", "language": "de", "k_threshold": "x"}
    )
    assert r.status_code == 400 and "ganze Zahl" in r.text
    assert_german(r.text, "k not a number")
    assert lea.get(f"/me/sessions/{sid}").status_code == 200


@pytest.fixture
def low_rate_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_GENERATION_RATE_LIMIT", "3")


def test_generic_error_pages_and_rate_limit(low_rate_limit: None, demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    for url in ("/me/sessions/999999", "/coordinator", "/no/such/page"):
        r = lea.get(url)
        assert r.status_code in (403, 404) and "Etwas ist schiefgelaufen" in r.text, url
        assert_german(r.text, url)
    r = lea.get(f"/me/pairs/{_pair_of(lea)}/sessions")  # a form's address opened by reload: 405
    assert r.status_code == 405 and "Diese Adresse lässt sich so nicht öffnen" in r.text
    assert_german(r.text, "405")
    r = lea.client.get("/me/sessions/999999", headers={"accept": "text/html", "hx-request": "true"})
    assert_german(r.text, "HTMX error fragment")
    # The rate limit answers the page's scripts (the API keeps English for scripts); what the page
    # then says is German, and so is the status sentence of a 429 page.
    sid = _first_session(demo["url"], demo["ids"]["Lea Hoffmann"])
    statuses = [lea.api_post(f"/api/sessions/{sid}/preparation").status_code for _ in range(5)]
    assert 429 in statuses
    page = lea.get(f"/me/sessions/{sid}").text
    assert "Zu viele Anfragen in kurzer Zeit" in page
    assert status_text(429, "de") == "Zu viele Anfragen. Bitte kurz warten."
    from litestar.exceptions import TooManyRequestsException

    assert page_detail(TooManyRequestsException(), "de") == ""  # the bare "Too Many Requests" is left out


def test_session_page_and_progress_labels_are_german(demo: dict[str, Any]) -> None:
    lea = demo["browser"]("Lea Hoffmann")
    sid = _first_session(demo["url"], demo["ids"]["Lea Hoffmann"])
    page = lea.get(f"/me/sessions/{sid}").text
    progress = page.split('id="agenda-progress"')[1].split(">")[0]
    assert 'data-retrieving="Passende Karten' in progress and "data-composing" in progress
    assert_german(page, "session page")
    assert_german(lea.get("/me").text, "home page")


def test_validation_messages_by_type() -> None:
    said = validation_message({"type": "greater_than_equal", "loc": ("k_threshold",), "ctx": {"ge": 3}}, "de")
    assert said == "Anonymitätsschwelle k: mindestens 3."
    said = validation_message({"type": "greater_than_equal", "loc": ("k_threshold",), "ctx": {"ge": 3}}, "en")
    assert said == "Anonymity threshold k: at least 3."
    for kind in ("missing", "string_too_long", "int_parsing", "datetime_parsing", "no_such_type"):
        error = {"type": kind, "loc": ("body", "name"), "ctx": {"max_length": 200}}
        assert_german(validation_message(error, "de"), kind)


def test_german_mails_are_german() -> None:
    t = Texts("de", ZoneInfo("Europe/Berlin"))
    when = datetime(2026, 12, 2, 13, 30, tzinfo=UTC) + timedelta(days=7)
    for content in (
        compose.invite(
            t,
            name="Lea Hoffmann",
            programme="Brandt",
            coordinator="Katrin Vogel",
            url="https://x.example/auth/invite/abc",
            expires_at=when,
            signin_url="https://x.example/signin",
        ),
        compose.signin(
            t, name="Lea Hoffmann", programme="Brandt", url="https://x.example/a", expires_at=when
        ),
        compose.test(t),
    ):
        mail = compose.to_mail(content, "lea@example.org")
        for part in (mail.subject, mail.text, mail.html):
            assert_german(part.replace("companion", ""), content.subject)


def _pair_of(browser: Any) -> str:
    me = browser.get("/me").text
    return re.search(r'action="/me/pairs/(\d+)/sessions"', me).group(1)  # type: ignore[union-attr]
