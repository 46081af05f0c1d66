"""CLI: ``companion mail test``, ``companion invite send|status``, ``companion notify scan`` and
``companion worker``."""

from __future__ import annotations

import asyncio
from typing import Annotated
from zoneinfo import ZoneInfo

import typer

mail_app = typer.Typer(help="E-mail: check the mail setup.", no_args_is_help=True)


def _settings():  # type: ignore[no-untyped-def]
    from companion.cli import load_settings

    return load_settings()


@mail_app.command("test")
def mail_test(
    email: Annotated[str, typer.Argument(help="Where to send the test mail", metavar="EMAIL")],
    language: Annotated[str, typer.Option(help="de or en")] = "de",
) -> None:
    """Send a test mail now (SMTP when COMPANION_SMTP_URL is set, else into <data dir>/outbox/)."""
    from email_validator import EmailNotValidError, validate_email

    from companion.notifications import compose
    from companion.notifications.i18n import Texts
    from companion.notifications.mailer import MailError, build_message, transport_for

    settings = _settings()
    try:
        address = validate_email(email, check_deliverability=False).normalized
    except EmailNotValidError as exc:
        typer.echo(f"Not a valid e-mail address: {exc}", err=True)
        raise typer.Exit(2) from exc
    if language not in ("de", "en"):
        typer.echo("--language must be de or en", err=True)
        raise typer.Exit(2)
    try:
        transport = transport_for(settings)
        mail = compose.to_mail(compose.test(Texts(language, ZoneInfo(settings.timezone))), address)
        where = asyncio.run(transport.send(build_message(mail, settings.mail_from)))
    except (MailError, ValueError) as exc:
        typer.echo(f"Sending failed: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"Test mail to {address} delivered: {where}")


def register(app: typer.Typer) -> None:
    """Add the notification commands to the ``companion`` CLI."""
    app.add_typer(mail_app, name="mail")
