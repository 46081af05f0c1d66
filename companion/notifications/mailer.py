"""Building and sending mails: SMTP with ``aiosmtplib``, or ``.eml`` files in an outbox directory.

``COMPANION_SMTP_URL`` chooses: ``smtp://user:pass@host:587`` (STARTTLS whenever the server offers it,
required when a password is sent to a host that is not this machine), ``smtps://user:pass@host:465``
(implicit TLS). Unset, every mail is written to ``<data dir>/outbox/`` and logged — the embedded
default, so a fresh install shows what it would send.
"""

from __future__ import annotations

import logging
import os
import re
from dataclasses import dataclass, field
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from companion.db.models import utcnow
from companion.settings import Settings

log = logging.getLogger(__name__)
LOOPBACK = ("localhost", "127.0.0.1", "::1")


class MailError(Exception):
    """Sending failed; worth another attempt later (server down, timeout, 4xx)."""


class PermanentMailError(MailError):
    """Sending can never succeed as it is (address refused, 5xx); no further attempts."""


@dataclass(frozen=True)
class Attachment:
    filename: str
    content: bytes
    maintype: str = "application"
    subtype: str = "octet-stream"


@dataclass
class Mail:
    """A mail before encoding: plain text and HTML alternatives, optional calendar part and files."""

    to: str
    subject: str
    text: str
    html: str
    language: str = "de"
    to_name: str | None = None
    calendar: bytes | None = None  # text/calendar alternative (iTIP), e.g. METHOD:REQUEST
    calendar_method: str = "REQUEST"
    attachments: list[Attachment] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


def parse_address(value: str, name: str | None = None) -> Address:
    """An address from ``Name <a@b>`` or ``a@b`` (``name`` wins when given)."""
    if name is None:
        match = re.fullmatch(r"\s*(.*?)\s*<([^>]+)>\s*", value)
        if match:
            name, value = match.group(1).strip('"') or None, match.group(2)
    local, _, domain = value.strip().rpartition("@")
    return Address(display_name=name or "", username=local, domain=domain)


def build_message(mail: Mail, sender: str) -> EmailMessage:
    """The MIME message: multipart/alternative (text, HTML[, text/calendar]) inside multipart/mixed
    when there are files. Calendar clients read the text/calendar part; the .ics file is for people."""
    message = EmailMessage()
    from_address = parse_address(sender)
    message["From"] = from_address
    message["To"] = parse_address(mail.to, mail.to_name)
    message["Subject"] = mail.subject
    message["Date"] = format_datetime(utcnow())
    message["Message-ID"] = make_msgid(domain=from_address.domain or "localhost")
    message["Auto-Submitted"] = "auto-generated"  # no out-of-office replies to a robot
    for name, value in mail.headers.items():
        message[name] = value
    message.set_content(mail.text, subtype="plain", charset="utf-8")
    message.add_alternative(mail.html, subtype="html", charset="utf-8")
    if mail.calendar is not None:
        message.add_alternative(
            mail.calendar.decode("utf-8"),
            subtype="calendar",
            charset="utf-8",
            params={"method": mail.calendar_method},
        )
    for item in mail.attachments:
        message.add_attachment(
            item.content, maintype=item.maintype, subtype=item.subtype, filename=item.filename
        )
    message["Content-Language"] = mail.language  # after the parts: set_content drops Content-* headers
    return message


class Transport(Protocol):
    """Delivers one encoded message; returns where it went (for the log)."""

    async def send(self, message: EmailMessage) -> str: ...


class OutboxTransport:
    """Writes each message as an .eml file (the default when no SMTP server is configured)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    async def send(self, message: EmailMessage) -> str:
        self.directory.mkdir(parents=True, exist_ok=True)
        stamp = utcnow().strftime("%Y%m%dT%H%M%S%f")
        slug = re.sub(r"[^a-z0-9]+", "-", str(message["To"].addresses[0].username).lower())[:40]
        path = self.directory / f"{stamp}-{slug}.eml"
        partial = path.with_suffix(".eml.part")
        partial.write_bytes(bytes(message))
        os.replace(partial, path)  # readers never see half a mail
        log.info("Mail to %s (%s) written to %s", message["To"], message["Subject"], path)
        return str(path)


@dataclass(frozen=True)
class SmtpTarget:
    hostname: str
    port: int
    username: str | None
    password: str | None
    implicit_tls: bool


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://user:pass@host:587`` or ``smtps://user:pass@host:465``; ValueError otherwise."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError("COMPANION_SMTP_URL must look like smtp://user:pass@host:587 or smtps://host:465")
    implicit = parts.scheme == "smtps"
    return SmtpTarget(
        hostname=parts.hostname,
        port=parts.port or (465 if implicit else 587),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        implicit_tls=implicit,
    )


class SmtpTransport:
    """Sends over SMTP with aiosmtplib; maps its errors to retry-later or never."""

    def __init__(self, url: str, timeout: float = 20.0) -> None:
        self.target = parse_smtp_url(url)
        self.timeout = timeout

    async def send(self, message: EmailMessage) -> str:
        import aiosmtplib

        t = self.target
        # A password only travels encrypted, unless the server is on this machine (a local relay).
        require_tls = bool(t.password) and t.hostname not in LOOPBACK and not t.implicit_tls
        try:
            await aiosmtplib.send(
                message,
                hostname=t.hostname,
                port=t.port,
                username=t.username,
                password=t.password,
                use_tls=t.implicit_tls,
                start_tls=True if require_tls else None,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            raise PermanentMailError(f"recipient refused: {exc}") from exc
        except aiosmtplib.SMTPResponseException as exc:
            if 500 <= exc.code < 600:
                raise PermanentMailError(f"SMTP {exc.code}: {exc.message}") from exc
            raise MailError(f"SMTP {exc.code}: {exc.message}") from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise MailError(f"{type(exc).__name__}: {exc}") from exc
        log.info("Mail to %s (%s) sent via %s:%s", message["To"], message["Subject"], t.hostname, t.port)
        return f"smtp://{t.hostname}:{t.port}"


def transport_for(settings: Settings) -> Transport:
    """SMTP when configured, else the outbox directory under the data directory."""
    if settings.smtp_url is not None and settings.smtp_url.get_secret_value():
        return SmtpTransport(settings.smtp_url.get_secret_value())
    return OutboxTransport(settings.data_dir / "outbox")
