"""Settings of the notification area, mixed into :class:`companion.settings.Settings`.

They live here so the area keeps its configuration in one place; the README's configuration table
lists them like every other setting.
"""

from __future__ import annotations

from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import BaseModel, Field, SecretStr, field_validator


class NotificationSettings(BaseModel):
    """E-mail, calendar, reminder and job settings (prefix ``COMPANION_`` like all settings)."""

    smtp_url: SecretStr | None = Field(
        None,
        description="SMTP server, e.g. smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 "
        "(implicit TLS). Unset: mails are written as .eml files to <data dir>/outbox/.",
    )
    mail_from: str = Field(
        "companion <companion@localhost>", description="Sender address (From) of every mail."
    )
    timezone: str = Field(
        "Europe/Berlin", description="Time zone of dates in mails and calendar invites (IANA name)."
    )
    calendar_invites: bool = Field(
        True, description="Mail an iCalendar invite when a session is planned, moved or cancelled."
    )
    reminders: bool = Field(True, description="Mail a reminder with agenda and preparation before a session.")
    reminder_days_before: int = Field(
        2, ge=1, le=14, description="Days before a session the reminder goes out."
    )
    reflection_prompts: bool = Field(True, description="Mail the reflection prompts after a session.")
    nudges: bool = Field(True, description="Mail one friendly nudge to a pair that has stalled.")
    nudge_after_days: int = Field(
        30, ge=7, le=180, description="Days without a held or planned session after which a pair has stalled."
    )
    scan_interval_seconds: int = Field(
        60,
        ge=0,
        le=3600,
        description="How often due notifications are looked for (in-process runner); 0: never on a timer.",
    )
    mail_max_attempts: int = Field(
        6, ge=1, le=20, description="Attempts per mail before it counts as failed."
    )
    signin_limit_per_address: int = Field(
        3, ge=1, le=100, description="Sign-in links one e-mail address can request per hour."
    )
    signin_limit_per_ip: int = Field(
        20, ge=1, le=10_000, description="Sign-in requests one IP address can make per hour."
    )
    queue_name: str = Field(
        "companion",
        pattern=r"^[A-Za-z0-9_.:-]{1,60}$",
        description="Name of the SAQ job queue in Redis (several deployments can share one Redis).",
    )

    @field_validator("smtp_url")
    @classmethod
    def _smtp_url(cls, value: SecretStr | None) -> SecretStr | None:
        if value is None or not value.get_secret_value():
            return None
        parts = urlsplit(value.get_secret_value())
        if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
            raise ValueError("must look like smtp://user:pass@host:587 or smtps://user:pass@host:465")
        return value

    @field_validator("timezone")
    @classmethod
    def _zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use an IANA name like Europe/Berlin)") from exc
        return value
