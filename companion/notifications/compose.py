"""What each mail says. Builders take plain values (no database) and return :class:`Content`;
:func:`to_mail` renders it through the text and HTML layouts. All wording goes through gettext
(English msgids, German in ``companion/locales``)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from companion.notifications.i18n import Texts, environment
from companion.notifications.mailer import Attachment, Mail


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


def _hello(t: Texts, name: str | None) -> str:
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
) -> Content:
    """A coordinator invites a participant: the first sign-in link."""
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
        greeting=_hello(t, name),
        paragraphs=[
            opening,
            t(
                "The link below signs you in. There you will find your pair, your sessions and, for "
                "each session, an agenda and questions to prepare."
            ),
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


def signin(t: Texts, *, name: str, programme: str | None, url: str, expires_at: datetime) -> Content:
    """Self-service: the link someone asked for on the sign-in page."""
    subject = (
        t("Your sign-in link for “{programme}”", programme=programme) if programme else t("Your sign-in link")
    )
    return Content(
        language=t.language,
        subject=subject,
        greeting=_hello(t, name),
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
        greeting=_hello(t, None),
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


def calendar(
    t: Texts, *, name: str, facts: SessionFacts, method: str, moved: bool, preferences_url: str
) -> Content:
    """A session was planned, moved or cancelled; the .ics goes with it."""
    when = t.when(facts.starts_at)
    date = t.date(facts.starts_at)
    if method == "CANCEL":
        subject = t("Cancelled: reverse mentoring session on {date}", date=date)
        lines = [
            t(
                "Session {number} of your pair “{pair}” on {when} has been cancelled. Plan a new one "
                "whenever it suits you both.",
                number=facts.number,
                pair=facts.pair,
                when=when,
            ),
            t("The attached cancellation removes the session from your calendar."),
        ]
    else:
        subject = (
            t("New time: reverse mentoring session on {date}", date=date)
            if moved
            else t("Invitation: reverse mentoring session on {date}", date=date)
        )
        first = (
            t(
                "Session {number} of your pair “{pair}” has a new time: {when}, {duration} minutes.",
                number=facts.number,
                pair=facts.pair,
                when=when,
                duration=facts.duration,
            )
            if moved
            else t(
                "Session {number} of your pair “{pair}” is set: {when}, {duration} minutes.",
                number=facts.number,
                pair=facts.pair,
                when=when,
                duration=facts.duration,
            )
        )
        lines = [first]
        if facts.topic:
            lines.append(t("Topic: {topic}", topic=facts.topic))
        lines.append(t("The calendar invitation is attached; one click puts the session in your calendar."))
    return Content(
        language=t.language,
        subject=subject,
        greeting=_hello(t, name),
        paragraphs=lines,
        button=(t("Open the session"), facts.url),
        signature=facts.programme,
        reason=t(
            "You are receiving this mail because you are a member of the pair “{pair}”.", pair=facts.pair
        ),
        preferences_url=preferences_url,
    )


def reminder(
    t: Texts,
    *,
    name: str,
    facts: SessionFacts,
    agenda: list[tuple[str, int]] | None,
    questions: list[str],
    to_bring: list[str],
    preferences_url: str,
) -> Content:
    """Some days before a session: the agenda (or a prompt to create one) and my own questions."""
    content = Content(
        language=t.language,
        subject=t("Coming up: your session on {date}", date=t.date(facts.starts_at)),
        greeting=_hello(t, name),
        paragraphs=[
            t(
                "Your next session of the pair “{pair}” is coming up: {when}, {duration} minutes.",
                pair=facts.pair,
                when=t.when(facts.starts_at),
                duration=facts.duration,
            )
        ],
        button=(t("Open the session"), facts.url),
        signature=facts.programme,
        reason=t(
            "You are receiving this reminder because you are a member of the pair “{pair}”.", pair=facts.pair
        ),
        preferences_url=preferences_url,
    )
    if facts.topic:
        content.paragraphs.append(t("Topic: {topic}", topic=facts.topic))
    if agenda:
        items = [
            t(
                "{title} ({length})",
                title=title,
                length=t.ngettext("{count} minute", "{count} minutes", minutes),
            )
            for title, minutes in agenda
        ]
        content.lists.append((t("Your agenda"), items))
    else:
        content.paragraphs.append(
            t(
                "There is no agenda for this session yet. On the session page you create one with a "
                "single click – a proposal you can adapt as you like."
            )
        )
    if questions:
        content.lists.append((t("Your questions to prepare"), questions))
    else:
        content.paragraphs.append(t("On the session page you will also find questions to prepare."))
    if to_bring:
        content.lists.append((t("What you might bring"), to_bring))
    content.after.append(t("A few minutes of preparation are enough – the conversation does the rest."))
    return content


def reflection(
    t: Texts, *, name: str, facts: SessionFacts, prompts: list[str], preferences_url: str
) -> Content:
    """After a session: the questions for my reflection."""
    content = Content(
        language=t.language,
        subject=t("How did it go? Note what stays with you"),
        greeting=_hello(t, name),
        paragraphs=[
            t(
                "Your session of the pair “{pair}” on {when} is over. Take a few minutes to note what "
                "you take away – while it is still fresh.",
                pair=facts.pair,
                when=t.when(facts.starts_at),
            )
        ],
        button=(t("Write your reflection"), facts.url + "#reflection"),
        after=[
            t(
                "Only your pair sees your answers. The programme coordination only sees anonymised "
                "themes across many pairs, never your texts."
            )
        ],
        signature=facts.programme,
        reason=t(
            "You are receiving this mail because you are a member of the pair “{pair}”.", pair=facts.pair
        ),
        preferences_url=preferences_url,
    )
    if prompts:
        content.lists.append((t("Questions for your reflection"), prompts))
    else:
        content.paragraphs.append(t("A few short questions are waiting for you on the session page."))
    return content


def nudge(
    t: Texts, *, name: str, pair: str, programme: str, cancellations: bool, url: str, preferences_url: str
) -> Content:
    """Once per stall: a friendly suggestion to meet again, voluntary by design."""
    first = (
        t(
            "Your last two sessions of the pair “{pair}” were cancelled. That happens quickly when "
            "calendars are full.",
            pair=pair,
        )
        if cancellations
        else t(
            "Your pair “{pair}” hasn't met for a while. That happens quickly when calendars are full.",
            pair=pair,
        )
    )
    return Content(
        language=t.language,
        subject=t("Time for your next session?"),
        greeting=_hello(t, name),
        paragraphs=[
            first,
            t(
                "How about a new session in the next few weeks? Thirty minutes are enough for a good "
                "conversation, and companion is happy to suggest a topic."
            ),
        ],
        button=(t("Plan a session"), url),
        after=[
            t(
                "The programme is voluntary. If something doesn't fit right now, talk about it openly – "
                "with each other or with the programme coordination."
            )
        ],
        signature=programme,
        reason=t("You get this mail once because your pair “{pair}” hasn't met for a while.", pair=pair),
        preferences_url=preferences_url,
    )


def ics_attachment(content: bytes, method: str) -> Attachment:
    """The .ics file for people whose mail client does not read the calendar part."""
    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    return Attachment(filename=name, content=content, maintype="application", subtype="ics")
