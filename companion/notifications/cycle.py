"""What the mails of the session cycle say: calendar updates, reminders, reflection questions and
nudges (the builders of :mod:`companion.notifications.compose`, for one session or pair)."""

from __future__ import annotations

from companion.notifications.compose import Content, SessionFacts, hello
from companion.notifications.i18n import Texts
from companion.notifications.mailer import Attachment


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
                "Session {number} of your {at_pair} on {when} has been cancelled. Plan a new one "
                "whenever it suits you.",
                number=facts.number,
                **t.pair(facts.pair, facts.group),
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
                "Session {number} of your {at_pair} has a new time: {when}, {duration} minutes.",
                number=facts.number,
                **t.pair(facts.pair, facts.group),
                when=when,
                duration=facts.duration,
            )
            if moved
            else t(
                "Session {number} of your {at_pair} is set: {when}, {duration} minutes.",
                number=facts.number,
                **t.pair(facts.pair, facts.group),
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
        greeting=hello(t, name),
        paragraphs=lines,
        button=(t("Open the session"), facts.url),
        signature=facts.programme,
        reason=t(
            "You are receiving this mail because you are a member of the {to_pair}.",
            **t.pair(facts.pair, facts.group),
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
        greeting=hello(t, name),
        paragraphs=[
            t(
                "Your next session of the {at_pair} is coming up: {when}, {duration} minutes.",
                **t.pair(facts.pair, facts.group),
                when=t.when(facts.starts_at),
                duration=facts.duration,
            )
        ],
        button=(t("Open the session"), facts.url),
        signature=facts.programme,
        reason=t(
            "You are receiving this reminder because you are a member of the {to_pair}.",
            **t.pair(facts.pair, facts.group),
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
        # No questions exist yet: say how to get them rather than promise they are there.
        content.paragraphs.append(
            t(
                "On the session page you can also have questions to prepare made, for you and the others in your group."
            )
            if facts.group
            else t(
                "On the session page you can also have questions to prepare made, for you and your partner."
            )
        )
    if to_bring:
        content.lists.append((t("What you might bring"), to_bring))
    content.after.append(t("A few minutes of preparation are enough – the conversation does the rest."))
    return content


def reflection(
    t: Texts, *, name: str, facts: SessionFacts, prompts: list[str], preferences_url: str, held: bool = True
) -> Content:
    """After a session: the questions for my reflection (``held``: marked as held; until then the page
    asks for that before the reflection opens, so the mail says so)."""
    content = Content(
        language=t.language,
        subject=t("How was your session? Note what stays with you"),
        greeting=hello(t, name),
        paragraphs=[
            t(
                "Your session of the {at_pair} on {when} is over. If you like, take a few minutes to "
                "note what you take away – while it is still fresh.",
                **t.pair(facts.pair, facts.group),
                when=t.when(facts.starts_at),
            )
            if held
            # Not marked as held: nobody said it took place, so the mail does not say it is over.
            else t(
                "Your session of the {at_pair} was planned for {when}. If it took place, take a few "
                "minutes, if you like, to note what you take away – while it is still fresh.",
                **t.pair(facts.pair, facts.group),
                when=t.when(facts.starts_at),
            )
        ],
        button=(t("Write your reflection"), facts.url + "#reflection"),
        after=[
            t(
                "You decide what is shared: before anything goes to the others, you see it and can leave "
                "out sentences, and your private note stays with you. The programme coordination only sees "
                "anonymised themes across the programme, never your texts."
            )
        ],
        signature=facts.programme,
        reason=t(
            "You are receiving this mail because you are a member of the {to_pair}.",
            **t.pair(facts.pair, facts.group),
        ),
        preferences_url=preferences_url,
    )
    if not held:
        content.paragraphs.append(
            t("First mark it as held on the session page; the reflection opens after that.")
        )
    if prompts:
        content.lists.append((t("Questions for your reflection"), prompts))
    else:
        content.paragraphs.append(t("A few short questions are waiting for you on the session page."))
    return content


def nudge(
    t: Texts,
    *,
    name: str,
    pair: str,
    programme: str,
    cancellations: bool,
    url: str,
    preferences_url: str,
    group: bool = False,
) -> Content:
    """Once per stall: a friendly suggestion to meet again, voluntary by design."""
    first = (
        t(
            "Your last two sessions of the {at_pair} were cancelled. That happens quickly when "
            "calendars are full.",
            **t.pair(pair, group),
        )
        if cancellations
        else t(
            "Your {at_pair} hasn't met for a while. That happens quickly when calendars are full.",
            **t.pair(pair, group),
        )
    )
    return Content(
        language=t.language,
        subject=t("Time for your next session?"),
        greeting=hello(t, name),
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
                "The programme is voluntary: if now is not a good time, that is fine. If something is in "
                "the way, you can talk it over with each other or with the programme coordination."
            )
        ],
        signature=programme,
        reason=t(
            "You get this mail once because your {at_pair} hasn't met for a while.",
            **t.pair(pair, group),
        ),
        preferences_url=preferences_url,
    )


def ics_attachment(content: bytes, method: str) -> Attachment:
    """The .ics file for people whose mail client does not read the calendar part."""
    name = "cancel.ics" if method == "CANCEL" else "invite.ics"
    return Attachment(filename=name, content=content, maintype="application", subtype="ics")
