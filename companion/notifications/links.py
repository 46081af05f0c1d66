"""URLs that mails link to. Preference and calendar-feed links carry an HMAC of the participant id
(keyed with the service's secret), so they work without signing in and cannot be guessed; a feed URL
also carries a generation number, so making a new one (or revoking) ends every older URL."""

from __future__ import annotations

import hashlib
import hmac

from companion.settings import Settings


def _mac(settings: Settings, purpose: str, *parts: int) -> str:
    key = settings.secret_key.get_secret_value().encode("utf-8")
    message = ":".join([purpose, *map(str, parts)]).encode("utf-8")
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:32]


def base(settings: Settings) -> str:
    return settings.base_url.rstrip("/")


def preferences_token(settings: Settings, participant_id: int) -> str:
    return f"{participant_id}.{_mac(settings, 'prefs', participant_id)}"


def preferences_url(settings: Settings, participant_id: int) -> str:
    """The page where a participant chooses which mails they get (no sign-in needed)."""
    return f"{base(settings)}/notifications/{preferences_token(settings, participant_id)}"


def parse_preferences_token(settings: Settings, token: str) -> int | None:
    """The participant id of a valid preferences token, else None."""
    head, _, mac = token.partition(".")
    if not head.isdigit() or len(head) > 12:
        return None
    pid = int(head)
    return pid if hmac.compare_digest(mac, _mac(settings, "prefs", pid)) else None


def feed_token(settings: Settings, participant_id: int, generation: int) -> str:
    return f"{participant_id}.{generation}.{_mac(settings, 'feed', participant_id, generation)}"


def feed_url(settings: Settings, participant_id: int, generation: int) -> str:
    """The private calendar feed (``.ics``) a calendar app subscribes to."""
    return f"{base(settings)}/calendar/{feed_token(settings, participant_id, generation)}.ics"


def parse_feed_token(settings: Settings, token: str) -> tuple[int, int] | None:
    """(participant id, generation) of a well-formed, authentic feed token, else None."""
    token = token.removesuffix(".ics")
    parts = token.split(".")
    if len(parts) != 3 or not parts[0].isdigit() or not parts[1].isdigit() or max(map(len, parts[:2])) > 12:
        return None
    pid, gen = int(parts[0]), int(parts[1])
    return (pid, gen) if hmac.compare_digest(parts[2], _mac(settings, "feed", pid, gen)) else None


def session_url(settings: Settings, session_id: int) -> str:
    return f"{base(settings)}/me/sessions/{session_id}"


def signin_page(settings: Settings) -> str:
    return f"{base(settings)}/signin"
