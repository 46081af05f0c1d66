"""iCalendar invites (iTIP: METHOD REQUEST / CANCEL) and the private calendar feed, with ``icalendar``.

Each session keeps one UID for its life, so calendar apps update the same entry when it moves or is
cancelled; SEQUENCE grows with every change. Times are written in the configured zone (with its
VTIMEZONE), so the entry stays right across daylight-saving changes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from icalendar import Calendar, Event, vCalAddress, vText

from companion.db.models import utcnow

PRODID = "-//companion//reverse mentoring//EN"


@dataclass(frozen=True)
class Person:
    email: str
    name: str


@dataclass(frozen=True)
class EventFacts:
    """Everything one calendar entry says about a session."""

    session_id: int
    sequence: int
    starts_at: datetime
    duration: int
    summary: str
    description: str
    url: str
    organiser: Person
    attendees: tuple[Person, ...]
    cancelled: bool = False


def uid_for(session_id: int, base_url: str) -> str:
    """Stable per session and installation."""
    host = urlsplit(base_url).hostname or "localhost"
    return f"session-{session_id}@{host}"


def _address(person: Person, **params: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{person.email}")
    address.params["CN"] = vText(person.name)
    for key, value in params.items():
        address.params[key] = vText(value)
    return address


def event(facts: EventFacts, base_url: str, zone: str) -> Event:
    """One VEVENT for a session."""
    tz = ZoneInfo(zone)
    start = facts.starts_at.astimezone(tz)
    entry = Event()
    entry.add("uid", uid_for(facts.session_id, base_url))
    entry.add("sequence", facts.sequence)
    entry.add("dtstamp", utcnow())
    entry.add("dtstart", start)
    entry.add("dtend", start + timedelta(minutes=facts.duration))
    entry.add("summary", facts.summary)
    entry.add("description", facts.description)
    entry.add("url", facts.url)
    entry.add("status", "CANCELLED" if facts.cancelled else "CONFIRMED")
    entry.add("transp", "TRANSPARENT" if facts.cancelled else "OPAQUE")
    entry.add("organizer", _address(facts.organiser))
    for person in facts.attendees:
        entry.add(
            "attendee",
            _address(
                person, ROLE="REQ-PARTICIPANT", PARTSTAT="NEEDS-ACTION", RSVP="FALSE", CUTYPE="INDIVIDUAL"
            ),
        )
    return entry


def _calendar(method: str | None, name: str | None = None) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    if method:
        cal.add("method", method)
    if name:
        cal.add("x-wr-calname", name)
    return cal


def _zones(cal: Calendar, moments: list[datetime]) -> None:
    """VTIMEZONE for the years the entries span (not 1970-2038: keeps invites small)."""
    if moments:
        first, last = min(moments).date(), max(moments).date()
        cal.add_missing_timezones(
            first_date=first - timedelta(days=366), last_date=last + timedelta(days=366)
        )


def invite(facts: EventFacts, base_url: str, zone: str) -> bytes:
    """An iTIP message: METHOD:REQUEST for a planned or moved session, METHOD:CANCEL for a cancelled one."""
    cal = _calendar("CANCEL" if facts.cancelled else "REQUEST")
    cal.add_component(event(facts, base_url, zone))
    _zones(cal, [facts.starts_at])
    return bytes(cal.to_ical())


def feed(events: list[EventFacts], base_url: str, zone: str, name: str) -> bytes:
    """A subscribable calendar of a participant's sessions (no METHOD: it is published, not sent)."""
    cal = _calendar(None, name)
    for facts in events:
        cal.add_component(event(facts, base_url, zone))
    _zones(cal, [facts.starts_at])
    return bytes(cal.to_ical())
