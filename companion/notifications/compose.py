"""What each mail says. Builders take plain values (no database) and return :class:`Content`;
:func:`to_mail` renders it through the text and HTML layouts. All wording goes through gettext
(English msgids, German in ``companion/locales``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from companion.notifications.i18n import Texts, environment
from companion.notifications.mailer import Mail


@dataclass
class Content:
    """The parts of a mail, in reading order."""

    language: str
    subject: str
    greeting: str
    paragraphs: list[str] = field(default_factory=list)
    lists: list[tuple[str, list[str]]] = field(default_factory=list)
    button: tuple[str, str] | None = None  # label, URL
    after: list[str] = field(default_factory=list)
    signature: str = "companion"
    reason: str = ""
    preferences_url: str | None = None


def to_mail(content: Content, to: str, to_name: str | None = None, **extra: object) -> Mail:
    """Render ``content`` as plain text and HTML (same words, two layouts)."""
    env = environment(content.language)
    text = env.get_template("layout.txt").render(m=content)
    html = env.get_template("layout.html").render(m=content)
    headers: dict[str, str] = {}
    if content.preferences_url:
        headers["List-Unsubscribe"] = f"<{content.preferences_url}>"
    mail = Mail(
        to=to, to_name=to_name, subject=content.subject, text=text, html=html, language=content.language
    )
    mail.headers.update(headers)
    for key, value in extra.items():
        setattr(mail, key, value)
    return mail


def first_name(display_name: str) -> str:
    """The name a colleague would greet with: the first word that is not a title ("Dr. Helga Brandt"
    → "Helga"); the whole name when there is no such word."""
    words = [w for w in display_name.split() if not w.endswith(".")]
    return words[0] if len(words) > 1 else display_name


def hello(t: Texts, name: str | None) -> str:
    """The salutation: first name, or a plain hello."""
    return t("Hello {name},", name=first_name(name)) if name else t("Hello,")


def invite(
    t: Texts,
    *,
    name: str,
    programme: str,
    coordinator: str | None,
    url: str,
    expires_at: datetime,
    signin_url: str,
    group: bool | None = None,
) -> Content:
    """A coordinator invites a participant: the first sign-in link. ``group`` is what the participant's
    pairs are (see :func:`companion.programmes.services.in_groups`): the mail says where to find "deine
    Gruppe" or "dein Tandem", and both when there is no pair yet or there are both kinds."""
    opening = (
        t(
            "{coordinator} has invited you to the reverse mentoring programme “{programme}”. "
            "Great to have you on board!",
            coordinator=coordinator,
            programme=programme,
        )
        if coordinator
        else t(
            "You are invited to the reverse mentoring programme “{programme}”. Great to have you on board!",
            programme=programme,
        )
    )
    return Content(
        language=t.language,
        subject=t("Welcome to “{programme}” – your sign-in link", programme=programme),
        greeting=hello(t, name),
        paragraphs=[
            opening,
            _what_is_there(t, group),
        ],
        button=(t("Sign in now"), url),
        after=[
            t(
                "The link works once and is valid until {expires}. Whenever you need a new one, you "
                "can request it yourself: {signin_url}",
                expires=t.when(expires_at),
                signin_url=signin_url,
            )
        ],
        signature=programme,
        reason=t("You are receiving this mail because the programme coordination invited you."),
    )


def _what_is_there(t: Texts, group: bool | None) -> str:
    """The invite's sentence on what the sign-in leads to, naming the member's pair by its kind."""
    if group:
        return t(
            "The link below signs you in. There you will find your group, your sessions and, for each "
            "session, an agenda and questions to prepare."
        )
    if group is False:
        return t.pgettext(
            "one-to-one",
            "The link below signs you in. There you will find your pair, your sessions and, for each "
            "session, an agenda and questions to prepare.",
        )
    return t(
        "The link below signs you in. There you will find your pair, your sessions and, for each "
        "session, an agenda and questions to prepare."
    )


def signin(t: Texts, *, name: str, programme: str | None, url: str, expires_at: datetime) -> Content:
    """Self-service: the link someone asked for on the sign-in page."""
    subject = (
        t("Your sign-in link for “{programme}”", programme=programme) if programme else t("Your sign-in link")
    )
    return Content(
        language=t.language,
        subject=subject,
        greeting=hello(t, name),
        paragraphs=[t("Here is the sign-in link you just asked for.")],
        button=(t("Sign in"), url),
        after=[
            t("The link works once and is valid until {expires}.", expires=t.when(expires_at)),
            t("Didn't ask for it? Then just ignore this mail – nobody can sign in without the link."),
        ],
        signature=programme or "companion",
        reason=t("You are receiving this mail because your address was entered on the sign-in page."),
    )


def test(t: Texts) -> Content:
    """``companion mail test``: proves the mail setup works."""
    return Content(
        language=t.language,
        subject=t("Test mail from companion"),
        greeting=hello(t, None),
        paragraphs=[t("This mail checks that companion can send mail. It arrived, so everything is set up.")],
        reason=t("Sent with “companion mail test”."),
    )


@dataclass(frozen=True)
class SessionFacts:
    """What mails say about one session."""

    pair: str
    number: int
    starts_at: datetime
    duration: int
    topic: str | None
    url: str
    programme: str
    group: bool = False  # a group session: "in der Gruppe", not "im Tandem"
